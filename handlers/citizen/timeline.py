"""One ticket as its citizen sees it: what it is, where it stands, and everything that happened.

Built from the public events only (`public_timeline`): internal notes never show. The officers'
photos come first as one album, then one text message with the timeline, newest events kept
when a long-running ticket would not fit in one message.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.model import Attachment, Ticket, TicketEvent
from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from domain.roles import Role
from domain.status import TicketStatus
from domain.usecases import public_timeline
from handlers.buttons import FEEDBACK, RATING, TICKET_ACTION
from handlers.citizen.categories import category_name
from handlers.citizen.context import CitizenTurn
from handlers.citizen.format import fit_lines, one_line, short_when, shorten
from handlers.notices.citizen import agency_names

S = TicketStatus
ADD_INFO_STATUSES = frozenset({S.SUBMITTED, S.ON_HOLD, S.DISPATCHED, S.IN_PROGRESS, S.NEED_INFO})
CANCEL_STATUSES = frozenset({S.SUBMITTED, S.ON_HOLD})
MAX_ALBUM = 10


async def event_agency(ct: CitizenTurn, event: TicketEvent) -> str:
    if event.data.get("to_agency_name"):
        return str(event.data["to_agency_name"])
    if event.agency_id is not None:
        return await agency_names(ct.uow, [event.agency_id])
    return await agency_names(ct.uow, event.data.get("dispatched_to"))


async def timeline_line(ct: CitizenTurn, event: TicketEvent, photos: int) -> Markup:
    action = event.action
    if action == "submit" and event.data.get("auto_verified"):
        action = "submit_auto"
    what = ct.t(
        "timeline-event",
        action=action,
        agency=shorten(await event_agency(ct, event), 200),
        text=one_line(event.text, 400),
        rating=int(event.data.get("rating") or 0),
        reason=str(event.data.get("reason", "")),
        photos=photos,
    )
    when = short_when(ct.language, event.at, ct.turn.city.timezone)
    return ct.t("timeline-line", when=when, what=what)


def ticket_keyboard(ct: CitizenTurn, ticket: Ticket) -> Keyboard | None:
    """What the citizen may still do: add info, cancel, confirm or reopen, rate."""
    code = ticket.code
    rows: list[tuple[Button, ...]] = []
    if ticket.status in ADD_INFO_STATUSES:
        rows.append((Button(ct.label("btn-add-info"), data=TICKET_ACTION.pack(code, "addinfo")),))
    if ticket.status in CANCEL_STATUSES:
        rows.append(
            (Button(ct.label("btn-cancel-ticket"), data=TICKET_ACTION.pack(code, "cancel")),)
        )
    if ticket.status == S.RESOLVED:
        rows.append(
            (
                Button(ct.label("btn-solved-yes"), data=FEEDBACK.pack(code, "yes")),
                Button(ct.label("btn-solved-no"), data=FEEDBACK.pack(code, "no")),
            )
        )
    if ticket.status == S.CLOSED and ticket.rating is None:
        rows.append(rating_row(code))
    return Keyboard(tuple(rows)) if rows else None


def rating_row(code: str) -> tuple[Button, ...]:
    return tuple(Button(f"{n}⭐", data=RATING.pack(code, n)) for n in range(1, 6))


def staff_photos(attachments: list[Attachment], public_events: set[int]) -> list[str]:
    """The officers' photos (replies, fixes), newest last; the citizen knows their own.

    Only photos of public events: a photo filed with a staff-only event (an internal note,
    today or tomorrow) is as internal as the note itself.
    """
    shown = [
        a.file_id
        for a in attachments
        if a.uploaded_by_role != Role.CITIZEN
        and a.kind == "photo"
        and a.event_id is not None
        and a.event_id in public_events
    ]
    return shown[-MAX_ALBUM:]


async def show_ticket(ct: CitizenTurn, ticket: Ticket) -> None:
    """The officers' photos, then the status and timeline; linked to the ticket so that a
    reply to it adds information."""
    assert ticket.id is not None
    attachments = await ct.uow.attachments.for_ticket(ticket.id)
    per_event: dict[int, int] = {}
    for a in attachments:
        if a.event_id is not None:
            per_event[a.event_id] = per_event.get(a.event_id, 0) + 1
    events = await public_timeline(ct.uow, ticket.id)
    lines = [await timeline_line(ct, e, per_event.get(e.id or 0, 0)) for e in events]
    category = await ct.uow.categories.get(ticket.category_id)
    deadline = ""
    if ticket.deadline is not None and ticket.status in (S.SUBMITTED, S.RESOLVED):
        when = ct.turn.texts.when(ct.language, ticket.deadline, ct.turn.city.timezone)
        deadline = ct.t("ticket-deadline", status=ticket.status.value, deadline=when)
    head = ct.t(
        "ticket-view",
        code=ticket.code,
        emoji=ct.t("status-emoji", status=ticket.status.value),
        status=ct.t("status-name", status=ticket.status.value),
        category=category_name(ct, category) if category else "-",
        description=shorten(ticket.description, 1200),
        deadline=deadline,
    )
    messages: list[Outbound] = []
    photos = staff_photos(attachments, {e.id for e in events if e.id is not None})
    if photos:
        kind = OutboundKind.PHOTO if len(photos) == 1 else OutboundKind.ALBUM
        messages.append(Outbound(chat_id=ct.chat_id, kind=kind, photos=photos))
    messages.append(
        Outbound(
            chat_id=ct.chat_id,
            text=fit_lines(head, lines),
            keyboard=ticket_keyboard(ct, ticket),
            ticket_id=ticket.id,
            link_purpose="status",
        )
    )
    await ct.send(*messages)
