"""A citizen's right to erasure (UU PDP No. 27/2022, art. 8 and 16): `/forget`, asked by the
citizen or, for a request received another way, by a superadmin for them.

Erasure is the same function the retention job runs (domain.retention, storage.erasure), done
at once and for everything the person ever sent. It happens first, so that what follows can
no longer carry their words anywhere: each open complaint is then withdrawn through the
lifecycle like any other change, and its agencies are told to stop through the notifier (their
cards now read the tombstones). The data-rights request itself is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.audit import AuditAction, record_action
from domain.errors import NotFound
from domain.model import Ticket
from domain.ports import UnitOfWork
from domain.retention import ErasedCounts, ErasureUnitOfWork
from domain.sla import SlaPolicy
from domain.status import OPEN_STATUSES, AssignmentStatus
from domain.transitions import Action
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import guard, load_ticket, record, save_ticket

# Shares an agency has let go of already: nobody there needs telling.
_LET_GO = frozenset({AssignmentStatus.HANDED_BACK, AssignmentStatus.CLOSED})


@dataclass
class Forgotten:
    """What `/forget` did, for the confirmation and the audit log."""

    citizen_id: int
    already: bool = False  # erased before: nothing left to do
    complaints: int = 0
    withdrawn: list[str] = field(default_factory=list)  # codes of the open ones
    erased: ErasedCounts = field(default_factory=ErasedCounts)


async def withdraw_ticket(uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int) -> Ticket:
    """An open complaint is dropped because its citizen asked to be forgotten: every share
    still held stops, with its clock; the agencies holding one are named in the event so the
    notifier tells them."""
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.WITHDRAW)
    shares = await uow.assignments.for_ticket(ticket_id)
    told = [a.agency_id for a in shares if a.status not in _LET_GO]
    for share in shares:
        if share.status not in _LET_GO:
            share.status = AssignmentStatus.CLOSED
            SlaPolicy.stop_clock(share)
            await uow.assignments.save(share)
    from_status = ticket.status
    ticket.status = target
    ticket.closed_at = life.now()
    SlaPolicy.stop_clock(ticket)
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.WITHDRAW,
        from_status=from_status,
        data={"agency_ids": told, "erasure": True},
    )
    return ticket


async def forget_citizen(
    uow: ErasureUnitOfWork, life: Lifecycle, actor: Actor, citizen_id: int
) -> Forgotten:
    """Erase everything about the citizen now, withdraw what is open, record the request.

    Idempotent: a second request finds the tombstone and changes nothing. The caller checks
    who may ask (the citizen themself, or a superadmin).
    """
    citizen = await uow.citizens.get(citizen_id)
    if citizen is None:
        raise NotFound(f"citizen {citizen_id}")
    result = Forgotten(citizen_id)
    now = life.now()
    if citizen.erased_at is not None:
        result.already = True
        await _audit(uow, actor, result, now)
        return result
    ticket_ids = await uow.erasure.ticket_ids_of(citizen_id)
    result.complaints = len(ticket_ids)
    still_open = []
    for ticket_id in ticket_ids:
        ticket = await uow.tickets.get(ticket_id)
        if ticket is not None and ticket.status in OPEN_STATUSES:
            still_open.append(ticket_id)
    result.erased = await uow.erasure.erase(
        ticket_ids=ticket_ids, citizen_ids=[citizen_id], at=now, traces=True
    )
    for ticket_id in still_open:
        withdrawn = await withdraw_ticket(uow, life, actor, ticket_id)
        result.withdrawn.append(withdrawn.code)
    await _audit(uow, actor, result, now)
    return result


async def _audit(uow: UnitOfWork, actor: Actor, result: Forgotten, now: datetime) -> None:
    erased = result.erased
    await record_action(
        uow,
        actor,
        AuditAction.DATA_ERASE,
        f"citizen:{result.citizen_id}",
        at=now,
        after={
            "already_erased": result.already,
            "complaints": result.complaints,
            "withdrawn": result.withdrawn,
            "photos": erased.photos,
            "texts": erased.texts,
        },
    )
