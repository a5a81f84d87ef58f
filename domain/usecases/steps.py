"""The steps every use case repeats: load, check who may act, validate text, record the event.

Kept in one place so that the order that makes a refusal harmless is the same everywhere:
every check runs before the first write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from domain.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed
from domain.model import Assignment, Attachment, Category, Ticket, TicketEvent
from domain.ports import UnitOfWork
from domain.roles import Role
from domain.status import ACTIVE_ASSIGNMENT_STATUSES, TicketStatus
from domain.transitions import Action, authorize, roles_for
from domain.usecases.context import Actor, Lifecycle

# The longest message a person can send on Telegram. Whatever people write to each other
# (replies, questions, notes, added information, reasons) is relayed whole, split into several
# messages where the notice around it makes it too long, so no such text is refused for length.
MAX_TEXT = 4096
MAX_PHOTOS = 10  # one album


async def load_ticket(uow: UnitOfWork, ticket_id: int) -> Ticket:
    ticket = await uow.tickets.get(ticket_id)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id}")
    return ticket


async def load_category(uow: UnitOfWork, ticket: Ticket) -> Category | None:
    """The ticket's category, for its SLA overrides (None if it was deleted meanwhile)."""
    return await uow.categories.get(ticket.category_id)


def check_actor(actor: Actor, action: Action, ticket: Ticket | None = None) -> None:
    """Role and ownership, before the status is even looked at.

    Checking ownership first means someone else's ticket is refused the same way whatever
    its status, so a forged button reveals nothing about it.
    """
    if actor.role not in roles_for(action):
        raise Forbidden(f"{actor.role} may not {action}")
    if actor.role != Role.SYSTEM and actor.id is None:
        raise Forbidden("an actor without an id")
    if actor.role == Role.CITIZEN and ticket is not None and ticket.citizen_id != actor.id:
        raise Forbidden("not the citizen's own ticket")
    if actor.is_agency and actor.agency_id is None:
        raise Forbidden("an officer without an agency")


def check_agency_share(actor: Actor, assignments: Iterable[Assignment]) -> None:
    """Officers and supervisors act only on tickets their agency was given."""
    if actor.is_agency and not any(a.agency_id == actor.agency_id for a in assignments):
        raise Forbidden("the ticket was not sent to the officer's agency")


def guard(
    actor: Actor, ticket: Ticket, action: Action, assignments: Sequence[Assignment] = ()
) -> TicketStatus:
    """All access checks for `action` on `ticket`; returns the table's target status."""
    check_actor(actor, action, ticket)
    check_agency_share(actor, assignments)
    return authorize(ticket.status, action, actor.role)


def active_share(actor: Actor, assignments: Sequence[Assignment]) -> Assignment:
    """The acting agency's live assignment; a finished one means the button is stale."""
    for a in assignments:
        if a.agency_id == actor.agency_id and a.status in ACTIVE_ASSIGNMENT_STATUSES:
            return a
    raise InvalidTransition("the agency's part of this ticket is already finished")


def require_text(
    field: str, value: str | None, *, min_len: int = 1, max_len: int = MAX_TEXT
) -> str:
    text = (value or "").strip()
    if len(text) < min_len:
        raise ValidationFailed(
            field,
            f"needs at least {min_len} characters",
            rule="too_short",
            min=min_len,
            count=len(text),
        )
    if len(text) > max_len:
        raise ValidationFailed(
            field,
            f"must be at most {max_len} characters",
            rule="too_long",
            max=max_len,
            count=len(text),
        )
    return text


def optional_text(field: str, value: str | None, *, max_len: int = MAX_TEXT) -> str | None:
    text = (value or "").strip()
    return require_text(field, text, max_len=max_len) if text else None


def require_file_ids(file_ids: Sequence[str]) -> list[str]:
    ids = [f.strip() for f in file_ids]
    if any(not f for f in ids):
        raise ValidationFailed("photos", "empty file id", rule="bad_file")
    if len(ids) > MAX_PHOTOS:
        raise too_many_photos()
    return ids


def too_many_photos() -> ValidationFailed:
    return ValidationFailed(
        "photos", f"at most {MAX_PHOTOS} photos at a time", rule="too_many_photos", max=MAX_PHOTOS
    )


async def save_ticket(uow: UnitOfWork, life: Lifecycle, ticket: Ticket) -> None:
    ticket.updated_at = life.now()
    await uow.tickets.save(ticket)


async def record(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket: Ticket,
    action: Action,
    *,
    from_status: TicketStatus | None,
    public: bool = True,
    text: str | None = None,
    agency_id: int | None = None,
    data: dict[str, Any] | None = None,
    photos: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> TicketEvent:
    """Write the one event of this change, its photos, and the messages it causes.

    The notifier runs inside the same unit of work, so the outbox rows commit (or roll back)
    together with the change itself.
    """
    assert ticket.id is not None
    now = life.now()
    event = await uow.events.add(
        TicketEvent(
            ticket_id=ticket.id,
            at=now,
            actor_role=actor.role,
            action=action.value,
            public=public,
            actor_id=actor.id,
            text=text,
            from_status=from_status,
            to_status=ticket.status,
            agency_id=agency_id,
            data=dict(data or {}),
        )
    )
    # Images sent "as file" keep kind="document": Telegram refuses a document's file_id
    # where a photo is expected, so whoever shows them must send them as documents.
    files = [(f, "photo") for f in photos] + [(f, "document") for f in documents]
    for file_id, kind in files:
        await uow.attachments.add(
            Attachment(
                ticket_id=ticket.id,
                file_id=file_id,
                created_at=now,
                kind=kind,
                event_id=event.id,
                uploaded_by_role=actor.role,
            )
        )
    await life.notifier.on_event(uow, ticket, event)
    return event
