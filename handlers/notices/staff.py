"""What staff are told when a ticket changes: cards in the admin and agency groups, kept
current, and the citizen's words relayed under them.

Called for every event, public or not, inside the use case's unit of work, so the cards move
with the change or not at all. Each event touches only the cards it changes: a group is
limited to about 20 messages a minute, and a card edited for nothing is a message wasted.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.model import TicketEvent
from domain.status import AssignmentStatus, TicketStatus
from handlers.notices.change import Change
from handlers.ports import NoticeUnitOfWork
from handlers.staff.board import Board

S = TicketStatus
# Agency actions whose only staff-side effect is the acting agency's card changing.
AGENCY_STEPS = frozenset({"claim", "reply", "request_info", "note", "resolve"})
UNIT_STEPS = frozenset({"hold", "reject", "cancel"})


async def notify_staff(change: Change) -> None:
    uow, ticket, event = change.uow, change.ticket, change.event
    board = Board(uow, change.texts, change.city, ticket, event.at, change.facts, change.outbox)
    data = event.data
    match event.action:
        case "submit":
            if data.get("auto_verified"):
                for agency_id in data.get("dispatched_to") or []:
                    await board.post_agency_card(agency_id)
            else:
                await board.post_unit_card()
        case "verify" | "dispatch":
            for agency_id in data.get("dispatched_to") or []:
                await board.post_agency_card(agency_id)
            await board.refresh(unit=True)
        case "transfer":
            await board.post_agency_card(int(data["to_agency_id"]))
            await board.refresh(unit=True, agencies=_one(event.agency_id))
        case "hand_back":
            if ticket.status == S.SUBMITTED:
                await board.post_unit_card()  # back in the queue: a fresh card to act on
            await board.refresh(unit=True, agencies=_one(event.agency_id))
        case "citizen_add_info":
            await _relay_citizen_info(uow, board, event)
        case "confirm" | "auto_close" | "rate":
            await _closing(uow, board, event)
        case "reopen":
            agencies = {int(a) for a in data.get("agency_ids") or []}
            reason = event.text or ""
            count = int(data.get("reopen_count") or 1)
            await board.under_cards(
                agencies, board.wording("staff-under-reopened", reason=reason, count=count)
            )
            for agency_id in agencies:
                await board.tell_supervisors(
                    agency_id,
                    board.wording("staff-supervisor-reopened", reason=reason, count=count),
                )
            await board.refresh(unit=True, agencies=agencies)
        case "withdraw":  # /forget: the reporter's data is erased, the work stops
            agencies = {int(a) for a in data.get("agency_ids") or []}
            withdrawn = board.wording("staff-under-withdrawn")
            await board.under_cards(agencies, withdrawn)
            await board.under_cards(None, withdrawn)
            await board.refresh(unit=True, agencies=agencies)
        case "album_photos":
            pass  # the officer posted them in the group: nothing to add there
        case action if action in AGENCY_STEPS:
            if event.agency_id is None:  # a note by the complaint unit
                await board.refresh(unit=True)
            else:
                all_done = bool(data.get("all_resolved"))
                await board.refresh(unit=all_done, agencies=_one(event.agency_id))
        case action if action in UNIT_STEPS:
            await board.refresh(unit=True)


def _one(agency_id: int | None) -> set[int]:
    return {agency_id} if agency_id is not None else set()


async def _relay_citizen_info(uow: NoticeUnitOfWork, board: Board, event: TicketEvent) -> None:
    """The citizen's answer goes under the cards of whoever is waiting for it."""
    attachments = await uow.attachments.for_ticket(board.ticket_id)
    photos = [a.file_id for a in attachments if a.event_id == event.id]
    text = board.wording("staff-under-info", text=event.text or "📷")
    agencies = {int(a) for a in event.data.get("agency_ids") or []}
    if agencies:
        await board.under_cards(agencies, text, photos)
    else:
        await board.under_cards(None, text, photos)  # still with the complaint unit
    await board.refresh(
        unit=event.from_status == S.ON_HOLD,
        agencies=agencies if event.from_status == S.NEED_INFO else set(),
    )


async def _closing(uow: NoticeUnitOfWork, board: Board, event: TicketEvent) -> None:
    """Confirmations and ratings are posted under every card that worked on the ticket."""
    shares = await uow.assignments.for_ticket(board.ticket_id)
    worked = {a.agency_id for a in shares if a.status == AssignmentStatus.CLOSED}
    rating = event.data.get("rating")
    stars = "★" * int(rating) + "☆" * (5 - int(rating)) if rating else ""
    if event.action == "rate":
        await board.under_cards(worked, board.wording("staff-under-rated", stars=stars))
        return
    key = "staff-under-auto-closed" if event.action == "auto_close" else "staff-under-confirmed"

    def closed(lang: str) -> Markup:
        rated = board.t(lang, "staff-under-rated", stars=stars) if stars else None
        return Markup("\n").join(p for p in (board.t(lang, key), rated) if p is not None)

    await board.under_cards(worked, closed)
    await board.refresh(unit=True, agencies=worked)
