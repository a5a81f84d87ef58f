"""Filing a complaint and the unit's triage: auto-verify, hold and answer, reject, dispatch."""

from __future__ import annotations

import pytest

from domain.errors import Forbidden, InvalidTransition, ValidationFailed
from domain.roles import Role
from domain.status import AssignmentStatus, RejectReason, SlaStage, TicketStatus
from domain.usecases import (
    add_citizen_info,
    cancel_ticket,
    dispatch_ticket,
    hold_ticket,
    reject_ticket,
    submit_ticket,
    verify_ticket,
)
from tests.usecases.world import World, wib

S = TicketStatus


async def test_auto_verified_category_goes_straight_to_its_agency(world: World) -> None:
    w = world
    ticket = await w.submit(w.trash_category, description="Tumpukan sampah di gang tiga, bau.")
    assert ticket.id is not None
    assert ticket.status == S.DISPATCHED and ticket.verified_at == wib(2, 9)
    assert ticket.stage is None  # the unit owes nothing
    (share,) = (await w.assignments(ticket.id)).values()
    assert (share.agency_id, share.status) == (w.env.id, AssignmentStatus.DISPATCHED)
    # The category overrides first response with 4 working hours.
    assert (share.stage, share.deadline) == (SlaStage.FIRST_RESPONSE, wib(2, 13))
    (event,) = await w.events(ticket.id)
    assert (event.action, event.actor_role, event.from_status, event.to_status) == (
        "submit",
        Role.CITIZEN,
        None,
        S.DISPATCHED,
    )
    assert event.data == {"auto_verified": True, "dispatched_to": [w.env.id]}
    outbox = await w.outbox(ticket.id)
    assert [(o.chat_id, o.agency_id) for o in outbox] == [
        (w.citizen.chat_id, None),
        (w.chat_of(w.env), w.env.id),
    ]


@pytest.mark.parametrize(
    ("description", "ok"),
    [("x" * 14, False), ("   " + "x" * 14 + "   ", False), ("x" * 15, True), ("x" * 2001, False)],
)
async def test_description_length_is_checked(world: World, description: str, ok: bool) -> None:
    if ok:
        ticket = await world.submit(description=description)
        assert ticket.description == description
    else:
        with pytest.raises(ValidationFailed) as err:
            await world.submit(description=description)
        assert err.value.field == "description"


async def test_staff_and_unknown_categories_cannot_submit(world: World) -> None:
    w = world
    with pytest.raises(Forbidden):
        await w.act(submit_ticket, w.as_admin, category_id=w.road_category.id, description="x" * 20)
    with pytest.raises(ValidationFailed):
        await w.act(submit_ticket, w.as_citizen, category_id=999, description="x" * 20)
    with pytest.raises(ValidationFailed):
        await w.submit(latitude=-7.5)  # a location needs both coordinates


async def test_hold_and_answer(world: World) -> None:
    w = world
    ticket = await w.submit()
    tid = ticket.id
    assert tid is not None
    w.clock.set(wib(2, 10))
    ticket = await w.act(hold_ticket, w.as_admin, tid, "Mohon kirim foto lokasinya.")
    assert ticket.status == S.ON_HOLD and ticket.paused_at == wib(2, 10)
    # The citizen answers Tuesday 09:00: the verify clock waited 6 h Monday + 1 h Tuesday.
    w.clock.set(wib(3, 9))
    ticket = await w.act(add_citizen_info, w.as_citizen, tid, None, ["photo-9"])
    assert ticket.status == S.SUBMITTED and ticket.paused_at is None
    assert (ticket.stage, ticket.deadline) == (SlaStage.VERIFY, wib(3, 16))
    events = await w.events(tid)
    assert [(e.action, e.from_status, e.to_status, e.text) for e in events] == [
        ("submit", None, S.SUBMITTED, None),
        ("hold", S.SUBMITTED, S.ON_HOLD, "Mohon kirim foto lokasinya."),
        ("citizen_add_info", S.ON_HOLD, S.SUBMITTED, None),
    ]
    # With no agency on it yet, the citizen's answer goes to the complaint unit's group.
    outbox = await w.outbox(tid)
    assert [(o.chat_id, (o.text or "").split()[0]) for o in outbox][-2:] == [
        (w.citizen.chat_id, "citizen_add_info"),
        (w.chat_of(w.unit), "citizen_add_info"),
    ]


async def test_hold_needs_a_question(world: World) -> None:
    ticket = await world.submit()
    with pytest.raises(ValidationFailed):
        await world.act(hold_ticket, world.as_admin, ticket.id, "   ")


@pytest.mark.parametrize("reason", list(RejectReason))
async def test_reject_with_each_reason(world: World, reason: RejectReason) -> None:
    w = world
    original = await w.submit()
    ticket = await w.submit()
    extra: dict[str, str] = {}
    expected_data: dict[str, str] = {"reason": reason.value}
    if reason == RejectReason.DUPLICATE:
        extra["duplicate_of"] = original.code.lower().removeprefix("adu-")  # typed loosely
        expected_data["duplicate_of"] = original.code
    if reason == RejectReason.NOT_PUBLIC_SERVICE:
        extra["where_to_go"] = "Silakan lapor ke PLN di 123."
        expected_data["where_to_go"] = "Silakan lapor ke PLN di 123."
    w.clock.set(wib(2, 11))
    ticket = await w.act(
        reject_ticket, w.as_admin, ticket.id, reason, note="Catatan admin.", **extra
    )
    assert ticket.status == S.REJECTED and ticket.reject_reason == reason.value
    assert ticket.duplicate_of == expected_data.get("duplicate_of")
    assert ticket.closed_at == wib(2, 11) and ticket.stage is None
    event = (await w.events(ticket.id or 0))[-1]
    assert (event.action, event.public, event.text, event.data) == (
        "reject",
        True,
        "Catatan admin.",
        expected_data,
    )
    outbox = await w.outbox(ticket.id or 0)
    assert (outbox[-1].chat_id, (outbox[-1].text or "").split()[0]) == (
        w.citizen.chat_id,
        "reject",
    )


async def test_reject_needs_what_the_reason_promises(world: World) -> None:
    w = world
    ticket = await w.submit()
    tid = ticket.id
    dup = RejectReason.DUPLICATE
    with pytest.raises(ValidationFailed):  # no original
        await w.act(reject_ticket, w.as_admin, tid, dup)
    with pytest.raises(ValidationFailed):  # malformed code
        await w.act(reject_ticket, w.as_admin, tid, dup, duplicate_of="ADU-0000")
    with pytest.raises(ValidationFailed):  # unknown code
        await w.act(reject_ticket, w.as_admin, tid, dup, duplicate_of="ADU-222222")
    with pytest.raises(ValidationFailed):  # itself
        await w.act(reject_ticket, w.as_admin, tid, dup, duplicate_of=ticket.code)
    with pytest.raises(ValidationFailed):
        await w.act(reject_ticket, w.as_admin, tid, RejectReason.NOT_PUBLIC_SERVICE)
    assert (await w.ticket(tid or 0)).status == S.SUBMITTED


async def test_verify_needs_a_default_agency(world: World) -> None:
    w = world
    ticket = await w.submit(w.misc_category)
    with pytest.raises(ValidationFailed):
        await w.act(verify_ticket, w.as_admin, ticket.id)
    ticket = await w.act(dispatch_ticket, w.as_admin, ticket.id, [w.roads.id, w.env.id])
    assert ticket.status == S.DISPATCHED
    assert set(await w.assignments(ticket.id or 0)) == {w.roads.id, w.env.id}
    event = (await w.events(ticket.id or 0))[-1]
    assert event.agency_id is None and event.data == {"dispatched_to": [w.roads.id, w.env.id]}


async def test_dispatch_refuses_bad_targets(world: World) -> None:
    w = world
    ticket = await w.submit()
    tid = ticket.id
    for agencies in ([], [999], [w.unit.id]):
        with pytest.raises(ValidationFailed):
            await w.act(dispatch_ticket, w.as_admin, tid, agencies)
    await w.act(verify_ticket, w.as_admin, tid)
    with pytest.raises(ValidationFailed):  # roads already has it
        await w.act(dispatch_ticket, w.as_admin, tid, [w.roads.id])
    with pytest.raises(Forbidden):
        await w.act(dispatch_ticket, w.as_roads, tid, [w.env.id])


async def test_cancel_before_dispatch_only(world: World) -> None:
    w = world
    ticket = await w.submit()
    ticket = await w.act(cancel_ticket, w.as_citizen, ticket.id, "Sudah diperbaiki warga.")
    assert ticket.status == S.CANCELLED and ticket.closed_at is not None
    assert ticket.stage is None and ticket.deadline is None
    event = (await w.events(ticket.id or 0))[-1]
    assert (event.action, event.from_status, event.to_status, event.text) == (
        "cancel",
        S.SUBMITTED,
        S.CANCELLED,
        "Sudah diperbaiki warga.",
    )

    held = await w.submit()
    await w.act(hold_ticket, w.as_admin, held.id, "Alamat lengkapnya?")
    assert (await w.act(cancel_ticket, w.as_citizen, held.id)).status == S.CANCELLED

    dispatched = await w.submit()
    await w.act(verify_ticket, w.as_admin, dispatched.id)
    with pytest.raises(InvalidTransition):
        await w.act(cancel_ticket, w.as_citizen, dispatched.id)
    with pytest.raises(Forbidden):
        await w.act(cancel_ticket, w.as_other_citizen, held.id)
