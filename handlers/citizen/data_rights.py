"""A citizen's rights over their data (UU PDP No. 27/2022): /privacy, /mydata and /forget.

- /privacy says what is kept, who sees it and for how long (the RETENTION_* settings).
- /mydata asks the scheduler for one ZIP of everything held about them (scheduler/mydata.py):
  building it reads the evidence store and may take seconds, which must not hold the chat's
  queue. The request is audited as a data-rights request.
- /forget asks first. The buttons carry the minute they were asked and how many complaints
  there were then, so an old or outdated confirmation erases nothing. Yes erases everything
  at once (domain.usecases.data_rights.forget_citizen, the retention job's own erasure) and
  withdraws the open complaints; the confirmation of what was erased and what the city keeps
  is marked personal, so it is not kept once sent.

`/forget` itself is registered by handlers/staff/forget.py: with a reporter number it is a
superadmin's command, without one it comes here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

from domain.audit import AuditAction
from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from domain.report_requests import ReportRequest
from domain.retention import ErasureUnitOfWork
from domain.status import OPEN_STATUSES
from domain.usecases.data_rights import forget_citizen
from handlers.auditing import audit
from handlers.buttons import FORGET
from handlers.callbacks import CALLBACKS, CallbackSpec
from handlers.citizen.context import CitizenTurn
from handlers.citizen.identity import for_citizens
from handlers.citizen.keyboards import main_menu
from handlers.router import Router
from handlers.texts import blocks
from handlers.turn import Turn

router = Router()

MYDATA = "mydata"  # the report-request kind the scheduler builds the ZIP for
ASK_VALID = timedelta(minutes=15)  # how long a /forget confirmation may be pressed
YES, NO = "yes", "no"


def minute_of(moment: datetime) -> int:
    return int(moment.timestamp() // 60)


def still_valid(asked: int, now: datetime) -> bool:
    """Asked within ASK_VALID (a minute from the future is forged)."""
    return 0 <= minute_of(now) - asked <= ASK_VALID.total_seconds() // 60


def pressed(turn: Turn, spec: CallbackSpec) -> tuple[str | int, ...] | None:
    """The button's fields, parsed strictly; None (and an alert) for anything else."""
    values = CALLBACKS.fields(turn.incoming.callback_data, spec)
    if values is None:
        turn.answer(turn.t("alert-forged"), alert=True)
    return values


async def complaint_counts(turn: Turn, citizen_id: int) -> tuple[int, int]:
    """(all complaints, still open) of a citizen."""
    tickets = await turn.uow.tickets.list_for_citizen(citizen_id, limit=10_000)
    return len(tickets), sum(1 for t in tickets if t.status in OPEN_STATUSES)


# --- /privacy -----------------------------------------------------------------------------------


@router.command("privacy")
@for_citizens
async def privacy_command(ct: CitizenTurn) -> None:
    policy = ct.turn.city.retention
    periods = ct.t(
        "privacy-retention",
        updates=policy.updates_days,
        outbox=policy.outbox_days,
        personal=policy.personal_months,
    )
    await ct.say(blocks(ct.t("citizen-privacy"), periods), main_menu(ct.turn.texts, ct.language))


# --- /mydata ------------------------------------------------------------------------------------


@router.command("mydata")
@for_citizens
async def mydata_command(ct: CitizenTurn) -> None:
    requests = ct.uow.report_requests
    assert ct.citizen.id is not None
    label = f"citizen:{ct.citizen.id}"
    if await requests.is_pending(MYDATA, label):
        await ct.say(ct.t("mydata-pending"))
        return
    now = ct.turn.life.now()
    await requests.add(
        ReportRequest(
            kind=MYDATA,
            chat_id=ct.chat_id,
            period_start=now,
            period_end=now,
            label=label,
            language=ct.language,
        )
    )
    await audit(ct.turn, ct.actor, AuditAction.DATA_EXPORT, label, after={"step": "asked"})
    await ct.say(ct.t("mydata-preparing"))


# --- /forget ------------------------------------------------------------------------------------


@for_citizens
async def ask_to_forget(ct: CitizenTurn) -> None:
    """The question, with what yes would do to their complaints."""
    assert ct.citizen.id is not None
    complaints, still_open = await complaint_counts(ct.turn, ct.citizen.id)
    asked = minute_of(ct.turn.life.now())

    def button(key: str, answer: str) -> Button:
        return Button(ct.label(key), data=FORGET.pack(asked, complaints, answer))

    keyboard = Keyboard(((button("forget-btn-yes", YES),), (button("forget-btn-no", NO),)))
    await ct.say(ct.t("forget-confirm", complaints=complaints, open=still_open), keyboard)


@router.callback(FORGET.prefix)
async def forget_pressed(turn: Turn) -> None:
    """Not through `for_citizens`: pressing an old button after the erasure must not make
    the person a citizen again (they start fresh only when they come back to use the bot)."""
    values = pressed(turn, FORGET)
    user = turn.incoming.user
    if values is None or user is None or not turn.incoming.is_private:
        return
    citizen = turn.citizen or await turn.uow.citizens.get_by_telegram_id(user.id)
    if citizen is None or citizen.id is None:
        turn.answer(turn.t("forget-stale"), alert=True)
        return
    if citizen.banned:  # they never got the question; a blocked account asks another way
        turn.answer(turn.t("citizen-banned"), alert=True)
        return
    ct = CitizenTurn(turn, citizen)
    asked, complaints, answer = int(values[0]), int(values[1]), str(values[2])
    message_id = turn.incoming.callback_message_id
    if answer == NO:
        if message_id is not None:
            await ct.edit(message_id, ct.t("forget-kept"))
        return
    counted, _ = await complaint_counts(turn, citizen.id)
    if answer != YES or not still_valid(asked, turn.life.now()) or counted != complaints:
        ct.alert("forget-stale")
        return
    result = await forget_citizen(
        cast(ErasureUnitOfWork, turn.uow), turn.life, ct.actor, citizen.id
    )
    # Queued after the erasure (which removed everything queued to this chat), and personal:
    # deleted once Telegram has them.
    done = ct.t(
        "forget-done",
        complaints=result.complaints,
        withdrawn=len(result.withdrawn),
        photos=result.erased.photos,
    )
    messages = [Outbound(chat_id=ct.chat_id, text=done, personal=True)]
    if message_id is not None:
        messages.insert(
            0,
            Outbound(
                chat_id=ct.chat_id,
                kind=OutboundKind.EDIT_MARKUP,
                edit_message_id=message_id,
                personal=True,
            ),
        )
    await ct.send(*messages)
    ct.toast("forget-toast")
