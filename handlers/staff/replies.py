"""Replies to the bot in staff groups: the only messages group privacy mode lets it see.

A reply to a prompt answers it (`answers.py`). A reply to a card, its photos, or a relayed
citizen message is the officer answering the citizen: relayed as "Reply from <agency>"
(attributed internally to the officer, anonymous to the citizen). `/note` as a reply keeps a
note internal; `/tpl <name>` as a reply sends one of the agency's canned responses.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.roles import AGENCY_ROLES, STAFF_ROLES, UNIT_ROLES
from domain.usecases import add_internal_note, reply_to_citizen
from handlers.incoming import IncomingKind
from handlers.ports import MessageLink
from handlers.router import Router
from handlers.staff.access import deny, identify
from handlers.staff.albums import joined_album
from handlers.staff.answers import answer_prompt
from handlers.staff.talk import TICKET_MESSAGES, parse_prompt, st
from handlers.texts import lines
from handlers.texts.html import shorten
from handlers.turn import Turn

router = Router()


async def replied_link(turn: Turn) -> MessageLink | None:
    """The ticket message this update replies to, if it replies to one of ours."""
    reply = turn.incoming.reply_to
    if reply is None or not reply.from_bot:
        return None
    return await turn.uow.links.find(reply.chat_id, reply.message_id)


@router.kind(IncomingKind.TEXT, private=False)
@router.kind(IncomingKind.PHOTO, private=False)
async def group_reply(turn: Turn) -> None:
    link = await replied_link(turn)
    if link is None:
        return  # a reply to a greeting or a confirmation: nothing to route
    prompt = parse_prompt(link.purpose)
    if prompt is not None:
        await answer_prompt(turn, link, prompt)
    elif link.purpose in TICKET_MESSAGES:
        await _relay_to_citizen(turn, link)


async def staff_reply_in_private(turn: Turn) -> bool:
    """For the citizen side's private text/photo handler, before its own reply routing: True
    when the message answered one of the bot's staff prompts and was handled here.

    Needed when the complaint unit has no linked group: its cards, and so the prompts, are
    then in each admin's private chat, where text messages belong to the citizen side.
    """
    link = await replied_link(turn)
    prompt = parse_prompt(link.purpose) if link is not None else None
    if link is None or prompt is None:
        return False
    await answer_prompt(turn, link, prompt)
    return True


async def _relay_to_citizen(turn: Turn, link: MessageLink) -> None:
    person = await identify(turn)
    unit = await turn.uow.agencies.complaint_unit()
    if unit is not None and link.agency_id == unit.id:
        if person.has(UNIT_ROLES):
            await _reply(turn, st(turn, "staff-unit-card-hint"))
        else:
            await deny(turn, person, link.ticket_id, "reply:unit")
        return
    if link.agency_id is None or not person.has(AGENCY_ROLES, link.agency_id):
        await deny(turn, person, link.ticket_id, "reply")
        return
    if await joined_album(turn, person.actor, link.ticket_id):
        return  # a later photo of an album already relayed: no answer per photo
    photos = [p.file_id for p in turn.incoming.photos]
    text = (turn.incoming.text or "").strip() or st(turn, "staff-photo-only")
    album = turn.incoming.media_group_id
    await reply_to_citizen(turn.uow, turn.life, person.actor, link.ticket_id, text, photos, album)
    await _reply(turn, st(turn, "staff-done-reply"))


@router.command("note", private=False, roles=STAFF_ROLES, record="ticket_event")
async def note(turn: Turn) -> None:
    """`/note <text>` as a reply to a ticket's message: for staff eyes only."""
    link = await replied_link(turn)
    if link is None or not turn.incoming.args:
        await _reply(turn, st(turn, "staff-note-usage"))
        return
    person = await identify(turn)
    if not person.has(STAFF_ROLES, link.agency_id):
        await deny(turn, person, link.ticket_id, "note")
        return
    await add_internal_note(turn.uow, turn.life, person.actor, link.ticket_id, turn.incoming.args)
    await _reply(turn, st(turn, "staff-done-note"))


@router.command("tpl", private=False, roles=AGENCY_ROLES, record="ticket_event")
async def template(turn: Turn) -> None:
    """`/tpl` lists the agency's canned responses; `/tpl <name>` as a reply sends one."""
    person = await identify(turn)
    if not person.has(AGENCY_ROLES) or person.staff is None:
        await deny(turn, person, None, "tpl")
        return
    templates = await turn.uow.templates.list_for_agency(person.staff.agency_id)
    name = turn.incoming.args.strip().lower()
    if not name:
        if not templates:
            await _reply(turn, st(turn, "staff-tpl-none"))
            return
        items = [
            st(turn, "staff-tpl-line", name=t.name, preview=shorten(t.text, 60)) for t in templates
        ]
        await _reply(turn, lines([st(turn, "staff-tpl-list"), *items]))
        return
    chosen = next((t for t in templates if t.name.lower() == name), None)
    if chosen is None:
        await _reply(turn, st(turn, "staff-tpl-unknown", name=name))
        return
    link = await replied_link(turn)
    if link is None or link.agency_id != person.staff.agency_id:
        await _reply(turn, st(turn, "staff-tpl-usage"))
        return
    await reply_to_citizen(turn.uow, turn.life, person.actor, link.ticket_id, chosen.text)
    await _reply(turn, st(turn, "staff-done-reply"))


async def _reply(turn: Turn, text: Markup) -> None:
    await turn.say(text, reply_to_message_id=turn.incoming.message_id)
