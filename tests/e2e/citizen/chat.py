"""A citizen talking to the real bot through the emulator, and what the database holds.

`Chat` keeps a cursor over the bot's messages in the citizen's private chat, so a test reads
what the bot said since the last step (`expect`) without counting from the start. Expected
texts come from the catalogue, with the HTML tags the emulator turns into entities removed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from domain.conversation import Draft
from domain.model import Attachment, Citizen, Ticket
from handlers.intake.draft import IntakeDraft, load
from handlers.texts import default_catalogue
from tests.e2e.harness import Harness

JSON = dict[str, Any]
# Waits return as soon as the bot has answered; the bound only matters on a loaded machine.
WAIT = 30.0
TEXTS = default_catalogue()
INSIDE = (-7.5705, 110.8214)  # Surakarta, near Pasar Gede (lat, lon)
OUTSIDE = (-6.2088, 106.8456)  # Jakarta
GOOD_DESCRIPTION = "Jalan berlubang besar di depan Pasar Gede, sudah dua minggu belum diperbaiki."


def png(n: int) -> bytes:
    """A distinct small PNG-looking payload per photo."""
    return b"\x89PNG\r\n\x1a\n" + bytes([n % 256]) * 64


def plain(language: str, key: str, **args: Any) -> str:
    """A catalogue text as the citizen reads it (tags become entities in Telegram)."""
    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.text(language, key, **args)))


def text_of(message: JSON) -> str:
    return str(message.get("text") or message.get("caption") or "")


def buttons(message: JSON) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [b["text"] for row in rows for b in row]


def reply_keyboard(message: JSON) -> list[str]:
    rows = (message.get("reply_keyboard") or {}).get("keyboard") or []
    return [b["text"] if isinstance(b, dict) else b for row in rows for b in row]


@dataclass
class Chat:
    h: Harness
    id: int
    language: str = "id"
    seen: int = 0

    @classmethod
    async def open(cls, h: Harness, name: str = "Budi", language: str = "id") -> Chat:
        user = await h.client.create_user(name, language_code=language)
        return cls(h, int(user["id"]), language)

    def t(self, key: str, **args: Any) -> str:
        return plain(self.language, key, **args)

    async def expect(self, count: int = 1) -> list[JSON]:
        """Exactly the next `count` bot messages (anything after them is read next time)."""
        messages = await self.h.client.wait_for_messages(self.id, self.seen + count, WAIT)
        new = messages[self.seen : self.seen + count]
        self.seen += count
        return new

    async def one(self) -> JSON:
        return (await self.expect(1))[0]

    async def until(self, needle: str) -> JSON:
        """Skip to the next bot message containing `needle`."""
        while True:
            message = await self.one()
            if needle in text_of(message):
                return message

    async def say(self, text: str, **kw: Any) -> JSON:
        return await self.h.client.send_text(self.id, text, **kw)

    async def command(self, name: str, args: str = "") -> JSON:
        return await self.h.client.send_command(self.id, name, args)

    async def press(
        self, message: JSON, label: str | None = None, *, data: str | None = None
    ) -> JSON:
        """Press an inline button; returns the bot's callback answer."""
        query = await self.h.client.press_button(
            self.id, message["message_id"], text=label, data=data
        )
        return await self.h.client.wait_for_callback_answer(query["id"], WAIT)

    async def press_and_see_edit(self, message: JSON, label: str) -> JSON:
        """Press a button that rewrites its own message; returns the message as edited."""
        since = self.h.emulator.state.event_seq
        await self.press(message, label)
        await self.h.client.wait_for_events(
            since=since, chat_id=self.id, types=["edited_message"], timeout=WAIT
        )
        current = await self.h.client.messages(self.id)
        return next(m for m in current if m["message_id"] == message["message_id"])

    def forge(self, message: JSON, data: str) -> None:
        """Rewrite the first button of a bot message as a modified client could send it."""
        chat = self.h.emulator.state.bots[self.h.emulator.bot_id].private_chats[self.id]
        record = chat.messages[message["message_id"]]
        record.message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] = data

    # --- the database ------------------------------------------------------------------------

    async def draft(self) -> Draft | None:
        async with self.h.db.uow(read_only=True) as uow:
            return await uow.drafts.get(self.id)

    async def intake(self) -> IntakeDraft:
        """The complaint being written, as the engine reads it."""
        draft = await self.draft()
        assert draft is not None
        intake = load(draft.step, draft.data).intake
        assert intake is not None
        return intake

    async def citizen(self) -> Citizen:
        async with self.h.db.uow(read_only=True) as uow:
            found = await uow.citizens.get_by_telegram_id(self.id)
        assert found is not None
        return found

    async def set(self, **fields: Any) -> None:
        """Change the citizen row directly (what staff or the sender would do)."""
        async with self.h.db.uow() as uow:
            citizen = await uow.citizens.get_by_telegram_id(self.id)
            assert citizen is not None
            for name, value in fields.items():
                setattr(citizen, name, value)
            await uow.citizens.save(citizen)
            await uow.commit()

    async def tickets(self) -> list[Ticket]:
        citizen = await self.citizen()
        assert citizen.id is not None
        async with self.h.db.uow(read_only=True) as uow:
            return await uow.tickets.list_for_citizen(citizen.id, limit=50)

    async def attachments(self, ticket: Ticket) -> list[Attachment]:
        assert ticket.id is not None
        async with self.h.db.uow(read_only=True) as uow:
            return await uow.attachments.for_ticket(ticket.id)
