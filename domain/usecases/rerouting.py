"""Not our authority: a share goes back to the unit's queue, or straight to another agency.

Either way the reason is required and the citizen is told who has the complaint now, so a
complaint is never silently dropped between two offices.
"""

from __future__ import annotations

from domain.errors import InvalidTransition, ValidationFailed
from domain.model import Assignment, Ticket
from domain.ports import UnitOfWork
from domain.sla import SlaPolicy
from domain.status import ACTIVE_ASSIGNMENT_STATUSES, AssignmentStatus, SlaStage, TicketStatus
from domain.transitions import Action, status_from_assignments
from domain.usecases.assignments import load_target_agencies, open_assignment
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import (
    active_share,
    guard,
    load_category,
    load_ticket,
    record,
    require_text,
    save_ticket,
)


def _give_up(share: Assignment, reason: str) -> None:
    share.status = AssignmentStatus.HANDED_BACK
    share.handback_reason = reason
    SlaPolicy.stop_clock(share)


async def hand_back_ticket(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int, reason: str
) -> Ticket:
    """The agency returns its share to the complaint unit, which must route it again.

    When no other agency is still working on it the ticket is back in the unit's queue, with
    a fresh verify clock.
    """
    ticket = await load_ticket(uow, ticket_id)
    assignments = await uow.assignments.for_ticket(ticket_id)
    target = guard(actor, ticket, Action.HAND_BACK, assignments)
    share = active_share(actor, assignments)
    reason = require_text("reason", reason)
    from_status = ticket.status
    _give_up(share, reason)
    await uow.assignments.save(share)
    ticket.status = status_from_assignments(assignments) or target
    if ticket.status == TicketStatus.SUBMITTED:
        category = await load_category(uow, ticket)
        life.sla.start_clock(ticket, SlaStage.VERIFY, life.now(), category)
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.HAND_BACK,
        from_status=from_status,
        text=reason,
        agency_id=share.agency_id,
        data={"assignment_id": share.id, "to_unit": True},
    )
    return ticket


def _source_share(
    actor: Actor, assignments: list[Assignment], from_agency_id: int | None
) -> Assignment:
    """An officer moves their own agency's share; the unit names which share to move."""
    if actor.is_agency:
        return active_share(actor, assignments)
    active = [a for a in assignments if a.status in ACTIVE_ASSIGNMENT_STATUSES]
    if from_agency_id is None:
        if len(active) != 1:
            raise ValidationFailed(
                "from_agency", "name the agency the ticket moves away from", rule="which_agency"
            )
        return active[0]
    for a in active:
        if a.agency_id == from_agency_id:
            return a
    raise InvalidTransition("that agency has no live share of this ticket")


async def transfer_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    to_agency_id: int,
    reason: str,
    *,
    from_agency_id: int | None = None,
) -> Ticket:
    """Move a share to the agency that is responsible, with a fresh first-response clock."""
    ticket = await load_ticket(uow, ticket_id)
    assignments = await uow.assignments.for_ticket(ticket_id)
    target = guard(actor, ticket, Action.TRANSFER, assignments)
    share = _source_share(actor, assignments, from_agency_id)
    reason = require_text("reason", reason)
    if to_agency_id == share.agency_id:
        raise ValidationFailed(
            "agencies", "the ticket is already with that agency", rule="same_agency"
        )
    (agency,) = await load_target_agencies(uow, [to_agency_id], assignments)
    category = await load_category(uow, ticket)
    from_status = ticket.status
    _give_up(share, reason)
    await uow.assignments.save(share)
    assignments.append(await open_assignment(uow, life, ticket, agency, category, life.now()))
    ticket.status = status_from_assignments(assignments) or target
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.TRANSFER,
        from_status=from_status,
        text=reason,
        agency_id=share.agency_id,
        data={
            "assignment_id": share.id,
            "to_agency_id": agency.id,
            "to_agency_name": agency.name,
            "dispatched_to": [agency.id],
        },
    )
    return ticket
