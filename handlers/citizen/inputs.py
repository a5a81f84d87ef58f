"""Every message a citizen sends (text, photo, file, location, contact, anything else), routed
to what it answers.

In order: a menu button; the rest of an album being added to a ticket; a reply to a bot
message about a ticket (adds information); a follow-up under way (add info, rating comment,
what is still wrong); the complaint being written; otherwise a friendly pointer to the menu
— and a long text typed out of the blue is taken as the start of a complaint.
"""

from __future__ import annotations

from domain.codes import is_code
from domain.usecases.intake import DESCRIPTION_MAX, DESCRIPTION_MIN
from handlers.citizen.add_info import add_by_reply, continue_adding, replied_ticket
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import current_draft, detour_of, is_intake
from handlers.citizen.followup import continue_feedback
from handlers.citizen.identity import for_citizens
from handlers.citizen.intake import start_intake
from handlers.citizen.intake_inputs import on_intake_input
from handlers.citizen.keyboards import main_menu, menu_action
from handlers.citizen.menu import run_menu
from handlers.citizen.tickets import show_status
from handlers.incoming import IncomingKind
from handlers.router import Router
from handlers.staff.replies import staff_reply_in_private
from handlers.turn import Turn

router = Router()
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
    incoming = ct.incoming
    if incoming.kind is IncomingKind.TEXT:
        action = menu_action(ct.turn.texts, incoming.text)
        if action is not None:
            await run_menu(ct, action)
            return
    draft = await current_draft(ct)
    detour = detour_of(draft) or {}
    album = incoming.media_group_id
    same_album = album is not None and album == detour.get("album")
    adding = draft is not None and detour.get("kind") == "addinfo" and same_album
    if adding and draft is not None and await continue_adding(ct, draft):
        return
    ticket = await replied_ticket(ct)
    if ticket is not None:
        await add_by_reply(ct, draft, ticket)
        return
    if draft is not None and detour:
        if detour.get("kind") in ("comment", "reopen"):
            await continue_feedback(ct, draft)
            return
        if await continue_adding(ct, draft):
            return
        draft = await current_draft(ct)  # the detour ended; the draft may be gone
    if draft is not None and is_intake(draft):
        await on_intake_input(ct, draft)
        return
    await on_idle(ct)


async def on_private_message(turn: Turn) -> None:
    """Staff answering one of the bot's prompts in private (when the complaint unit has no
    linked group, its cards and prompts live in each admin's private chat) go to the staff
    side; everything else is the citizen's."""
    if turn.incoming.reply_to is not None and await staff_reply_in_private(turn):
        return
    await on_message(turn)


for _kind in MESSAGE_KINDS:
    router.kind(_kind)(on_private_message)


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
