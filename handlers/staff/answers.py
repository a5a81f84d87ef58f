"""Answers to the bot's prompts: the hold question, a duplicate's original, where to go
instead, an officer's question, a resolution note, the reason a ticket is not ours.

The prompt's message link says what is being answered and whom the bot is waiting for, so
only that person's reply counts; anyone else is told (or, if they are not staff at all,
refused and audited). Roles and agencies are checked again now: a person may have been
removed since the prompt was posted.
"""

from __future__ import annotations

from domain.errors import ValidationFailed
from domain.model import Agency
from domain.roles import AGENCY_ROLES, UNIT_ROLES
from domain.status import RejectReason
from domain.usecases import (
    hand_back_ticket,
    hold_ticket,
    reject_ticket,
    request_info,
    resolve_ticket,
    transfer_ticket,
)
from handlers.ports import MessageLink
from handlers.staff.access import Person, deny, identify
from handlers.staff.albums import joined_album
from handlers.staff.talk import Prompt, st
from handlers.turn import Turn

UNIT_INTENTS = frozenset({"hold", "duplicate", "where"})
AGENCY_INTENTS = frozenset({"info", "resolve", "notours"})


async def answer_prompt(turn: Turn, link: MessageLink, prompt: Prompt) -> None:
    person = await identify(turn)
    if person.staff is None:
        await deny(turn, person, link.ticket_id, f"answer:{prompt.intent}")
        return
    if person.staff.id != prompt.staff_id:
        expected = await turn.uow.staff.get(prompt.staff_id)
        name = expected.name if expected else "?"
        await _reply(turn, st(turn, "staff-prompt-not-yours", name=name))
        return
    if not _still_allowed(person, link, prompt):
        await deny(turn, person, link.ticket_id, f"answer:{prompt.intent}")
        return
    text = (turn.incoming.text or "").strip()
    photos = [p.file_id for p in turn.incoming.photos]
    life, uow, actor, tid = turn.life, turn.uow, person.actor, link.ticket_id
    match prompt.intent:
        case "hold":
            await hold_ticket(uow, life, actor, tid, text)
        case "duplicate":
            await reject_ticket(uow, life, actor, tid, RejectReason.DUPLICATE, duplicate_of=text)
        case "where":
            await reject_ticket(
                uow, life, actor, tid, RejectReason.NOT_PUBLIC_SERVICE, where_to_go=text
            )
        case "info":
            await request_info(uow, life, actor, tid, text)
        case "resolve":
            if await joined_album(turn, actor, tid):
                return  # no answer per photo: the officer sees the album posted
            if not text:  # a fix must be documented: photos alone are not a resolution
                await _reply(turn, st(turn, "staff-resolve-needs-note"))
                return
            album = turn.incoming.media_group_id
            await resolve_ticket(uow, life, actor, tid, text, photos, album)
        case "notours":
            target, reason = await _named_agency(turn, text, person)
            if target is not None and target.id is not None:
                await transfer_ticket(uow, life, actor, tid, target.id, reason)
            else:
                await hand_back_ticket(uow, life, actor, tid, reason)
        case _:
            return
    await _reply(turn, st(turn, f"staff-done-{prompt.intent}"))


def _still_allowed(person: Person, link: MessageLink, prompt: Prompt) -> bool:
    if prompt.intent in UNIT_INTENTS:
        return person.has(UNIT_ROLES)
    if prompt.intent in AGENCY_INTENTS:
        return person.has(AGENCY_ROLES, link.agency_id) and link.agency_id is not None
    return False


async def _named_agency(turn: Turn, text: str, person: Person) -> tuple[Agency | None, str]:
    """ "pdam: their pipe" names the agency to transfer to; anything else goes to the unit."""
    first, _, rest = text.partition(" ")
    code = first.rstrip(":,.").lower()
    agency = await turn.uow.agencies.get_by_code(code) if code else None
    own = person.staff.agency_id if person.staff else None
    if agency is None or not agency.active or agency.is_complaint_unit or agency.id == own:
        return None, text
    if not rest.strip():
        raise ValidationFailed(
            "reason", "write the reason after the agency's code", rule="reason_after_code"
        )
    return agency, rest.strip()


async def _reply(turn: Turn, text: str) -> None:
    await turn.say(text, reply_to_message_id=turn.incoming.message_id)
