"""Slash commands sent to the conversations the way the runtime does (`Conversations.handle`),
for handler-level tests of staff commands on a `World` (no Telegram, no emulator)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.model import AuditEntry
from handlers.conversations import Conversations
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, ReplyRef, UserRef
from handlers.routes import build_router
from handlers.texts import default_catalogue
from handlers.turn import CityInfo, Turn
from tests.usecases.world import World

TEXTS = default_catalogue()


@dataclass
class Sent:
    turn: Turn
    text: str  # everything the bot queued in answer, joined


class CommandBot:
    """The conversations as the runtime wires them, fed one command at a time."""

    def __init__(self, w: World) -> None:
        self.w = w
        self.conv = Conversations(build_router(), w.life, TEXTS, CityInfo(bot_username="aduan"))
        self.update = 0

    async def send(
        self,
        who: int,
        line: str,
        *,
        chat: int | None = None,
        reply_to: int | None = None,
        language: str = "en",
    ) -> Sent:
        """`line` ("/cmd args") from user `who`, in their private chat unless `chat`."""
        command, _, args = line.lstrip("/").partition(" ")
        chat_id = who if chat is None else chat
        kind = ChatType.PRIVATE if chat_id == who else ChatType.GROUP
        self.update += 1
        incoming = Incoming(
            update_id=self.update,
            kind=IncomingKind.COMMAND,
            chat=ChatRef(chat_id, kind),
            user=UserRef(who, f"User {who}", language_code=language),
            message_id=self.update,
            command=command,
            args=args,
            text=line,
            reply_to=ReplyRef(chat_id, reply_to, from_bot=True) if reply_to else None,
        )
        async with self.w.factory() as uow:
            turn = await self.conv.handle(incoming, uow)  # type: ignore[arg-type]
            await uow.commit()
        return Sent(turn, "\n".join(m.text or "" for m in turn.queued))

    async def audit(self) -> list[AuditEntry]:
        """The audit log around the world's clock, oldest first."""
        now = self.w.clock.now()
        async with self.w.factory() as uow:
            return await uow.audit.between(now - timedelta(days=1), now + timedelta(days=1))
