"""An agency card's buttons: Claim, Reply, Ask for info, Resolve, Not ours.

The card's group decides whose card it is: the presser must be an active officer or
supervisor of the agency linked to this group (checked in the database), or the press is
refused and audited. Claim acts at once (the first press wins; the domain names the winner to
anyone later). The others need words, so they post a prompt the officer replies to.
"""

from __future__ import annotations

from domain.errors import InvalidTransition
from domain.model import Agency
from domain.roles import AGENCY_ROLES
from domain.status import ACTIVE_ASSIGNMENT_STATUSES
from domain.transitions import share_actions
from domain.usecases import claim_ticket
from domain.usecases.steps import load_ticket
from handlers.buttons import WORK
from handlers.router import Router
from handlers.staff.access import Person, chat_agency, deny, identify, pressed
from handlers.staff.keyboards import WORK_ACTIONS
from handlers.staff.talk import mention, post, prompt_purpose, st
from handlers.turn import Turn

router = Router()

PROMPTS = {"info": "staff-prompt-info", "resolve": "staff-prompt-resolve"}


@router.callback(WORK.prefix)
async def work_button(turn: Turn) -> None:
    fields = pressed(turn, WORK)
    if fields is None:
        return
    word, ticket_id = str(fields[0]), int(fields[1])
    person = await identify(turn)
    agency = await chat_agency(turn)
    if agency is None or not person.has(AGENCY_ROLES, agency.id):
        await deny(turn, person, ticket_id, f"work:{word}")
        return
    action = WORK_ACTIONS.get(word)
    if action is None:
        turn.answer(turn.t("staff-button-invalid"), alert=True)
        return
    if word == "claim":
        await claim_ticket(turn.uow, turn.life, person.actor, ticket_id)
        turn.answer(turn.t("staff-answer-claimed"))
        return
    ticket = await load_ticket(turn.uow, ticket_id)
    shares = await turn.uow.assignments.for_ticket(ticket_id)
    live = [
        a for a in shares if a.agency_id == agency.id and a.status in ACTIVE_ASSIGNMENT_STATUSES
    ]
    if not live or action not in share_actions(live[-1]):
        raise InvalidTransition(f"{word} no longer applies to {ticket.code}")
    if word == "reply":
        turn.answer(turn.t("staff-answer-reply-howto"), alert=True)
        return
    key = PROMPTS.get(word) or "staff-prompt-notours"
    await _ask(turn, person, agency, ticket_id, ticket.code, word, key)


async def _ask(
    turn: Turn, person: Person, agency: Agency, ticket_id: int, code: str, intent: str, key: str
) -> None:
    assert person.staff is not None and person.staff.id is not None
    others = [
        a.code
        for a in await turn.uow.agencies.list()
        if not a.is_complaint_unit and a.id != agency.id
    ]
    text = st(
        turn,
        key,
        who=mention(turn, person.staff.name, person.telegram_id),
        code=code,
        codes=", ".join(others),
    )
    await post(
        turn,
        text,
        ticket_id=ticket_id,
        purpose=prompt_purpose(intent, person.staff.id),
        agency_id=agency.id,
        reply_to=turn.incoming.callback_message_id,
    )
    turn.answer(turn.t("staff-answer-prompted"))
