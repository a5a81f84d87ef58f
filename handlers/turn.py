"""One incoming update being handled: the unit of work it runs in and what it says back.

A handler never talks to Telegram. It queues `Outbound` messages on the unit of work (they
commit with its changes) and may leave one callback answer, which the runtime sends right after
the commit — the only direct call DESIGN.md allows, because a button must stop spinning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.model import Citizen
from domain.outbound import Keyboard, Outbound, OutboundKind
from domain.usecases.context import Lifecycle
from handlers.incoming import Incoming
from handlers.ports import ConversationUnitOfWork
from handlers.texts import Catalogue


@dataclass
class CallbackAnswer:
    text: str | None = None
    alert: bool = False


class Area(Protocol):
    """Where the city takes complaints (bot.settings_values.ServiceArea satisfies it); handlers
    get it through `CityInfo` because they may not import the runtime's settings."""

    def contains(self, lon: float, lat: float) -> bool: ...


@dataclass
class CityInfo:
    name: str = "Kota"
    timezone: str = "Asia/Jakarta"
    service_area: Area | None = None  # None: every point is accepted
    bot_username: str = ""  # for deep links (staff invites, QR codes); set by the runtime


@dataclass
class Turn:
    incoming: Incoming
    uow: ConversationUnitOfWork
    life: Lifecycle
    texts: Catalogue
    city: CityInfo = field(default_factory=CityInfo)
    language: str = "id"
    callback_answer: CallbackAnswer | None = None
    queued: list[Outbound] = field(default_factory=list)
    # The sender's citizen row, as read to pick the language (None: not read, or no citizen
    # yet): the citizen handlers start from it instead of reading it again.
    citizen: Citizen | None = None

    def t(self, key: str, **args: Any) -> str:
        return self.texts.text(self.language, key, **args)

    async def say(
        self,
        text: str,
        *,
        chat_id: int | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> Outbound:
        """Queue a text to this chat (or another); it is sent after the commit."""
        message = Outbound(
            chat_id=self.incoming.chat.id if chat_id is None else chat_id,
            kind=OutboundKind.TEXT,
            text=text,
            keyboard=keyboard,
            reply_to_message_id=reply_to_message_id,
            thread_id=self.incoming.thread_id
            if thread_id is None and chat_id is None
            else thread_id,
        )
        await self.uow.outbox.add(message)
        self.queued.append(message)
        return message

    def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        self.callback_answer = CallbackAnswer(text, alert)
