"""Not our authority: hand back to the unit, or transfer straight to another agency."""

from __future__ import annotations

import pytest

from domain.errors import Forbidden, InvalidTransition, ValidationFailed
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from domain.usecases import (
    claim_ticket,
    dispatch_ticket,
    hand_back_ticket,
    transfer_ticket,
    verify_ticket,
)
from tests.usecases.world import World, wib

S = TicketStatus


async def dispatched_to_roads(w: World) -> int:
    ticket = await w.submit()
    assert ticket.id is not None
    await w.act(verify_ticket, w.as_admin, ticket.id)
    return ticket.id


async def test_hand_back_returns_the_ticket_to_the_unit(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(claim_ticket, w.as_roads, tid)
    w.clock.set(wib(2, 11))
    with pytest.raises(ValidationFailed):
        await w.act(hand_back_ticket, w.as_roads, tid, " ")
    ticket = await w.act(hand_back_ticket, w.as_roads, tid, "Jalan provinsi, bukan kota.")
    assert ticket.status == S.SUBMITTED
    assert (ticket.stage, ticket.deadline) == (SlaStage.VERIFY, wib(3, 11))
    share = (await w.assignments(tid))[w.roads.id]
    assert share.status == AssignmentStatus.HANDED_BACK
    assert share.handback_reason == "Jalan provinsi, bukan kota."
    assert share.stage is None and share.deadline is None
    event = (await w.events(tid))[-1]
    assert (event.action, event.public, event.agency_id, event.from_status, event.to_status) == (
        "hand_back",
        True,
        w.roads.id,
        S.IN_PROGRESS,
        S.SUBMITTED,
    )
    assert event.data["to_unit"] is True
    assert (await w.outbox(tid))[-1].chat_id == w.citizen.chat_id
    # The unit routes it again, to the right agency this time.
    ticket = await w.act(dispatch_ticket, w.as_admin, tid, [w.env.id])
    assert ticket.status == S.DISPATCHED and ticket.stage is None


async def test_hand_back_by_one_of_two_agencies_keeps_the_ticket_in_work(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(dispatch_ticket, w.as_admin, tid, [w.env.id])
    await w.act(claim_ticket, w.as_env, tid)
    ticket = await w.act(hand_back_ticket, w.as_roads, tid, "Hanya urusan sampah.")
    assert ticket.status == S.IN_PROGRESS and ticket.stage is None


async def test_officer_transfers_to_the_responsible_agency(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(claim_ticket, w.as_roads, tid)
    w.clock.set(wib(2, 12))
    ticket = await w.act(
        transfer_ticket, w.as_roads, tid, w.env.id, "Ini urusan kebersihan, bukan jalan."
    )
    assert ticket.status == S.DISPATCHED
    shares = await w.assignments(tid)
    assert shares[w.roads.id].status == AssignmentStatus.HANDED_BACK
    new = shares[w.env.id]
    assert (new.status, new.officer_id, new.stage, new.deadline) == (
        AssignmentStatus.DISPATCHED,
        None,
        SlaStage.FIRST_RESPONSE,
        wib(4, 12),
    )
    event = (await w.events(tid))[-1]
    assert (event.action, event.agency_id, event.from_status, event.to_status) == (
        "transfer",
        w.roads.id,
        S.IN_PROGRESS,
        S.DISPATCHED,
    )
    assert event.data["to_agency_id"] == w.env.id
    assert event.data["to_agency_name"] == "Dinas Lingkungan Hidup"  # the citizen is told
    outbox = await w.outbox(tid)
    assert [(o.chat_id, o.agency_id) for o in outbox[-2:]] == [
        (w.citizen.chat_id, None),
        (w.chat_of(w.env), w.env.id),
    ]
    # The old agency can no longer act; the new one can.
    with pytest.raises(InvalidTransition):
        await w.act(claim_ticket, w.as_roads, tid)
    assert (await w.act(claim_ticket, w.as_env, tid)).status == S.IN_PROGRESS


async def test_admin_transfers_a_named_share(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    ticket = await w.act(transfer_ticket, w.as_admin, tid, w.env.id, "Salah dinas.")
    assert ticket.status == S.DISPATCHED
    assert (await w.assignments(tid))[w.env.id].status == AssignmentStatus.DISPATCHED

    other = await dispatched_to_roads(w)
    await w.act(dispatch_ticket, w.as_admin, other, [w.env.id])
    with pytest.raises(ValidationFailed):  # two shares: which one?
        await w.act(transfer_ticket, w.as_admin, other, w.unit.id, "x")
    with pytest.raises(ValidationFailed):  # env already has it
        await w.act(transfer_ticket, w.as_admin, other, w.env.id, "x", from_agency_id=w.roads.id)


async def test_transfer_refusals(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    with pytest.raises(ValidationFailed):  # to itself
        await w.act(transfer_ticket, w.as_roads, tid, w.roads.id, "x")
    with pytest.raises(ValidationFailed):  # to the complaint unit: that is a hand-back
        await w.act(transfer_ticket, w.as_roads, tid, w.unit.id, "x")
    with pytest.raises(ValidationFailed):  # no reason
        await w.act(transfer_ticket, w.as_roads, tid, w.env.id, "")
    with pytest.raises(Forbidden):  # not the env's ticket
        await w.act(transfer_ticket, w.as_env, tid, w.env.id, "x")
    with pytest.raises(Forbidden):
        await w.act(transfer_ticket, w.as_citizen, tid, w.env.id, "x")
