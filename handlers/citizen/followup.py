"""After filing: the buttons on a ticket (Add info, Cancel), "Is it solved?", the rating, and
the two short texts that may follow (a rating comment, what is still wrong).

The citizen's confirmation is what makes a fix count, so both answers are one tap away: Yes
closes the ticket and asks for a rating; No asks what is still wrong and sends the ticket back
to the agency, flagged to its supervisor (`reopen_ticket`).
"""

from __future__ import annotations

import contextlib

from domain.errors import InvalidTransition
from domain.outbound import Button, Keyboard
from domain.status import TicketStatus
from domain.usecases import cancel_ticket, confirm_resolution, rate_ticket, reopen_ticket
from domain.usecases.steps import MAX_TEXT
from handlers.buttons import FEEDBACK, RATING, TICKET_ACTION
from handlers.citizen.add_info import start_adding
from handlers.citizen.buttons_check import unpack
from handlers.citizen.context import CitizenTurn
from handlers.citizen.detours import resume, settle, start_detour
from handlers.citizen.identity import for_citizens
from handlers.citizen.intake import Session, load
from handlers.citizen.tickets import own_ticket
from handlers.citizen.timeline import CANCEL_STATUSES
from handlers.incoming import IncomingKind
from handlers.intake.draft import Detour, DetourKind
from handlers.intake.question import say
from handlers.router import Router

router = Router()
COMMENT_MAX = 1000
REASON_MIN = 3


@router.callback(TICKET_ACTION.prefix)
@for_citizens
async def ticket_action(ct: CitizenTurn) -> None:
    values = unpack(ct, TICKET_ACTION)
    if values is None:
        return
    code, action = str(values[0]), str(values[1])
    if action in ("done", "nocomment"):
        await _finish_detour(ct, code, action)
        return
    if action not in ("addinfo", "cancel", "cancel_yes", "keep"):
        ct.alert("alert-forged")
        return
    ticket = await own_ticket(ct, code)
    if ticket is None or ticket.id is None:
        return
    match action:
        case "addinfo":
            await start_adding(ct, await load(ct), ticket)
        case "cancel" if ticket.status in CANCEL_STATUSES:
            keyboard = Keyboard(
                (
                    (
                        Button(
                            ct.label("btn-cancel-yes"), data=TICKET_ACTION.pack(code, "cancel_yes")
                        ),
                    ),
                    (Button(ct.label("btn-keep-ticket"), data=TICKET_ACTION.pack(code, "keep")),),
                )
            )
            await ct.say(ct.t("ticket-cancel-confirm", code=code), keyboard)
        case "cancel" | "cancel_yes" if ticket.status not in CANCEL_STATUSES:
            ct.alert("alert-cannot-cancel")
        case "cancel_yes":
            await cancel_ticket(ct.uow, ct.turn.life, ct.actor, ticket.id)
        case _:  # keep: nothing changes
            ct.toast("alert-kept")


async def _finish_detour(ct: CitizenTurn, code: str, action: str) -> None:
    """Done (adding info) or Skip (the rating comment), if that follow-up is still on."""
    s = await load(ct)
    wanted = DetourKind.ADD_INFO if action == "done" else DetourKind.COMMENT
    if s.detour is None or s.detour.kind is not wanted or s.detour.code != code:
        ct.alert("alert-stale")
        return
    await settle(s)  # a pending rating is stored without a comment
    key = "addinfo-finished" if action == "done" else "rating-thanks"
    await resume(s, say(key, code=code))


@router.callback(FEEDBACK.prefix)
@for_citizens
async def solved_or_not(ct: CitizenTurn) -> None:
    values = unpack(ct, FEEDBACK)
    if values is None:
        return
    code, answer = str(values[0]), str(values[1])
    if answer not in ("yes", "no"):
        ct.alert("alert-forged")
        return
    ticket = await own_ticket(ct, code)
    if ticket is None or ticket.id is None:
        return
    if ticket.status != TicketStatus.RESOLVED:
        ct.alert("alert-feedback-stale")
        return
    if answer == "yes":
        # The notifier thanks the citizen and offers the rating buttons.
        await confirm_resolution(ct.uow, ct.turn.life, ct.actor, ticket.id)
        return
    await start_detour(await load(ct), Detour(DetourKind.REOPEN, ticket.id, code))
    await ct.say(ct.t("reopen-ask", code=code))


@router.callback(RATING.prefix)
@for_citizens
async def rate(ct: CitizenTurn) -> None:
    values = unpack(ct, RATING)
    if values is None:
        return
    code, stars = str(values[0]), int(values[1])
    if not 1 <= stars <= 5:
        ct.alert("alert-forged")
        return
    ticket = await own_ticket(ct, code)
    if ticket is None or ticket.id is None:
        return
    if ticket.status != TicketStatus.CLOSED or ticket.rating is not None:
        ct.alert("alert-rating-stale")
        return
    detour = Detour(DetourKind.COMMENT, ticket.id, code, rating=stars)
    await start_detour(await load(ct), detour)
    skip = Button(ct.label("btn-skip"), data=TICKET_ACTION.pack(code, "nocomment"))
    await ct.say(ct.t("rating-comment-ask", rating=stars), Keyboard(((skip,),)))


async def continue_feedback(ct: CitizenTurn, s: Session) -> None:
    """The text that follows a rating (its comment) or a No (what is still wrong)."""
    detour = s.detour
    assert detour is not None
    code, ticket_id = detour.code, detour.ticket_id
    text = (ct.incoming.text or "").strip() if ct.incoming.kind is IncomingKind.TEXT else ""
    if detour.kind is DetourKind.COMMENT:
        if not text:
            skip = Button(ct.label("btn-skip"), data=TICKET_ACTION.pack(code, "nocomment"))
            await ct.say(ct.t("rating-comment-hint"), Keyboard(((skip,),)))
        elif len(text) > COMMENT_MAX:
            await ct.say(ct.t("comment-too-long", count=len(text), max=COMMENT_MAX))
        else:
            rating = detour.rating or 0
            with contextlib.suppress(InvalidTransition):  # rated meanwhile: keep the first
                await rate_ticket(ct.uow, ct.turn.life, ct.actor, ticket_id, rating, text)
            await resume(s, say("rating-thanks", code=code))
        return
    if len(text) < REASON_MIN:
        await ct.say(ct.t("reopen-hint", code=code))
    elif len(text) > MAX_TEXT:
        await ct.say(ct.t("addinfo-too-long", count=len(text), max=MAX_TEXT))
    else:
        try:
            await reopen_ticket(ct.uow, ct.turn.life, ct.actor, ticket_id, text)
        except InvalidTransition:  # closed meanwhile (the confirmation window ran out)
            await resume(s, say("reopen-too-late", code=code))
            return
        await resume(s)  # the notifier says it is back with the agency
