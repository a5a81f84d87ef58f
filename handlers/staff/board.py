"""Posting and updating ticket cards in the staff groups, through the outbox only.

A card is queued with `link_purpose="card"` (and its agency), and its message link is
recorded at once (`links.expect`): the sender fills in the message id in the transaction that
marks it sent. Everything queued later about the ticket in that chat (edits, relays under the
card, posts into the ticket's forum topic) names its target by link purpose and lets the
sender resolve it at send time: the outbox sends a chat's rows in order, so the card (or the
topic) has gone out by then even if it was queued in the same transaction.

Which chats hold a card is read from the message links alone, sent or still queued, so a
change right after a dispatch still edits the new card.

Every chat reads in its own language: a group's card, its edits and the posts under it in the
group's language, a supervisor's or an admin's private message in theirs. That is why posts
under cards are given as a `Wording` (a text per language) rather than as one text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from markupsafe import Markup

from domain.model import Agency, Ticket
from domain.outbound import Outbound, OutboundKind
from domain.ports import OutboxRepository
from domain.roles import Role
from handlers.alerts import admin_chats
from handlers.languages import Languages
from handlers.ports import NoticeUnitOfWork
from handlers.staff.cards import CardContext, CardRenderer, card_photos, load_context
from handlers.staff.facts import TicketFacts
from handlers.texts import Catalogue, queue
from handlers.turn import CityInfo

CARD, MEDIA, TOPIC, RELAY = "card", "card_media", "topic", "relay"
Wording = Callable[[str], Markup]  # a language -> the text in it


class Board:
    """The staff side of one ticket change: new cards, card edits, posts under cards."""

    def __init__(
        self,
        uow: NoticeUnitOfWork,
        texts: Catalogue,
        city: CityInfo,
        ticket: Ticket,
        now: datetime,
        facts: TicketFacts | None = None,
        outbox: OutboxRepository | None = None,
    ) -> None:
        self.uow, self.texts, self.city, self.ticket, self.now = uow, texts, city, ticket, now
        self.facts = facts or TicketFacts(uow, ticket)
        self.outbox = outbox or uow.outbox  # the notifier's batch: one insert per change
        self.languages = Languages(uow, texts)
        self.posted: set[int] = set()  # chats that got a fresh card in this change
        self._ctx: CardContext | None = None
        self._renderers: dict[str, CardRenderer] = {}

    @property
    def ticket_id(self) -> int:
        assert self.ticket.id is not None
        return self.ticket.id

    def t(self, lang: str, key: str, **args: Any) -> Markup:
        return self.texts.text(lang, key, code=self.ticket.code, **args)

    def wording(self, key: str, **args: Any) -> Wording:
        """`key` about this ticket, in whichever language each reader needs."""
        return lambda lang: self.t(lang, key, **args)

    async def render(self, chat_id: int) -> CardRenderer:
        """The card renderer in the language of `chat_id`."""
        lang = await self.languages.of_chat(chat_id)
        if lang not in self._renderers:
            self._renderers[lang] = CardRenderer(self.texts, lang, self.city.timezone, self.now)
        return self._renderers[lang]

    async def ctx(self) -> CardContext:
        if self._ctx is None:
            self._ctx = await load_context(self.uow, self.ticket, self.facts)
        return self._ctx

    # --- new cards ----------------------------------------------------------------------------

    async def post_unit_card(self) -> None:
        """The verification queue's card, in the admin group (or each admin's private chat)."""
        unit = await self.facts.complaint_unit()
        if unit is None or unit.id is None:
            return
        ctx = await self.ctx()
        for chat_id in await admin_chats(self.uow):
            text, keyboard = (await self.render(chat_id)).unit(ctx)
            await self._post_card(chat_id, unit.id, text, keyboard, thread=False)

    async def post_agency_card(self, agency_id: int) -> None:
        agency = await self.facts.agency(agency_id)
        if agency is None or agency.id is None:
            return
        if agency.group_chat_id is None or not agency.group_active:
            await self._tell_admins("staff-alert-no-group", agency=agency.name)
            return
        chat_id = agency.group_chat_id
        text, keyboard = (await self.render(chat_id)).agency(await self.ctx(), agency.id)
        forum = agency.group_is_forum
        if forum and not await self._has_topic(chat_id):
            category = (await self.render(chat_id)).category_name(await self.ctx())
            name = f"{self.ticket.code} · {category}".strip(" ·?")[:128]  # plain: no HTML
            await self.outbox.add(
                Outbound(
                    chat_id=chat_id,
                    kind=OutboundKind.CREATE_TOPIC,
                    text=name,
                    ticket_id=self.ticket_id,
                    link_purpose=TOPIC,
                    agency_id=agency.id,
                )
            )
            await self.uow.links.expect(
                chat_id=chat_id, ticket_id=self.ticket_id, purpose=TOPIC, agency_id=agency.id
            )
        await self._post_card(chat_id, agency.id, text, keyboard, thread=forum)

    async def _post_card(
        self, chat_id: int, agency_id: int, text: Markup, keyboard: Any, *, thread: bool
    ) -> None:
        photos = await card_photos(self.uow, self.ticket_id)
        topic = TOPIC if thread else None
        messages: list[Outbound] = []
        if photos:
            messages.append(
                Outbound(
                    chat_id=chat_id,
                    kind=OutboundKind.PHOTO if len(photos) == 1 else OutboundKind.ALBUM,
                    photos=photos,
                    ticket_id=self.ticket_id,
                    link_purpose=MEDIA,
                    agency_id=agency_id,
                    thread_link_purpose=topic,
                )
            )
        messages.append(
            Outbound(
                chat_id=chat_id,
                text=text,
                keyboard=keyboard,
                ticket_id=self.ticket_id,
                link_purpose=CARD,
                agency_id=agency_id,
                thread_link_purpose=topic,
            )
        )
        await self.outbox.add_all(messages)
        await self.uow.links.expect(
            chat_id=chat_id, ticket_id=self.ticket_id, purpose=CARD, agency_id=agency_id
        )
        self.posted.add(chat_id)

    # --- keeping cards current -----------------------------------------------------------------

    async def card_chats(self) -> dict[tuple[int, int], None]:
        """(chat, agency) of every card of this ticket, sent or still queued, oldest first."""
        links = await self.uow.links.for_ticket(self.ticket_id, purpose=CARD)
        return {(k.chat_id, k.agency_id): None for k in links if k.agency_id is not None}

    async def refresh(self, *, unit: bool = False, agencies: set[int] | None = None) -> None:
        """Edit the cards in scope to the ticket's current state (not the ones just posted)."""
        unit_agency = await self.facts.complaint_unit()
        unit_id = unit_agency.id if unit_agency else None
        for chat_id, agency_id in await self.card_chats():
            if chat_id in self.posted:
                continue
            is_unit = agency_id == unit_id
            if is_unit and not unit:
                continue
            if not is_unit and (agencies is None or agency_id not in agencies):
                continue
            ctx = await self.ctx()
            render = await self.render(chat_id)
            text, keyboard = render.unit(ctx) if is_unit else render.agency(ctx, agency_id)
            await self.outbox.add(
                Outbound(
                    chat_id=chat_id,
                    kind=OutboundKind.EDIT_TEXT,
                    text=text,
                    keyboard=keyboard,
                    ticket_id=self.ticket_id,
                    edit_link_purpose=CARD,
                )
            )

    # --- posts under cards ---------------------------------------------------------------------

    async def under_cards(
        self, agency_ids: set[int] | None, wording: Wording, photos: list[str] | None = None
    ) -> None:
        """A message under each card in scope (None: the unit's cards), in the card's topic,
        in the group's language; split if long (a citizen's words are relayed whole).

        Linked as a relay, so an officer's reply to any part goes back to the ticket.
        """
        unit_agency = await self.facts.complaint_unit()
        unit_id = unit_agency.id if unit_agency else None
        for chat_id, agency_id in await self.card_chats():
            wanted = agency_id == unit_id if agency_ids is None else agency_id in agency_ids
            if not wanted:
                continue
            agency = await self.facts.agency(agency_id)
            thread = TOPIC if _in_forum(agency, chat_id) else None
            messages: list[Outbound] = []
            if photos:
                messages.append(
                    Outbound(
                        chat_id=chat_id,
                        kind=OutboundKind.PHOTO if len(photos) == 1 else OutboundKind.ALBUM,
                        photos=photos[:10],
                        ticket_id=self.ticket_id,
                        link_purpose=RELAY,
                        agency_id=agency_id,
                        thread_link_purpose=thread,
                        reply_link_purpose=CARD,
                    )
                )
            messages.append(
                Outbound(
                    chat_id=chat_id,
                    text=wording(await self.languages.of_chat(chat_id)),
                    ticket_id=self.ticket_id,
                    link_purpose=RELAY,
                    agency_id=agency_id,
                    thread_link_purpose=thread,
                    reply_link_purpose=CARD,
                )
            )
            await queue(self.outbox, *messages)

    async def tell_supervisors(self, agency_id: int, wording: Wording) -> None:
        """A private message to each supervisor of the agency (reopens, escalations), each in
        their own language."""
        for person in await self.uow.staff.list(agency_id=agency_id, roles=[Role.SUPERVISOR]):
            chat = person.chat_id or person.telegram_id
            text = wording(await self.languages.of_staff(person))
            await queue(
                self.outbox,
                Outbound(chat_id=chat, text=text, ticket_id=self.ticket_id, agency_id=agency_id),
            )

    async def _has_topic(self, chat_id: int) -> bool:
        """The ticket's forum topic in `chat_id`, created or still queued."""
        return bool(await self.uow.links.for_ticket(self.ticket_id, purpose=TOPIC, chat_id=chat_id))

    async def _tell_admins(self, key: str, **args: Any) -> None:
        for chat_id in await admin_chats(self.uow):
            text = self.t(await self.languages.of_chat(chat_id), key, **args)
            await queue(self.outbox, Outbound(chat_id=chat_id, text=text))


def _in_forum(agency: Agency | None, chat_id: int) -> bool:
    return agency is not None and agency.group_is_forum and agency.group_chat_id == chat_id
