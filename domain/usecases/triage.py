"""The complaint unit's queue: verify, ask the citizen first, reject, or send to agencies.

Triage is where a complaint either reaches someone who can fix it or is turned away with a
reason; a rejection therefore always tells the citizen why, and where to go instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.codes import parse_code
from domain.errors import ValidationFailed
from domain.model import Ticket
from domain.ports import UnitOfWork
from domain.sla import SlaPolicy
from domain.status import RejectReason, TicketStatus
from domain.transitions import Action, status_from_assignments
from domain.usecases.assignments import load_target_agencies, open_assignment
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import (
    guard,
    load_category,
    load_ticket,
    optional_text,
    record,
    require_text,
    save_ticket,
)


async def _send_to_agencies(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket: Ticket,
    action: Action,
    agency_ids: Sequence[int],
    note: str | None,
) -> Ticket:
    """Shared by verify (the category's default agency) and dispatch (agencies picked)."""
    assert ticket.id is not None
    assignments = await uow.assignments.for_ticket(ticket.id)
    target = guard(actor, ticket, action, assignments)
    note = optional_text("note", note)
    agencies = await load_target_agencies(uow, agency_ids, assignments)
    category = await load_category(uow, ticket)
    now = life.now()
    from_status = ticket.status
    if ticket.verified_at is None:
        ticket.verified_at = now
    if from_status == TicketStatus.SUBMITTED:
        SlaPolicy.stop_clock(ticket)  # the unit's verify stage is done
    for agency in agencies:
        assignments.append(await open_assignment(uow, life, ticket, agency, category, now))
    ticket.status = status_from_assignments(assignments) or target
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        action,
        from_status=from_status,
        text=note,
        agency_id=agencies[0].id if len(agencies) == 1 else None,
        data={"dispatched_to": [a.id for a in agencies]},
    )
    return ticket


async def verify_ticket(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int, *, note: str | None = None
) -> Ticket:
    """Accept the complaint and send it to its category's default agency."""
    ticket = await load_ticket(uow, ticket_id)
    guard(actor, ticket, Action.VERIFY)  # refuse the wrong person before judging the category
    category = await load_category(uow, ticket)
    if category is None or category.default_agency_id is None:
        raise ValidationFailed(
            "agencies",
            "the category has no default agency: dispatch instead",
            rule="no_default_agency",
        )
    return await _send_to_agencies(
        uow, life, actor, ticket, Action.VERIFY, [category.default_agency_id], note
    )


async def dispatch_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    agency_ids: Sequence[int],
    *,
    note: str | None = None,
) -> Ticket:
    """Send to the agencies the admin picked; also adds an agency to a ticket in work."""
    ticket = await load_ticket(uow, ticket_id)
    return await _send_to_agencies(uow, life, actor, ticket, Action.DISPATCH, agency_ids, note)


async def hold_ticket(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int, question: str
) -> Ticket:
    """Ask the citizen for what is missing; the unit's verify clock waits for the answer."""
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.HOLD)
    question = require_text("question", question)
    from_status = ticket.status
    ticket.status = target
    life.sla.pause_clock(ticket, life.now())
    await save_ticket(uow, life, ticket)
    await record(uow, life, actor, ticket, Action.HOLD, from_status=from_status, text=question)
    return ticket


async def reject_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    reason: RejectReason,
    *,
    duplicate_of: str | None = None,
    where_to_go: str | None = None,
    note: str | None = None,
) -> Ticket:
    """Turn the complaint away, always with a reason the citizen can act on.

    A duplicate names the original's code (so the citizen can follow that one); "not a public
    service" says where to go instead. Both go in the event's data; its text is the admin's
    optional note, so the notice can show each in its place.
    """
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.REJECT)
    reason = RejectReason(reason)
    note = optional_text("note", note)
    data: dict[str, object] = {"reason": reason.value}
    original_code: str | None = None
    if reason == RejectReason.DUPLICATE:
        original_code = parse_code(duplicate_of or "")
        original = await uow.tickets.get_by_code(original_code)
        if original is None or original.id == ticket.id:
            raise ValidationFailed(
                "duplicate_of", "name another existing ticket's code", rule="unknown_duplicate"
            )
        data["duplicate_of"] = original_code
    elif reason == RejectReason.NOT_PUBLIC_SERVICE:
        data["where_to_go"] = require_text("where_to_go", where_to_go)
    from_status = ticket.status
    ticket.status = target
    ticket.reject_reason = reason.value
    ticket.duplicate_of = original_code
    ticket.closed_at = life.now()
    SlaPolicy.stop_clock(ticket)
    await save_ticket(uow, life, ticket)
    await record(
        uow, life, actor, ticket, Action.REJECT, from_status=from_status, text=note, data=data
    )
    return ticket
