"""Closing what the citizen left unanswered: resolved tickets past the confirmation window.

Without it a resolved ticket whose citizen never replies would stay open for ever and spoil
every report; LAPOR! closes such reports automatically too.
"""

from __future__ import annotations

from domain.errors import InvalidTransition
from domain.model import Ticket
from domain.ports import UnitOfWork
from domain.sla import SlaPolicy
from domain.status import SlaStage, TicketStatus
from domain.transitions import Action
from domain.usecases.assignments import close_resolved_shares
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import guard, load_ticket, record, save_ticket


async def tickets_due_for_auto_close(
    uow: UnitOfWork, life: Lifecycle, *, limit: int = 50
) -> list[int]:
    """Ids of resolved tickets whose confirmation deadline has passed, earliest first.

    Ids rather than tickets: the scheduler closes each in its own unit of work, so one
    conflict does not undo the others.
    """
    due = await uow.tickets.list_overdue([TicketStatus.RESOLVED], life.now(), limit=limit)
    return [t.id for t in due if t.id is not None and t.stage == SlaStage.CONFIRM]


async def auto_close_ticket(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int
) -> Ticket:
    """Close a resolved ticket the citizen did not answer in time; `solved` stays unknown."""
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.AUTO_CLOSE)
    now = life.now()
    if ticket.stage != SlaStage.CONFIRM or ticket.deadline is None or ticket.deadline > now:
        raise InvalidTransition("the citizen's confirmation window is still open")
    assignments = await uow.assignments.for_ticket(ticket_id)
    from_status = ticket.status
    ticket.status = target
    ticket.closed_at = now
    SlaPolicy.stop_clock(ticket)
    await save_ticket(uow, life, ticket)
    await close_resolved_shares(uow, assignments)
    await record(
        uow, life, actor, ticket, Action.AUTO_CLOSE, from_status=from_status, data={"auto": True}
    )
    return ticket
