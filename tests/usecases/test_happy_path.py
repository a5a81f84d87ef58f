"""A complaint's whole life with two agencies, checking every event and every message.

submit → verify (roads) → dispatch (environment too) → claim → request info → citizen adds
info → roads resolves with a note → environment resolves → citizen confirms and rates.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from domain.model import TicketEvent
from domain.outbound import Outbound
from domain.roles import Role
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from domain.usecases import (
    add_citizen_info,
    claim_ticket,
    confirm_resolution,
    dispatch_ticket,
    public_timeline,
    request_info,
    resolve_ticket,
    verify_ticket,
)
from tests.usecases.world import World, wib

S = TicketStatus


def row(e: TicketEvent) -> tuple[Any, ...]:
    return (e.action, e.actor_role, e.actor_id, e.public, e.from_status, e.to_status, e.agency_id)


def msg(o: Outbound) -> tuple[int, str, int | None]:
    assert o.text is not None
    return (o.chat_id, o.text.split()[0], o.agency_id)


async def test_two_agency_complaint_from_submit_to_closed(world: World) -> None:
    w = world
    # Monday 09:00: the citizen files; the unit has one working day to verify.
    ticket = await w.submit(photo_file_ids=["photo-1"], latitude=-7.56, longitude=110.82)
    assert ticket.code.startswith("ADU-") and ticket.status == S.SUBMITTED
    assert (ticket.stage, ticket.deadline) == (SlaStage.VERIFY, wib(3, 9))
    tid = ticket.id
    assert tid is not None

    w.clock.set(wib(2, 10))
    ticket = await w.act(verify_ticket, w.as_admin, tid)
    assert ticket.status == S.DISPATCHED and ticket.verified_at == wib(2, 10)
    assert ticket.stage is None and ticket.deadline is None

    w.clock.set(wib(2, 10, 30))
    ticket = await w.act(dispatch_ticket, w.as_admin, tid, [w.env.id])
    shares = await w.assignments(tid)
    assert set(shares) == {w.roads.id, w.env.id}
    assert shares[w.roads.id].stage == SlaStage.FIRST_RESPONSE
    assert shares[w.roads.id].deadline == wib(4, 10)  # 48 clock hours
    assert shares[w.env.id].deadline == wib(4, 10, 30)

    w.clock.set(wib(2, 11))
    ticket = await w.act(claim_ticket, w.as_roads, tid)
    assert ticket.status == S.IN_PROGRESS
    roads = (await w.assignments(tid))[w.roads.id]
    assert roads.officer_id == w.roads_officer.id and roads.first_response_at is None

    w.clock.set(wib(2, 13))
    ticket = await w.act(request_info, w.as_roads, tid, "Di sisi jalan yang mana, Pak?")
    assert ticket.status == S.NEED_INFO and ticket.first_response_at == wib(2, 13)
    roads = (await w.assignments(tid))[w.roads.id]
    assert roads.status == AssignmentStatus.NEED_INFO
    assert (roads.stage, roads.deadline) == (SlaStage.RESOLVE, wib(9, 13))
    assert roads.paused_at == wib(2, 13)

    # Tuesday 10:00 the citizen answers: 3 h on Monday + 2 h on Tuesday were paused.
    w.clock.set(wib(3, 10))
    ticket = await w.act(
        add_citizen_info, w.as_citizen, tid, "Sisi utara, dekat halte.", ["photo-2"]
    )
    assert ticket.status == S.IN_PROGRESS
    roads = (await w.assignments(tid))[w.roads.id]
    assert roads.status == AssignmentStatus.IN_PROGRESS and roads.paused_at is None
    assert roads.deadline == wib(10, 10) and roads.stage_started_at == wib(3, 10)

    w.clock.set(wib(3, 14))
    ticket = await w.act(
        resolve_ticket, w.as_roads, tid, "Lubang sudah ditambal dan diaspal.", ["photo-3"]
    )
    assert ticket.status == S.IN_PROGRESS  # the environment agency is still on it
    assert ticket.stage is None

    w.clock.set(wib(4, 9))
    ticket = await w.act(resolve_ticket, w.as_env, tid, "Sampah di sekitar lubang diangkut.")
    assert ticket.status == S.RESOLVED and ticket.resolved_at == wib(4, 9)
    assert (ticket.stage, ticket.deadline) == (SlaStage.CONFIRM, wib(9, 9))
    env = (await w.assignments(tid))[w.env.id]
    assert env.officer_id == w.env_officer.id  # resolving unclaimed work claims it
    assert env.first_response_at == wib(4, 9)

    w.clock.set(wib(5, 10))
    ticket = await w.act(
        confirm_resolution, w.as_citizen, tid, rating=5, comment="Cepat, terima kasih!"
    )
    assert ticket.status == S.CLOSED and ticket.closed_at == wib(5, 10)
    assert (ticket.solved, ticket.rating, ticket.rating_comment) == (
        True,
        5,
        "Cepat, terima kasih!",
    )
    assert ticket.stage is None and ticket.deadline is None
    shares = await w.assignments(tid)
    assert {a.status for a in shares.values()} == {AssignmentStatus.CLOSED}
    assert shares[w.roads.id].resolution_note == "Lubang sudah ditambal dan diaspal."

    c, adm, rd, env_o = w.citizen.id, w.admin.id, w.roads_officer.id, w.env_officer.id
    events = await w.events(tid)
    assert [row(e) for e in events] == [
        ("submit", Role.CITIZEN, c, True, None, S.SUBMITTED, None),
        ("verify", Role.ADMIN, adm, True, S.SUBMITTED, S.DISPATCHED, w.roads.id),
        ("dispatch", Role.ADMIN, adm, True, S.DISPATCHED, S.DISPATCHED, w.env.id),
        ("claim", Role.OFFICER, rd, True, S.DISPATCHED, S.IN_PROGRESS, w.roads.id),
        ("request_info", Role.OFFICER, rd, True, S.IN_PROGRESS, S.NEED_INFO, w.roads.id),
        ("citizen_add_info", Role.CITIZEN, c, True, S.NEED_INFO, S.IN_PROGRESS, None),
        ("resolve", Role.OFFICER, rd, True, S.IN_PROGRESS, S.IN_PROGRESS, w.roads.id),
        ("resolve", Role.OFFICER, env_o, True, S.IN_PROGRESS, S.RESOLVED, w.env.id),
        ("confirm", Role.CITIZEN, c, True, S.RESOLVED, S.CLOSED, None),
    ]
    assert [e.at for e in events] == [
        wib(2, 9), wib(2, 10), wib(2, 10, 30), wib(2, 11), wib(2, 13),
        wib(3, 10), wib(3, 14), wib(4, 9), wib(5, 10),
    ]  # fmt: skip
    assert [e.text for e in events] == [
        None,
        None,
        None,
        None,
        "Di sisi jalan yang mana, Pak?",
        "Sisi utara, dekat halte.",
        "Lubang sudah ditambal dan diaspal.",
        "Sampah di sekitar lubang diangkut.",
        "Cepat, terima kasih!",
    ]
    assert events[1].data["dispatched_to"] == [w.roads.id]
    assert events[2].data["dispatched_to"] == [w.env.id]
    assert events[5].data["agency_ids"] == [w.roads.id, w.env.id]
    assert events[6].data["all_resolved"] is False and events[7].data["all_resolved"] is True
    assert events[8].data == {"solved": True, "rating": 5}

    async with w.factory() as uow:
        photos = await uow.attachments.for_ticket(tid)
    assert [(p.file_id, p.event_id, p.uploaded_by_role) for p in photos] == [
        ("photo-1", events[0].id, Role.CITIZEN),
        ("photo-2", events[5].id, Role.CITIZEN),
        ("photo-3", events[6].id, Role.OFFICER),
    ]

    citizen_chat = w.citizen.chat_id
    outbox = await w.outbox(tid)
    assert [msg(o) for o in outbox] == [
        (citizen_chat, "submit", None),
        (citizen_chat, "verify", None),
        (w.chat_of(w.roads), "verify", w.roads.id),
        (citizen_chat, "dispatch", None),
        (w.chat_of(w.env), "dispatch", w.env.id),
        (citizen_chat, "claim", None),
        (citizen_chat, "request_info", None),
        (citizen_chat, "citizen_add_info", None),
        (w.chat_of(w.roads), "citizen_add_info", w.roads.id),
        (w.chat_of(w.env), "citizen_add_info", w.env.id),
        (citizen_chat, "resolve", None),
        (citizen_chat, "resolve", None),
        (citizen_chat, "confirm", None),
    ]
    assert all(o.ticket_id == tid for o in outbox)
    assert outbox[0].text == f"submit {ticket.code} submitted"

    timeline = await w.read(public_timeline, tid)
    assert [e.id for e in timeline] == [e.id for e in events]


async def test_the_first_response_clock_counts_clock_hours(world: World) -> None:
    """48 h from Friday 15:00 ends on Sunday: first response is 2×24 h, like ULAS."""
    w = world
    w.clock.set(wib(6, 15))
    ticket = await w.submit()
    assert ticket.id is not None
    await w.act(verify_ticket, w.as_admin, ticket.id)
    share = (await w.assignments(ticket.id))[w.roads.id]
    assert share.deadline == wib(6, 15) + timedelta(hours=48)
