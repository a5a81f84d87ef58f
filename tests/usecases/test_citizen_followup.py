"""The citizen's side after filing: reopen, rate, auto-close, and privacy of tickets."""

from __future__ import annotations

import pytest

from domain.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed
from domain.roles import Role
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from domain.usecases import (
    Actor,
    add_citizen_info,
    auto_close_ticket,
    confirm_resolution,
    get_citizen_ticket,
    rate_ticket,
    reopen_ticket,
    resolve_ticket,
    tickets_due_for_auto_close,
    verify_ticket,
)
from domain.usecases.queries import citizen_tickets
from tests.usecases.world import World, wib

S = TicketStatus


async def resolved_ticket(w: World) -> int:
    ticket = await w.submit()
    assert ticket.id is not None
    await w.act(verify_ticket, w.as_admin, ticket.id)
    w.clock.set(wib(2, 14))
    await w.act(resolve_ticket, w.as_roads, ticket.id, "Sudah ditambal.")
    return ticket.id


async def test_reopen_sends_the_work_back_and_flags_the_supervisor(world: World) -> None:
    w = world
    tid = await resolved_ticket(w)
    w.clock.set(wib(3, 9))
    with pytest.raises(ValidationFailed):
        await w.act(reopen_ticket, w.as_citizen, tid, "")
    ticket = await w.act(reopen_ticket, w.as_citizen, tid, "Lubangnya muncul lagi.")
    assert ticket.status == S.IN_PROGRESS and ticket.reopen_count == 1
    assert ticket.resolved_at is None and ticket.stage is None
    share = (await w.assignments(tid))[w.roads.id]
    assert (share.status, share.stage, share.deadline, share.reminded_pct) == (
        AssignmentStatus.IN_PROGRESS,
        SlaStage.RESOLVE,
        wib(10, 9),
        0,
    )
    event = (await w.events(tid))[-1]
    assert (event.action, event.actor_role, event.from_status, event.to_status, event.text) == (
        "reopen",
        Role.CITIZEN,
        S.RESOLVED,
        S.IN_PROGRESS,
        "Lubangnya muncul lagi.",
    )
    assert event.data == {"flag_supervisor": True, "reopen_count": 1, "agency_ids": [w.roads.id]}
    # Fixed again, reopened again: it counts.
    await w.act(resolve_ticket, w.as_roads, tid, "Ditambal ulang dengan aspal panas.")
    ticket = await w.act(reopen_ticket, w.as_citizen, tid, "Masih berlubang.")
    assert ticket.reopen_count == 2


async def test_confirm_then_rate_in_two_steps(world: World) -> None:
    w = world
    tid = await resolved_ticket(w)
    for bad in (0, 6, True):
        with pytest.raises(ValidationFailed):
            await w.act(confirm_resolution, w.as_citizen, tid, rating=bad)
    ticket = await w.act(confirm_resolution, w.as_citizen, tid)
    assert ticket.status == S.CLOSED and ticket.solved is True and ticket.rating is None
    ticket = await w.act(rate_ticket, w.as_citizen, tid, 4, "Lumayan cepat.")
    assert (ticket.rating, ticket.rating_comment) == (4, "Lumayan cepat.")
    with pytest.raises(InvalidTransition):  # once only
        await w.act(rate_ticket, w.as_citizen, tid, 5)
    with pytest.raises(InvalidTransition):  # a closed ticket cannot be reopened
        await w.act(reopen_ticket, w.as_citizen, tid, "Eh, belum.")
    assert [e.action for e in await w.events(tid)][-2:] == ["confirm", "rate"]


async def test_auto_close_after_the_confirmation_window(world: World) -> None:
    w = world
    tid = await resolved_ticket(w)
    ticket = await w.ticket(tid)
    assert (ticket.stage, ticket.deadline) == (SlaStage.CONFIRM, wib(5, 14))
    system = Actor.system()

    w.clock.set(wib(5, 13, 59))
    assert await w.read(lambda uow: tickets_due_for_auto_close(uow, w.life)) == []
    with pytest.raises(InvalidTransition):
        await w.act(auto_close_ticket, system, tid)
    with pytest.raises(Forbidden):
        await w.act(auto_close_ticket, w.as_admin, tid)

    w.clock.set(wib(5, 14))
    assert await w.read(lambda uow: tickets_due_for_auto_close(uow, w.life)) == [tid]
    ticket = await w.act(auto_close_ticket, system, tid)
    assert ticket.status == S.CLOSED and ticket.closed_at == wib(5, 14)
    assert ticket.solved is None and ticket.stage is None
    assert (await w.assignments(tid))[w.roads.id].status == AssignmentStatus.CLOSED
    event = (await w.events(tid))[-1]
    assert (event.action, event.actor_role, event.actor_id, event.public) == (
        "auto_close",
        Role.SYSTEM,
        None,
        True,
    )
    assert await w.read(lambda uow: tickets_due_for_auto_close(uow, w.life)) == []
    # The citizen can still rate after an auto-close.
    assert (await w.act(rate_ticket, w.as_citizen, tid, 3)).rating == 3


async def test_citizen_sees_only_their_own_tickets(world: World) -> None:
    w = world
    ticket = await w.submit()
    code = ticket.code
    found = await w.read(get_citizen_ticket, w.citizen.id, code.lower().removeprefix("adu-"))
    assert found.id == ticket.id
    with pytest.raises(NotFound) as others:
        await w.read(get_citizen_ticket, w.other_citizen.id, code)
    with pytest.raises(NotFound) as unknown:
        await w.read(get_citizen_ticket, w.other_citizen.id, "ADU-222222")
    assert str(others.value) == str(unknown.value)  # indistinguishable
    with pytest.raises(ValidationFailed):
        await w.read(get_citizen_ticket, w.citizen.id, "not a code")
    mine, total = await w.read(citizen_tickets, w.citizen.id)
    assert ([t.id for t in mine], total) == ([ticket.id], 1)
    assert await w.read(citizen_tickets, w.other_citizen.id) == ([], 0)


async def test_citizen_cannot_touch_another_citizens_ticket(world: World) -> None:
    w = world
    tid = await resolved_ticket(w)
    before = await w.snapshot(tid)
    with pytest.raises(Forbidden):
        await w.act(add_citizen_info, w.as_other_citizen, tid, "Saya juga melihatnya.")
    with pytest.raises(Forbidden):
        await w.act(confirm_resolution, w.as_other_citizen, tid, rating=1)
    with pytest.raises(Forbidden):
        await w.act(reopen_ticket, w.as_other_citizen, tid, "Belum beres.")
    assert await w.snapshot(tid) == before


async def test_add_info_needs_something_and_is_closed_after_resolution(world: World) -> None:
    w = world
    ticket = await w.submit()
    with pytest.raises(ValidationFailed):
        await w.act(add_citizen_info, w.as_citizen, ticket.id, "  ", [])
    tid = await resolved_ticket(w)
    with pytest.raises(InvalidTransition):
        await w.act(add_citizen_info, w.as_citizen, tid, "Terima kasih.")
