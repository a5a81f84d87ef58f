"""/help and /lang in staff groups: what the buttons and replies do, the commands for this
role, and the language the group reads.

A group's language is the group's, not any member's: an admin of the complaint unit, or the
supervisor of the agency whose group it is, sets it with `/lang id|en`; everything the bot
posts there from then on (cards, prompts, notices, digests, escalations) is in it. The role is
checked in the database on every use, like every other staff command.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.audit import AuditAction
from domain.roles import STAFF_ROLES, UNIT_ROLES, Role
from handlers.auditing import audit
from handlers.router import Router
from handlers.staff.access import Person, chat_agency, deny, identify
from handlers.staff.talk import st
from handlers.texts import blocks
from handlers.turn import Turn

router = Router()


@router.command("help", private=False)
async def group_help(turn: Turn) -> None:
    person = await identify(turn)
    if person.has(UNIT_ROLES):
        key = "staff-help-unit"
    elif person.has(STAFF_ROLES):
        key = "staff-help-agency"
    else:
        key = "staff-help-other"
    await turn.say(blocks(st(turn, key), _language_line(turn)))


@router.command("lang", private=False)
async def group_language(turn: Turn) -> None:
    """`/lang` shows the group's language; `/lang en` (admins, the agency's supervisor)
    changes it."""
    chat = turn.incoming.chat
    if chat is None:
        return
    wanted = turn.incoming.args.strip().lower()
    if not wanted:
        await turn.say(_language_line(turn))
        return
    person = await identify(turn)
    if not await _may_set_language(turn, person):
        await deny(turn, person, None, "lang")
        return
    if wanted not in turn.texts.languages:
        await turn.say(st(turn, "staff-group-lang-usage", value=wanted[:20]))
        return
    before = {"language": turn.chat_language}
    await turn.uow.chat_languages.set(chat.id, wanted, by=person.telegram_id)
    target = f"chat:{chat.id}"
    await audit(
        turn,
        person.actor,
        AuditAction.GROUP_LANGUAGE,
        target,
        before=before,
        after={"language": wanted},
    )
    turn.chat_language = wanted  # the confirmation already speaks it
    await turn.say(st(turn, "staff-group-lang-set", language=_name(turn, wanted)))


async def _may_set_language(turn: Turn, person: Person) -> bool:
    if person.has(UNIT_ROLES):
        return True
    agency = await chat_agency(turn)
    return agency is not None and person.has([Role.SUPERVISOR], agency.id)


def _name(turn: Turn, language: str) -> str:
    return turn.texts.plain(language, "language-name", code=language)


def _language_line(turn: Turn) -> Markup:
    return st(turn, "staff-group-lang-now", language=_name(turn, turn.chat_language))
