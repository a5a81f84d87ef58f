"""What the citizen does after filing: add information, confirm or reopen, rate, cancel.

The citizen's confirmation is what makes a resolution count: an agency cannot close a ticket
by itself, which is how aduan answers the "not solutive" responses the ULAS study found.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import InvalidTransition, ValidationFailed
from domain.model import Ticket
from domain.ports import UnitOfWork
from domain.sla import SlaPolicy
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from domain.transitions import Action, status_from_assignments
from domain.usecases.assignments import active_agency_ids, close_resolved_shares
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import (
    MAX_PHOTOS,
    guard,
    load_category,
    load_ticket,
    optional_text,
    record,
    require_file_ids,
    require_text,
    save_ticket,
    too_many_photos,
)


def _check_rating(rating: int) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationFailed("rating", "a whole number from 1 to 5", rule="bad_rating")
    return rating


async def add_citizen_info(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    text: str | None = None,
    photo_file_ids: Sequence[str] = (),
    document_file_ids: Sequence[str] = (),
) -> Ticket:
    """More words or photos from the citizen; if someone asked, this is the answer.

    Answering the unit's question puts the ticket back in its queue; answering an agency's
    resumes that agency's clock, pushed by the time the question waited.
    """
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.CITIZEN_ADD_INFO)
    text = optional_text("text", text)
    photos = require_file_ids(photo_file_ids)
    documents = require_file_ids(document_file_ids)  # images sent as files
    if len(photos) + len(documents) > MAX_PHOTOS:
        raise too_many_photos()
    if text is None and not photos and not documents:
        raise ValidationFailed("text", "send some text or a photo", rule="empty_info")
    now = life.now()
    from_status = ticket.status
    assignments = await uow.assignments.for_ticket(ticket_id)
    category = await load_category(uow, ticket)
    if from_status == TicketStatus.ON_HOLD:
        life.sla.resume_clock(ticket, now, category)
        ticket.status = target
    elif from_status == TicketStatus.NEED_INFO:
        for a in assignments:
            if a.status == AssignmentStatus.NEED_INFO:
                a.status = AssignmentStatus.IN_PROGRESS
                life.sla.resume_clock(a, now, category)
                await uow.assignments.save(a)
        ticket.status = status_from_assignments(assignments) or target
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.CITIZEN_ADD_INFO,
        from_status=from_status,
        text=text,
        data={
            "agency_ids": active_agency_ids(assignments),
            "photos": len(photos) + len(documents),
        },
        photos=photos,
        documents=documents,
    )
    return ticket


async def confirm_resolution(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    *,
    rating: int | None = None,
    comment: str | None = None,
) -> Ticket:
    """The citizen says it is fixed: the ticket closes, with a rating if given now."""
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.CONFIRM)
    if rating is not None:
        rating = _check_rating(rating)
    comment = optional_text("comment", comment, max_len=1000)
    assignments = await uow.assignments.for_ticket(ticket_id)
    from_status = ticket.status
    ticket.status = target
    ticket.solved = True
    ticket.rating = rating
    ticket.rating_comment = comment
    ticket.closed_at = life.now()
    SlaPolicy.stop_clock(ticket)
    await save_ticket(uow, life, ticket)
    await close_resolved_shares(uow, assignments)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.CONFIRM,
        from_status=from_status,
        text=comment,
        data={"solved": True, "rating": rating},
    )
    return ticket


async def rate_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    rating: int,
    comment: str | None = None,
) -> Ticket:
    """A rating after closing (the second step of confirming, or after an auto-close).

    Only once: a rating that could be changed later would be worth less in reports.
    """
    ticket = await load_ticket(uow, ticket_id)
    guard(actor, ticket, Action.RATE)
    rating = _check_rating(rating)
    comment = optional_text("comment", comment, max_len=1000)
    if ticket.rating is not None:
        raise InvalidTransition("the ticket is already rated")
    ticket.rating = rating
    ticket.rating_comment = comment
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.RATE,
        from_status=ticket.status,
        text=comment,
        data={"rating": rating},
    )
    return ticket


async def reopen_ticket(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int, reason: str
) -> Ticket:
    """Not fixed after all: the resolved shares go back to work and the supervisor is told.

    Every agency that resolved its share gets it back with a fresh resolve clock; the event
    carries `flag_supervisor` so the notifier escalates to those agencies' supervisors.
    """
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.REOPEN)
    reason = require_text("reason", reason)
    assignments = await uow.assignments.for_ticket(ticket_id)
    category = await load_category(uow, ticket)
    now = life.now()
    from_status = ticket.status
    reopened: list[int] = []
    for a in assignments:
        if a.status == AssignmentStatus.RESOLVED:
            a.status = AssignmentStatus.IN_PROGRESS
            a.resolved_at = None
            life.sla.start_clock(a, SlaStage.RESOLVE, now, category)
            await uow.assignments.save(a)
            reopened.append(a.agency_id)
    ticket.status = status_from_assignments(assignments) or target
    ticket.reopen_count += 1
    ticket.resolved_at = None
    SlaPolicy.stop_clock(ticket)
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.REOPEN,
        from_status=from_status,
        text=reason,
        data={
            "flag_supervisor": True,
            "reopen_count": ticket.reopen_count,
            "agency_ids": reopened,
        },
    )
    return ticket


async def cancel_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    reason: str | None = None,
) -> Ticket:
    """The citizen withdraws the complaint; only before it reaches an agency, whose work
    should not be thrown away without the unit knowing."""
    ticket = await load_ticket(uow, ticket_id)
    target = guard(actor, ticket, Action.CANCEL)
    reason = optional_text("reason", reason)
    from_status = ticket.status
    ticket.status = target
    ticket.closed_at = life.now()
    SlaPolicy.stop_clock(ticket)
    await save_ticket(uow, life, ticket)
    await record(uow, life, actor, ticket, Action.CANCEL, from_status=from_status, text=reason)
    return ticket
