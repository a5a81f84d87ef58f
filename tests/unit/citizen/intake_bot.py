"""A citizen talking to the conversations as the runtime wires them (`Conversations.handle`),
on the in-memory unit of work: no Telegram, no emulator, no database.

Each update runs in its own unit of work, committed like the worker commits it; `said` is
what the bot queued in answer (new messages and edits), `answer` the button's pop-up.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from domain.outbound import Outbound, OutboundKind
from handlers.conversations import Conversations
from handlers.incoming import (
    ChatRef,
    ChatType,
    ContactRef,
    DocumentRef,
    Incoming,
    IncomingKind,
    LocationRef,
    PhotoRef,
    UserRef,
)
from handlers.intake.draft import Conversation, load
from handlers.routes import build_router
from handlers.texts import default_catalogue
from handlers.turn import CallbackAnswer, CityInfo
from tests.fakes import InMemoryStore
from tests.usecases.world import World

TEXTS = default_catalogue()
DESCRIPTION = "Jalan berlubang besar di depan Pasar Gede, sudah dua minggu belum diperbaiki."


def plain(key: str, **args: Any) -> str:
    """A catalogue text as the citizen reads it (tags become entities in Telegram)."""
    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.text("id", key, **args)))


def shown(message: Outbound) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", message.text or ""))


def labels(message: Outbound) -> list[str]:
    return [b.text for row in (message.keyboard.rows if message.keyboard else ()) for b in row]


@dataclass
class Reply:
    said: list[Outbound]
    answer: CallbackAnswer | None

    @property
    def new(self) -> list[Outbound]:
        """The messages that add to the chat (edits replace one)."""
        return [m for m in self.said if m.kind is not OutboundKind.EDIT_TEXT]

    @property
    def last(self) -> Outbound:
        return self.said[-1]


@dataclass
class CitizenBot:
    w: World
    store: InMemoryStore
    user: int = 5001
    update: int = 0
    message_id: int = 1000  # the ids Telegram would give the bot's messages
    sent: dict[int, Outbound] = field(default_factory=dict)  # by message id, as shown now

    def __post_init__(self) -> None:
        city = CityInfo(name="Kota Surakarta", service_area=Square())
        self.conv = Conversations(build_router(), self.w.life, TEXTS, city)

    async def _handle(self, kind: IncomingKind, **fields: Any) -> Reply:
        self.update += 1
        incoming = Incoming(
            update_id=self.update,
            kind=kind,
            chat=ChatRef(self.user, ChatType.PRIVATE),
            user=UserRef(self.user, "Warga", language_code="id"),
            message_id=self.update,
            **fields,
        )
        async with self.store.uow() as uow:
            turn = await self.conv.handle(incoming, uow)  # type: ignore[arg-type]
            await uow.commit()
        for message in turn.queued:  # what the chat shows afterwards
            if message.kind is OutboundKind.EDIT_TEXT and message.edit_message_id is not None:
                self.sent[message.edit_message_id] = message
            else:
                self.message_id += 1
                self.sent[self.message_id] = message
        return Reply(list(turn.queued), turn.callback_answer)

    async def text(self, text: str) -> Reply:
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            return await self._handle(IncomingKind.COMMAND, command=command, args=args, text=text)
        return await self._handle(IncomingKind.TEXT, text=text)

    async def photo(self, n: int, album: str | None = None, caption: str | None = None) -> Reply:
        photo = PhotoRef(f"photo-{n}", f"unique-{n}", 800, 600)
        return await self._handle(
            IncomingKind.PHOTO, photos=(photo,), media_group_id=album, text=caption
        )

    async def album(self, *numbers: int, album: str = "album-1") -> list[Reply]:
        return [await self.photo(n, album) for n in numbers]

    async def document(self, name: str, mime: str) -> Reply:
        doc = DocumentRef(f"doc-{name}", f"unique-{name}", name, mime)
        return await self._handle(IncomingKind.DOCUMENT, document=doc)

    async def location(self, latitude: float, longitude: float) -> Reply:
        return await self._handle(IncomingKind.LOCATION, location=LocationRef(latitude, longitude))

    async def contact(self, phone: str, own: bool = True) -> Reply:
        contact = ContactRef(phone, "Warga", self.user if own else 777)
        return await self._handle(IncomingKind.CONTACT, contact=contact)

    async def sticker(self) -> Reply:
        return await self._handle(IncomingKind.UNSUPPORTED, unsupported_what="sticker")

    def message_with(self, label: str) -> int:
        """The newest message (as it shows now) that has a button labelled `label`."""
        for message_id in sorted(self.sent, reverse=True):
            if label in labels(self.sent[message_id]):
                return message_id
        raise AssertionError(f"no message with a {label!r} button")

    async def press(self, label: str, message_id: int | None = None) -> Reply:
        """Press the button labelled `label` on the newest message that has it."""
        message_id = message_id or self.message_with(label)
        keyboard = self.sent[message_id].keyboard
        assert keyboard is not None
        data = next(b.data for row in keyboard.rows for b in row if b.text == label)
        return await self.press_data(data or "", message_id)

    async def press_data(self, data: str, message_id: int) -> Reply:
        return await self._handle(
            IncomingKind.CALLBACK,
            callback_id=str(self.update),
            callback_data=data,
            callback_message_id=message_id,
        )

    async def conversation(self) -> Conversation | None:
        row = self.store.drafts.get(self.user)
        return None if row is None else load(row.step, row.data)


class Square:
    """Surakarta, roughly: the service area."""

    def contains(self, lon: float, lat: float) -> bool:
        return -7.7 < lat < -7.4 and 110.7 < lon < 110.9
