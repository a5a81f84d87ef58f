"""`/forget`: a citizen's own erasure request, or a superadmin's for a request received another
way (a letter, an email, at the counter): `/forget <reporter number>`, in a private chat.

Erasing someone is not undoable and needs no ticket, so only a superadmin may do it for
another person, after a confirmation whose buttons re-check the role on the press and go
stale like the citizen's own (handlers/citizen/data_rights.py). The request and the erasure
are both written to the admin audit log, naming the person by reporter number only.
"""

from __future__ import annotations

import re
from typing import cast

from markupsafe import Markup

from domain.audit import AuditAction
from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from domain.retention import ErasureUnitOfWork
from domain.roles import Role
from domain.usecases.data_rights import forget_citizen
from handlers.auditing import audit, audit_refusal
from handlers.buttons import FORGET_FOR
from handlers.citizen.data_rights import (
    NO,
    YES,
    ask_to_forget,
    complaint_counts,
    minute_of,
    pressed,
    still_valid,
)
from handlers.router import Router
from handlers.staff.access import identify
from handlers.staff.talk import label, st
from handlers.texts import queue
from handlers.turn import Turn

router = Router()

SUPERADMIN = frozenset({Role.SUPERADMIN})
REPORTER = re.compile(r"(?:reporter|pelapor)?\s*#?(\d{1,12})", re.IGNORECASE)


@router.command("forget", roles=SUPERADMIN, record="audit_log")
async def forget_command(turn: Turn) -> None:
    """Alone: the sender's own data (anyone). With an argument: a superadmin's request."""
    if not turn.incoming.args.strip():
        await ask_to_forget(turn)
        return
    await forget_for(turn, turn.incoming.args.strip())


async def forget_for(turn: Turn, arg: str) -> None:
    person = await identify(turn)
    if not person.has(SUPERADMIN):
        await audit_refusal(turn, person.as_actor, "forget")
        await turn.say(turn.t("forget-staff-only"))
        return
    match = REPORTER.fullmatch(arg)
    citizen = await turn.uow.citizens.get(int(match.group(1))) if match else None
    if citizen is None or citizen.id is None:
        await turn.say(st(turn, "forget-staff-unknown", value=arg[:40]))
        return
    target, request = f"citizen:{citizen.id}", AuditAction.DATA_ERASE_REQUEST
    if citizen.erased_at is not None:
        await audit(turn, person.actor, request, target, after={"erased": True})
        await turn.say(st(turn, "forget-staff-already", id=str(citizen.id)))
        return
    complaints, still_open = await complaint_counts(turn, citizen.id)
    asked = minute_of(turn.life.now())

    def button(key: str, answer: str) -> Button:
        return Button(label(turn, key), data=FORGET_FOR.pack(citizen.id, asked, complaints, answer))

    keyboard = Keyboard(((button("forget-btn-erase", YES), button("forget-btn-keep", NO)),))
    after = {"complaints": complaints, "open": still_open}
    await audit(turn, person.actor, request, target, after=after)
    await turn.say(
        st(
            turn, "forget-staff-confirm", id=str(citizen.id), complaints=complaints, open=still_open
        ),
        keyboard=keyboard,
    )


@router.callback(FORGET_FOR.prefix)
async def forget_for_pressed(turn: Turn) -> None:
    values = pressed(turn, FORGET_FOR)
    if values is None:
        return
    citizen_id, asked, complaints = int(values[0]), int(values[1]), int(values[2])
    answer = str(values[3])
    person = await identify(turn)
    if not person.has(SUPERADMIN):
        await audit_refusal(turn, person.as_actor, "forget", f"citizen:{citizen_id}")
        turn.answer(turn.t("staff-denied"), alert=True)
        return
    message_id = turn.incoming.callback_message_id
    if answer == NO:
        if message_id is not None:
            await _edit(turn, message_id, st(turn, "forget-staff-kept", id=str(citizen_id)))
        return
    citizen = await turn.uow.citizens.get(citizen_id)
    counted = (await complaint_counts(turn, citizen_id))[0] if citizen else -1
    fresh = still_valid(asked, turn.life.now()) and counted == complaints
    if citizen is None or answer != YES or not fresh:
        turn.answer(turn.t("forget-stale"), alert=True)
        return
    uow = cast(ErasureUnitOfWork, turn.uow)
    result = await forget_citizen(uow, turn.life, person.actor, citizen_id)
    key = "forget-staff-already" if result.already else "forget-staff-done"
    text = st(
        turn,
        key,
        id=str(citizen_id),
        complaints=result.complaints,
        withdrawn=len(result.withdrawn),
        photos=result.erased.photos,
    )
    if message_id is not None:
        await _edit(turn, message_id, text)
    else:
        await turn.say(text)


async def _edit(turn: Turn, message_id: int, text: Markup) -> None:
    """The confirmation becomes its outcome (its buttons go with it)."""
    assert turn.incoming.chat is not None
    message = Outbound(
        chat_id=turn.incoming.chat.id,
        kind=OutboundKind.EDIT_TEXT,
        text=text,
        edit_message_id=message_id,
    )
    turn.queued.extend(await queue(turn.uow.outbox, message))
