"""What an agency's officers do with their share: claim, answer, ask, note, resolve.

An officer only ever touches their own agency's assignment; the ticket's status then follows
from all the agencies' shares (`status_from_assignments`).
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import AlreadyClaimed, ConcurrentUpdate, ValidationFailed
from domain.model import Assignment, Ticket
from domain.ports import UnitOfWork
from domain.sla import SlaPolicy
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from domain.transitions import Action, status_from_assignments
from domain.usecases.assignments import mark_first_response, take_over
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import (
    active_share,
    guard,
    load_category,
    load_ticket,
    record,
    require_file_ids,
    require_text,
    save_ticket,
)


async def _load(
    uow: UnitOfWork, actor: Actor, ticket_id: int, action: Action
) -> tuple[Ticket, list[Assignment], Assignment, TicketStatus]:
    """The ticket, all its shares, the actor's own live share, and the table's target."""
    ticket = await load_ticket(uow, ticket_id)
    assignments = await uow.assignments.for_ticket(ticket_id)
    target = guard(actor, ticket, action, assignments)
    return ticket, assignments, active_share(actor, assignments), target


async def _already_claimed(uow: UnitOfWork, staff_id: int) -> AlreadyClaimed:
    winner = await uow.staff.get(staff_id)
    return AlreadyClaimed(staff_id, winner.name if winner else "")


async def claim_ticket(uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int) -> Ticket:
    """Take the agency's share. The first officer wins; the others learn who did.

    Pressing Claim again after winning changes nothing and records nothing (double taps).
    """
    ticket, assignments, share, target = await _load(uow, actor, ticket_id, Action.CLAIM)
    if share.officer_id is not None:
        if share.officer_id == actor.id:
            return ticket
        raise await _already_claimed(uow, share.officer_id)
    from_status = ticket.status
    take_over(share, actor.id)
    try:
        await uow.assignments.save(share)
    except ConcurrentUpdate:
        # Someone saved the share first: if it was a claim, name the winner. (The re-read
        # must see the committed row: PostgreSQL's READ COMMITTED does; SQLite writers are
        # serialised by BEGIN IMMEDIATE, so there the first check above already catches it.)
        fresh = await uow.assignments.get(share.id or 0)
        winner = fresh.officer_id if fresh is not None else None
        if winner is not None and winner != actor.id:
            raise await _already_claimed(uow, winner) from None
        raise
    ticket.status = status_from_assignments(assignments) or target
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.CLAIM,
        from_status=from_status,
        agency_id=share.agency_id,
        data={"assignment_id": share.id, "officer_id": actor.id, "officer_name": actor.name},
    )
    return ticket


async def reply_to_citizen(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    text: str,
    photo_file_ids: Sequence[str] = (),
    album_id: str | None = None,
) -> Ticket:
    """A public answer, photos optional; the agency's first one ends its first-response stage.
    `album_id`: the first photo of an album; the others follow (`add_album_photos`)."""
    ticket, assignments, share, target = await _load(uow, actor, ticket_id, Action.REPLY)
    text = require_text("text", text)
    photos = require_file_ids(photo_file_ids)
    from_status = ticket.status
    take_over(share, actor.id)
    mark_first_response(life, ticket, share, await load_category(uow, ticket), life.now())
    await uow.assignments.save(share)
    ticket.status = status_from_assignments(assignments) or target
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.REPLY,
        from_status=from_status,
        text=text,
        agency_id=share.agency_id,
        data={"assignment_id": share.id} | ({"album_id": album_id} if album_id else {}),
        photos=photos,
    )
    return ticket


async def add_internal_note(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int, text: str
) -> Ticket:
    """A note for staff only. It changes nothing on the ticket, so the ticket is not saved
    (saving would only make concurrent work on the ticket fail for no reason)."""
    ticket = await load_ticket(uow, ticket_id)
    assignments = await uow.assignments.for_ticket(ticket_id)
    guard(actor, ticket, Action.NOTE, assignments)
    text = require_text("text", text)
    own = [a for a in assignments if a.agency_id == actor.agency_id]
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.NOTE,
        from_status=ticket.status,
        public=False,
        text=text,
        agency_id=actor.agency_id if own else None,
    )
    return ticket


async def request_info(
    uow: UnitOfWork, life: Lifecycle, actor: Actor, ticket_id: int, question: str
) -> Ticket:
    """Ask the citizen; the agency's clock pauses until the answer comes."""
    ticket, assignments, share, target = await _load(uow, actor, ticket_id, Action.REQUEST_INFO)
    question = require_text("question", question)
    now = life.now()
    from_status = ticket.status
    take_over(share, actor.id)
    mark_first_response(life, ticket, share, await load_category(uow, ticket), now)
    share.status = AssignmentStatus.NEED_INFO
    life.sla.pause_clock(share, now)
    await uow.assignments.save(share)
    ticket.status = status_from_assignments(assignments) or target
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.REQUEST_INFO,
        from_status=from_status,
        text=question,
        agency_id=share.agency_id,
        data={"assignment_id": share.id},
    )
    return ticket


async def resolve_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    note: str,
    photo_file_ids: Sequence[str] = (),
    album_id: str | None = None,
) -> Ticket:
    """Finish the agency's share, documented: a resolution note is required, photos help.

    The ticket is resolved (and the citizen's confirmation clock starts) only when no agency
    is still working on it. `album_id`: the note came with the first photo of an album,
    whose other photos follow as separate messages (`add_album_photos`).
    """
    ticket, assignments, share, target = await _load(uow, actor, ticket_id, Action.RESOLVE)
    note = require_text("note", note)
    photos = require_file_ids(photo_file_ids)
    category = await load_category(uow, ticket)
    now = life.now()
    from_status = ticket.status
    take_over(share, actor.id)
    mark_first_response(life, ticket, share, category, now)
    share.status = AssignmentStatus.RESOLVED
    share.resolved_at = now
    share.resolution_note = note
    SlaPolicy.stop_clock(share)
    await uow.assignments.save(share)
    ticket.status = status_from_assignments(assignments) or target
    all_resolved = ticket.status == TicketStatus.RESOLVED
    if all_resolved:
        ticket.resolved_at = now
        life.sla.start_clock(ticket, SlaStage.CONFIRM, now, category)
    await save_ticket(uow, life, ticket)
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.RESOLVE,
        from_status=from_status,
        text=note,
        agency_id=share.agency_id,
        data={"assignment_id": share.id, "all_resolved": all_resolved}
        | ({"album_id": album_id} if album_id else {}),
        photos=photos,
    )
    return ticket


async def add_album_photos(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    ticket_id: int,
    album_id: str,
    photo_file_ids: Sequence[str],
) -> Ticket:
    """The other photos of an album whose first photo carried a reply or a resolution.

    Telegram delivers an album as one message per photo, the text on the first: the others
    are kept with the event the first one made (not one reply, or a resolution without a
    note, per photo) and shown to the citizen. Only the same officer's album counts.
    """
    ticket = await load_ticket(uow, ticket_id)
    assignments = await uow.assignments.for_ticket(ticket_id)
    guard(actor, ticket, Action.ALBUM_PHOTOS, assignments)
    photos = require_file_ids(photo_file_ids)
    if not photos:
        raise ValidationFailed("photos", "needs at least one photo", rule="needs_photo")
    first = next(
        (
            e
            for e in reversed(await uow.events.for_ticket(ticket_id))
            if e.action in _ALBUM_STARTS
            and e.actor_id == actor.id
            and e.data.get("album_id") == album_id
        ),
        None,
    )
    if first is None:
        raise ValidationFailed(
            "text", "no reply or resolution started this album", rule="album_not_started"
        )
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.ALBUM_PHOTOS,
        from_status=ticket.status,
        agency_id=first.agency_id,
        data={"album_event_id": first.id},
        photos=photos,
    )
    return ticket


_ALBUM_STARTS = frozenset({Action.REPLY.value, Action.RESOLVE.value})
