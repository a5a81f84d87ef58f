"""Every message a citizen sends (text, photo, file, location, contact, anything else), routed
to what it answers.

In order: a menu button; the rest of an album being added to a ticket; a reply to a bot
message about a ticket (adds information); a follow-up under way (add info, rating comment,
what is still wrong); the complaint being written; otherwise a friendly pointer to the menu
— and a long text typed out of the blue is taken as the start of a complaint. The routes
are in routes.py (staff answering a prompt in private are sorted out there first).
"""

from __future__ import annotations

from domain.codes import is_code
from domain.usecases.intake import DESCRIPTION_MAX, DESCRIPTION_MIN
from handlers.citizen.add_info import add_by_reply, continue_adding, replied_ticket
from handlers.citizen.context import CitizenTurn
from handlers.citizen.followup import continue_feedback
from handlers.citizen.identity import for_citizens
from handlers.citizen.intake import answer, load
from handlers.citizen.intake_commands import start_intake
from handlers.citizen.keyboards import main_menu, menu_action
from handlers.citizen.menu import run_menu
from handlers.citizen.tickets import show_status
from handlers.incoming import IncomingKind
from handlers.intake.draft import DetourKind

MESSAGE_KINDS = (
    IncomingKind.TEXT,
    IncomingKind.PHOTO,
    IncomingKind.DOCUMENT,
    IncomingKind.LOCATION,
    IncomingKind.CONTACT,
    IncomingKind.UNSUPPORTED,
)


@for_citizens
async def on_message(ct: CitizenTurn) -> None:
    """The conversation is read once here and handed to whatever the message answers."""
    incoming = ct.incoming
    if incoming.kind is IncomingKind.TEXT:
        action = menu_action(ct.turn.texts, incoming.text)
        if action is not None:
            await run_menu(ct, action)
            return
    s = await load(ct)
    detour = s.detour
    album = incoming.media_group_id
    adding = detour is not None and detour.kind is DetourKind.ADD_INFO
    if adding and album is not None and album == detour.album and await continue_adding(ct, s):
        return
    ticket = await replied_ticket(ct)
    if ticket is not None:
        await add_by_reply(ct, s, ticket)
        return
    if s.detour is not None:
        if s.detour.kind in (DetourKind.COMMENT, DetourKind.REOPEN):
            await continue_feedback(ct, s)
            return
        if await continue_adding(ct, s):
            return
    if s.intake is not None:
        await answer(s)
        return
    await on_idle(ct)


async def on_idle(ct: CitizenTurn) -> None:
    """Nothing under way: a tracking code shows that ticket, a long text starts a complaint,
    anything else gets a pointer to the menu."""
    incoming = ct.incoming
    menu = main_menu(ct.turn.texts, ct.language)
    text = (incoming.text or "").strip()
    if incoming.kind is IncomingKind.TEXT and is_code(text):
        await show_status(ct, text)
    elif incoming.kind is IncomingKind.TEXT and DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
        await start_intake(ct, description=text)
    elif incoming.kind is IncomingKind.UNSUPPORTED:
        what = ct.t("unsupported-what", kind=incoming.unsupported_what or "other")
        await ct.say(ct.t("idle-unsupported", what=what), menu)
    elif incoming.kind in (IncomingKind.PHOTO, IncomingKind.DOCUMENT):
        await ct.say(ct.t("idle-photo"), menu)
    else:
        await ct.say(ct.t("idle-hint"), menu)
