"""A refused action leaves no trace: ticket, shares, events, photos and outbox are unchanged.

Each case puts a ticket in a status, then has the wrong person (or the right person at the
wrong time) try something.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from domain.errors import AlreadyClaimed, DomainError, Forbidden, InvalidTransition
from domain.roles import Role
from domain.status import RejectReason, TicketStatus
from domain.usecases import (
    Actor,
    add_citizen_info,
    add_internal_note,
    auto_close_ticket,
    cancel_ticket,
    claim_ticket,
    confirm_resolution,
    dispatch_ticket,
    hand_back_ticket,
    hold_ticket,
    rate_ticket,
    reject_ticket,
    reopen_ticket,
    reply_to_citizen,
    request_info,
    resolve_ticket,
    transfer_ticket,
    verify_ticket,
)
from tests.usecases.world import World

S = TicketStatus
ENV = "<the environment agency's id>"  # filled in per world
STEPS = [S.SUBMITTED, S.DISPATCHED, S.IN_PROGRESS, S.NEED_INFO, S.RESOLVED, S.CLOSED]


async def ticket_in(w: World, status: TicketStatus) -> int:
    """Walk one ticket (roads only) to `status` the ordinary way."""
    ticket = await w.submit()
    tid = ticket.id
    assert tid is not None
    if status == S.ON_HOLD:
        await w.act(hold_ticket, w.as_admin, tid, "Alamat lengkap?")
        return tid
    steps: list[tuple[Callable[..., Awaitable[Any]], Actor, tuple[Any, ...]]] = [
        (verify_ticket, w.as_admin, ()),
        (claim_ticket, w.as_roads, ()),
        (request_info, w.as_roads, ("Foto lebih dekat?",)),
        (resolve_ticket, w.as_roads, ("Sudah ditambal.",)),
        (confirm_resolution, w.as_citizen, ()),
    ]
    for fn, actor, args in steps[: STEPS.index(status)]:
        await w.act(fn, actor, tid, *args)
    assert (await w.ticket(tid)).status == status
    return tid


@dataclass
class Case:
    status: TicketStatus
    usecase: Callable[..., Awaitable[Any]]
    who: str  # an attribute of World giving the Actor
    args: tuple[Any, ...]
    error: type[DomainError]

    def __str__(self) -> str:
        return f"{self.status}-{self.usecase.__name__}-{self.who}"


CASES = [
    Case(S.SUBMITTED, verify_ticket, "as_citizen", (), Forbidden),
    Case(S.SUBMITTED, verify_ticket, "as_roads", (), Forbidden),
    Case(S.SUBMITTED, hold_ticket, "as_roads", ("?",), Forbidden),
    Case(S.SUBMITTED, reject_ticket, "as_citizen", (RejectReason.SPAM,), Forbidden),
    Case(S.SUBMITTED, dispatch_ticket, "as_roads", ([ENV],), Forbidden),
    Case(S.SUBMITTED, claim_ticket, "as_roads", (), Forbidden),  # not sent to roads yet
    Case(S.SUBMITTED, hand_back_ticket, "as_roads", ("x",), Forbidden),
    Case(S.SUBMITTED, add_citizen_info, "as_roads", ("x",), Forbidden),
    Case(S.SUBMITTED, cancel_ticket, "as_other_citizen", (), Forbidden),
    Case(S.SUBMITTED, auto_close_ticket, "as_system", (), InvalidTransition),
    Case(S.ON_HOLD, dispatch_ticket, "as_admin", ([ENV],), InvalidTransition),
    Case(S.ON_HOLD, verify_ticket, "as_system", (), InvalidTransition),
    Case(S.ON_HOLD, hold_ticket, "as_admin", ("again?",), InvalidTransition),
    Case(S.DISPATCHED, verify_ticket, "as_admin", (), InvalidTransition),
    Case(S.DISPATCHED, hold_ticket, "as_admin", ("?",), InvalidTransition),
    Case(S.DISPATCHED, reject_ticket, "as_admin", (RejectReason.SPAM,), InvalidTransition),
    Case(S.DISPATCHED, cancel_ticket, "as_citizen", (), InvalidTransition),
    Case(S.DISPATCHED, claim_ticket, "as_env", (), Forbidden),
    Case(S.DISPATCHED, claim_ticket, "as_admin", (), Forbidden),
    Case(S.DISPATCHED, claim_ticket, "as_citizen", (), Forbidden),
    Case(S.DISPATCHED, claim_ticket, "as_agencyless_officer", (), Forbidden),
    Case(S.DISPATCHED, resolve_ticket, "as_env", ("Selesai.",), Forbidden),
    Case(S.DISPATCHED, transfer_ticket, "as_citizen", (ENV, "x"), Forbidden),
    Case(S.DISPATCHED, add_internal_note, "as_citizen", ("x",), Forbidden),
    Case(S.IN_PROGRESS, claim_ticket, "as_roads2", (), AlreadyClaimed),
    Case(S.IN_PROGRESS, reply_to_citizen, "as_citizen", ("x",), Forbidden),
    Case(S.IN_PROGRESS, confirm_resolution, "as_citizen", (), InvalidTransition),
    Case(S.IN_PROGRESS, reopen_ticket, "as_citizen", ("x",), InvalidTransition),
    Case(S.IN_PROGRESS, rate_ticket, "as_citizen", (5,), InvalidTransition),
    Case(S.IN_PROGRESS, auto_close_ticket, "as_system", (), InvalidTransition),
    Case(S.NEED_INFO, add_citizen_info, "as_other_citizen", ("x",), Forbidden),
    Case(S.NEED_INFO, request_info, "as_env", ("x",), Forbidden),
    Case(S.NEED_INFO, cancel_ticket, "as_citizen", (), InvalidTransition),
    Case(S.RESOLVED, resolve_ticket, "as_roads", ("again",), InvalidTransition),
    Case(S.RESOLVED, confirm_resolution, "as_other_citizen", (), Forbidden),
    Case(S.RESOLVED, confirm_resolution, "as_admin", (), Forbidden),
    Case(S.RESOLVED, reopen_ticket, "as_roads", ("x",), Forbidden),
    Case(S.RESOLVED, auto_close_ticket, "as_system", (), InvalidTransition),  # not due yet
    Case(S.RESOLVED, auto_close_ticket, "as_admin", (), Forbidden),
    Case(S.CLOSED, reopen_ticket, "as_citizen", ("x",), InvalidTransition),
    Case(S.CLOSED, add_internal_note, "as_admin", ("x",), InvalidTransition),
    Case(S.CLOSED, rate_ticket, "as_other_citizen", (5,), Forbidden),
    Case(S.CLOSED, add_citizen_info, "as_citizen", ("x",), InvalidTransition),
]


def actor(w: World, who: str) -> Actor:
    if who == "as_system":
        return Actor.system()
    if who == "as_agencyless_officer":
        return Actor(Role.OFFICER, w.roads_officer.id, None, "Budi")
    return getattr(w, who)


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_refused_action_changes_nothing(world: World, case: Case) -> None:
    w = world
    tid = await ticket_in(w, case.status)
    args = tuple([w.env.id] if a == [ENV] else w.env.id if a == ENV else a for a in case.args)
    before = await w.snapshot(tid)
    with pytest.raises(case.error):
        await w.act(case.usecase, actor(w, case.who), tid, *args)
    assert await w.snapshot(tid) == before


async def test_unknown_ticket_is_not_found(world: World) -> None:
    from domain.errors import NotFound

    with pytest.raises(NotFound):
        await world.act(claim_ticket, world.as_roads, 12345)
