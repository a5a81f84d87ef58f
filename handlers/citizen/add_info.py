"""Adding information to a filed complaint: by replying to any bot message about it, or with
the Add info button, then sending text and/or photos.

Each message is attached as it arrives (`add_citizen_info`), so nothing waits for a "send"
that may never come; it also answers an officer's question (`need_info`, the SLA clock runs
again) or the unit's (`on_hold`). The agency gets it relayed by the staff notifier. The
citizen gets one acknowledgement per message, or per album.
"""

from __future__ import annotations

from domain.model import Ticket
from domain.outbound import Button, Keyboard
from domain.status import TicketStatus
from domain.usecases import add_citizen_info
from domain.usecases.steps import MAX_TEXT
from handlers.buttons import FEEDBACK, TICKET_ACTION
from handlers.citizen.context import CitizenTurn
from handlers.citizen.detours import drop_detour, start_detour
from handlers.citizen.format import shorten
from handlers.citizen.intake import Session, save
from handlers.citizen.timeline import ADD_INFO_STATUSES
from handlers.incoming import IncomingKind
from handlers.intake.draft import Detour, DetourKind

ATTACHABLE = (IncomingKind.TEXT, IncomingKind.PHOTO, IncomingKind.DOCUMENT)


async def replied_ticket(ct: CitizenTurn) -> Ticket | None:
    """The citizen's own ticket behind the bot message they replied to, if any."""
    reply = ct.incoming.reply_to
    if reply is None or not reply.from_bot or ct.incoming.kind not in ATTACHABLE:
        return None
    link = await ct.uow.links.find(ct.chat_id, reply.message_id)
    if link is None:
        return None
    ticket = await ct.uow.tickets.get(link.ticket_id)
    if ticket is None or ticket.citizen_id != ct.citizen.id:
        return None
    return ticket


def done_keyboard(ct: CitizenTurn, code: str) -> Keyboard:
    return Keyboard(((Button(ct.label("btn-done"), data=TICKET_ACTION.pack(code, "done")),),))


async def refuse_if_not_open(ct: CitizenTurn, ticket: Ticket) -> bool:
    """Information goes to open tickets only; a resolved one needs a yes or no instead."""
    if ticket.status in ADD_INFO_STATUSES:
        return False
    if ticket.status == TicketStatus.RESOLVED:
        keyboard = Keyboard(
            (
                (
                    Button(ct.label("btn-solved-yes"), data=FEEDBACK.pack(ticket.code, "yes")),
                    Button(ct.label("btn-solved-no"), data=FEEDBACK.pack(ticket.code, "no")),
                ),
            )
        )
        await ct.say(ct.t("addinfo-resolved", code=ticket.code), keyboard)
    else:
        await ct.say(ct.t("addinfo-closed", code=ticket.code))
    return True


async def start_adding(ct: CitizenTurn, s: Session, ticket: Ticket) -> None:
    """The Add info button: everything sent next is added, until Done."""
    if await refuse_if_not_open(ct, ticket):
        return
    assert ticket.id is not None
    await start_detour(s, Detour(DetourKind.ADD_INFO, ticket.id, ticket.code, sticky=True))
    await ct.say(ct.t("addinfo-ask", code=ticket.code), done_keyboard(ct, ticket.code))


async def add_by_reply(ct: CitizenTurn, s: Session, ticket: Ticket) -> None:
    """A reply adds that message; the rest of its album (parts may come without the reply)
    is caught by a short detour that ends with the first message outside the album."""
    if await refuse_if_not_open(ct, ticket):
        return
    album = ct.incoming.media_group_id
    if album is not None:
        assert ticket.id is not None
        await start_detour(s, Detour(DetourKind.ADD_INFO, ticket.id, ticket.code, album=album))
    await attach(ct, ticket, acknowledge=True, sticky=False)


async def continue_adding(ct: CitizenTurn, s: Session) -> bool:
    """Handle a message during an add-info detour; False when the detour is over and the
    message belongs to whatever comes next."""
    detour = s.detour
    assert detour is not None
    album = ct.incoming.media_group_id
    if not detour.sticky and (album is None or album != detour.album):
        await drop_detour(s)
        return False
    ticket = await ct.uow.tickets.get(detour.ticket_id)
    if ticket is None or ticket.citizen_id != ct.citizen.id:
        await drop_detour(s)
        return False
    if ct.incoming.kind not in ATTACHABLE:
        await ct.say(ct.t("addinfo-hint"), done_keyboard(ct, ticket.code))
        return True
    if await refuse_if_not_open(ct, ticket):
        await drop_detour(s)
        return True
    first = album is None or detour.album != album
    detour.album = album
    await save(s)
    await attach(ct, ticket, acknowledge=first, sticky=detour.sticky)
    return True


async def attach(ct: CitizenTurn, ticket: Ticket, *, acknowledge: bool, sticky: bool) -> None:
    """Add this message's text, photo or image file to the ticket."""
    incoming = ct.incoming
    text = (incoming.text or "").strip() or None
    photos: list[str] = []
    documents: list[str] = []
    if incoming.photos:
        photos.append(incoming.photos[0].file_id)
    elif incoming.document is not None:
        if not incoming.document.is_image:
            name = shorten(incoming.document.file_name or incoming.document.mime_type or "?", 80)
            await ct.say(ct.t("intake-document-refused", name=name))
            return
        documents.append(incoming.document.file_id)
    if text is not None and len(text) > MAX_TEXT:
        await ct.say(ct.t("addinfo-too-long", count=len(text), max=MAX_TEXT))
        return
    if text is None and not photos and not documents:
        await ct.say(ct.t("addinfo-hint"))
        return
    assert ticket.id is not None
    await add_citizen_info(
        ct.uow,
        ct.turn.life,
        ct.actor,
        ticket.id,
        text=text,
        photo_file_ids=photos,
        document_file_ids=documents,
    )
    if acknowledge:
        keyboard = done_keyboard(ct, ticket.code) if sticky else None
        await ct.say(ct.t("addinfo-received", code=ticket.code), keyboard)
