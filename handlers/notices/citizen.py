"""What the citizen is told at each step of their ticket, always with what happens next.

The tone follows what the ULAS study praised in good officers: thank, never blame, and say who
acts next and by when. Replies to these messages are routed back to the ticket (message links).
What an officer wrote reaches the citizen whole: a notice too long for one message is split
(handlers.texts.parts), each part linked to the ticket, the buttons under the last.
"""

from __future__ import annotations

from datetime import datetime

from markupsafe import Markup

from domain.model import Citizen, TicketEvent
from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from domain.ports import UnitOfWork
from domain.status import TicketStatus
from domain.transitions import Action
from handlers.buttons import FEEDBACK, RATING, STATUS
from handlers.notices.change import Change
from handlers.texts import queue

# Events the citizen is not messaged about: internal notes, and their own rating and added
# information (the conversation acknowledges those directly, once per album rather than once
# per photo).
SILENT = frozenset({Action.NOTE.value, Action.RATE.value, Action.CITIZEN_ADD_INFO.value})


async def agency_names(uow: UnitOfWork, ids: list[int] | None) -> str:
    names = []
    for agency_id in ids or []:
        agency = await uow.agencies.get(agency_id)
        if agency is not None:
            names.append(agency.name)
    return ", ".join(names)


async def notify_citizen(change: Change) -> None:
    event = change.event
    if event.action in SILENT:
        return
    citizen = await change.facts.citizen()
    if citizen is None or citizen.unreachable or citizen.chat_id is None:
        # The public timeline still holds it; /my shows it when they return. A reporter
        # from another channel (Open311) has no chat here: their client polls the API.
        return
    say = _Say(change, change.texts.known(citizen.language), citizen)
    await say.event(event)


class _Say:
    def __init__(self, change: Change, lang: str, citizen: Citizen) -> None:
        self.uow, self.texts, self.lang, self.outbox = change.uow, change.texts, lang, change.outbox
        self.ticket, self.city, self.facts = change.ticket, change.city, change.facts
        self.citizen = citizen

    def t(self, key: str, **args: object) -> Markup:
        return self.texts.text(self.lang, key, code=self.ticket.code, **args)

    def when(self, moment: datetime | None) -> str:
        if moment is None:
            return self.t("deadline-soon")
        return self.texts.when(self.lang, moment, self.city.timezone)

    async def agency(self, event: TicketEvent) -> str:
        if event.data.get("to_agency_name"):  # a transfer names the agency taking it over
            return str(event.data["to_agency_name"])
        ids = [event.agency_id] if event.agency_id is not None else event.data.get("dispatched_to")
        agencies = await self.facts.agencies()
        return ", ".join(agencies[int(i)].name for i in ids or [] if int(i) in agencies)

    async def send(
        self, text: Markup, *, keyboard: Keyboard | None = None, photos: list[str] | None = None
    ) -> None:
        chat = self.citizen.chat_id
        ticket_id = self.ticket.id
        messages: list[Outbound] = []
        if photos and len(photos) == 1:
            messages.append(
                Outbound(
                    chat_id=chat,
                    kind=OutboundKind.PHOTO,
                    photos=photos,
                    ticket_id=ticket_id,
                    link_purpose="notice",
                )
            )
        elif photos:
            messages.append(
                Outbound(
                    chat_id=chat,
                    kind=OutboundKind.ALBUM,
                    photos=photos[:10],
                    ticket_id=ticket_id,
                    link_purpose="notice",
                )
            )
        messages.append(
            Outbound(
                chat_id=chat,
                text=text,
                keyboard=keyboard,
                ticket_id=ticket_id,
                link_purpose="notice",
            )
        )
        await queue(self.outbox, *messages)

    def rating_buttons(self) -> Keyboard:
        """1-5 stars under the "thank you, closed" notice: rating is one tap, and optional."""
        code = self.ticket.code
        return Keyboard((tuple(Button(f"{n}⭐", data=RATING.pack(code, n)) for n in range(1, 6)),))

    def label(self, key: str) -> str:
        return self.texts.plain(self.lang, key)

    def status_button(self) -> Keyboard:
        return Keyboard(
            ((Button(self.label("btn-see-status"), data=STATUS.pack(self.ticket.code)),),)
        )

    async def event_photos(self, event: TicketEvent) -> list[str]:
        attachments = await self.uow.attachments.for_ticket(self.ticket.id or 0)
        return [a.file_id for a in attachments if a.event_id == event.id]

    async def event(self, event: TicketEvent) -> None:
        text = event.text or ""
        match event.action:
            case "submit":
                if event.data.get("auto_verified"):
                    body = self.t("notice-submitted-auto", agency=await self.agency(event))
                else:
                    body = self.t("notice-submitted", deadline=self.when(self.ticket.deadline))
                await self.send(body, keyboard=self.status_button())
            case "verify" | "dispatch" | "transfer":
                key = "notice-transferred" if event.action == "transfer" else "notice-dispatched"
                await self.send(self.t(key, agency=await self.agency(event)))
            case "hold":
                await self.send(self.t("notice-on-hold", question=text))
            case "reject":
                await self.send(self._rejection(event))
            case "claim":
                await self.send(self.t("notice-claimed", agency=await self.agency(event)))
            case "reply":
                await self.send(
                    self.t("notice-reply", agency=await self.agency(event), text=text),
                    photos=await self.event_photos(event),
                )
            case "request_info":
                await self.send(
                    self.t("notice-need-info", agency=await self.agency(event), question=text)
                )
            case "citizen_add_info":
                await self.send(self.t("notice-info-received"))
            case "resolve":
                await self._resolved(event, text)
            case "album_photos":  # the rest of the resolution's album: the photos alone
                caption = self.t("notice-more-photos")
                await queue(
                    self.outbox,
                    *[
                        Outbound(
                            chat_id=self.citizen.chat_id,
                            kind=OutboundKind.PHOTO,
                            photos=[photo],
                            text=caption,
                            ticket_id=self.ticket.id,
                            link_purpose="notice",
                        )
                        for photo in await self.event_photos(event)
                    ],
                )
            case "confirm":
                await self.send(self.t("notice-closed-confirmed"), keyboard=self.rating_buttons())
            case "reopen":
                await self.send(self.t("notice-reopened"))
            case "hand_back":
                await self.send(self.t("notice-handed-back"))
            case "cancel":
                await self.send(self.t("notice-cancelled"))
            case "auto_close":
                await self.send(self.t("notice-auto-closed"))

    async def _resolved(self, event: TicketEvent, note: str) -> None:
        agency = await self.agency(event)
        photos = await self.event_photos(event)
        if self.ticket.status != TicketStatus.RESOLVED:
            await self.send(
                self.t("notice-partly-resolved", agency=agency, note=note), photos=photos
            )
            return
        keyboard = Keyboard(
            (
                (
                    Button(
                        self.label("btn-solved-yes"), data=FEEDBACK.pack(self.ticket.code, "yes")
                    ),
                    Button(self.label("btn-solved-no"), data=FEEDBACK.pack(self.ticket.code, "no")),
                ),
            )
        )
        await self.send(
            self.t(
                "notice-resolved",
                agency=agency,
                note=note,
                deadline=self.when(self.ticket.deadline),
            ),
            keyboard=keyboard,
            photos=photos,
        )

    def _rejection(self, event: TicketEvent) -> Markup:
        reason = str(event.data.get("reason", "incomplete"))
        return self.t(
            f"notice-rejected-{reason.replace('_', '-')}",
            original=str(event.data.get("duplicate_of", "")),
            where=str(event.data.get("where_to_go", "")),
            note=event.text or "",
        )
