"""The verification queue's buttons: Verify & send (pick agencies), Hold, Reject.

Only the complaint unit (admins, superadmins, checked in the database) may press them. The
agency picker keeps its choice in the buttons' own callback data, so a half-made choice
survives restarts without any server-side state; nothing happens until Send.
Questions the admin must type (the hold question, a duplicate's original, where to go
instead) are asked with a prompt the admin replies to: see `handlers.staff.replies`.
"""

from __future__ import annotations

from domain.model import Ticket
from domain.outbound import Keyboard, Outbound, OutboundKind
from domain.roles import UNIT_ROLES
from domain.status import RejectReason
from domain.transitions import Action, authorize
from domain.usecases import dispatch_ticket, reject_ticket, verify_ticket
from domain.usecases.steps import load_ticket
from handlers.buttons import PICK, PICK_SEND, QUEUE, REJECT
from handlers.router import Router
from handlers.staff.access import Person, deny, identify, pressed
from handlers.staff.keyboards import (
    decode_picked,
    picker_keyboard,
    reject_keyboard,
    unit_keyboard,
)
from handlers.staff.talk import label, mention, post, prompt_purpose, st
from handlers.turn import Turn

router = Router()


async def _admin(turn: Turn, ticket_id: int, what: str) -> Person | None:
    person = await identify(turn)
    if not person.has(UNIT_ROLES):
        await deny(turn, person, ticket_id, what)
        return None
    return person


async def _edit_keyboard(turn: Turn, ticket_id: int, keyboard: Keyboard | None) -> None:
    """Swap the pressed card's buttons (the picker, the reasons, or back to the card's own)."""
    chat = turn.incoming.chat
    if chat is None or turn.incoming.callback_message_id is None:
        return
    await turn.uow.outbox.add(
        Outbound(
            chat_id=chat.id,
            kind=OutboundKind.EDIT_MARKUP,
            keyboard=keyboard,
            edit_message_id=turn.incoming.callback_message_id,
            ticket_id=ticket_id,
        )
    )


async def _picker(turn: Turn, ticket: Ticket, picked: set[int]) -> Keyboard:
    agencies = [
        a for a in await turn.uow.agencies.list() if not a.is_complaint_unit and a.id is not None
    ]
    return picker_keyboard(lambda key: label(turn, key), ticket.id or 0, agencies, picked)


async def _ask(turn: Turn, person: Person, ticket: Ticket, intent: str, key: str) -> None:
    """Post a prompt the admin answers by replying to it (persisted as a message link)."""
    assert person.staff is not None and person.staff.id is not None
    unit = await turn.uow.agencies.complaint_unit()
    who = mention(turn, person.staff.name, person.telegram_id)
    await post(
        turn,
        st(turn, key, who=who, code=ticket.code),
        ticket_id=ticket.id,
        purpose=prompt_purpose(intent, person.staff.id),
        agency_id=unit.id if unit else None,
        reply_to=turn.incoming.callback_message_id,
    )
    turn.answer(turn.t("staff-answer-prompted"))


@router.callback(QUEUE.prefix)
async def queue_button(turn: Turn) -> None:
    fields = pressed(turn, QUEUE)
    if fields is None:
        return
    word, ticket_id = str(fields[0]), int(fields[1])
    person = await _admin(turn, ticket_id, f"queue:{word}")
    if person is None:
        return
    ticket = await load_ticket(turn.uow, ticket_id)
    match word:
        case "verify":
            authorize(ticket.status, Action.VERIFY, person.role)
            category = await turn.uow.categories.get(ticket.category_id)
            default = category.default_agency_id if category else None
            picked = {default} if default is not None else set()
            await _edit_keyboard(turn, ticket_id, await _picker(turn, ticket, picked))
            turn.answer(turn.t("staff-answer-pick"))
        case "hold":
            authorize(ticket.status, Action.HOLD, person.role)
            await _ask(turn, person, ticket, "hold", "staff-prompt-hold")
        case "reject":
            authorize(ticket.status, Action.REJECT, person.role)
            await _edit_keyboard(
                turn, ticket_id, reject_keyboard(lambda k: label(turn, k), ticket_id)
            )
            turn.answer()
        case "back":
            await _edit_keyboard(turn, ticket_id, unit_keyboard(lambda k: label(turn, k), ticket))
            turn.answer()
        case _:
            turn.answer(turn.t("staff-button-invalid"), alert=True)


@router.callback(PICK.prefix)
async def toggle_agency(turn: Turn) -> None:
    fields = pressed(turn, PICK)
    if fields is None:
        return
    ticket_id, word, agency_id = int(fields[0]), str(fields[1]), int(fields[2])
    person = await _admin(turn, ticket_id, "pick")
    if person is None:
        return
    ticket = await load_ticket(turn.uow, ticket_id)
    authorize(ticket.status, Action.VERIFY, person.role)
    picked = decode_picked(word) ^ {agency_id}
    await _edit_keyboard(turn, ticket_id, await _picker(turn, ticket, picked))
    turn.answer()


@router.callback(PICK_SEND.prefix)
async def send_to_agencies(turn: Turn) -> None:
    fields = pressed(turn, PICK_SEND)
    if fields is None:
        return
    ticket_id, picked = int(fields[0]), decode_picked(str(fields[1]))
    person = await _admin(turn, ticket_id, "send")
    if person is None:
        return
    if not picked:
        turn.answer(turn.t("staff-answer-pick-one"), alert=True)
        return
    ticket = await load_ticket(turn.uow, ticket_id)
    category = await turn.uow.categories.get(ticket.category_id)
    if category is not None and picked == {category.default_agency_id}:
        await verify_ticket(turn.uow, turn.life, person.actor, ticket_id)
    else:
        await dispatch_ticket(turn.uow, turn.life, person.actor, ticket_id, sorted(picked))
    turn.answer(turn.t("staff-answer-sent"))


@router.callback(REJECT.prefix)
async def reject_button(turn: Turn) -> None:
    fields = pressed(turn, REJECT)
    if fields is None:
        return
    word, ticket_id = str(fields[0]), int(fields[1])
    person = await _admin(turn, ticket_id, f"reject:{word}")
    if person is None:
        return
    try:
        reason = RejectReason(word)
    except ValueError:
        turn.answer(turn.t("staff-button-invalid"), alert=True)
        return
    ticket = await load_ticket(turn.uow, ticket_id)
    authorize(ticket.status, Action.REJECT, person.role)
    if reason == RejectReason.DUPLICATE:
        await _ask(turn, person, ticket, "duplicate", "staff-prompt-duplicate")
    elif reason == RejectReason.NOT_PUBLIC_SERVICE:
        await _ask(turn, person, ticket, "where", "staff-prompt-where")
    else:
        await reject_ticket(turn.uow, turn.life, person.actor, ticket_id, reason)
        turn.answer(turn.t("staff-answer-rejected"))
