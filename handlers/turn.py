"""One incoming update being handled: the unit of work it runs in and what it says back.

A handler never talks to Telegram. It queues `Outbound` messages on the unit of work (they
commit with its changes) and may leave one callback answer, which the runtime sends right after
the commit — the only direct call DESIGN.md allows, because a button must stop spinning.

Texts come from the catalogue as HTML (`Markup`); `say` treats any other string as plain text,
and splits a text past Telegram's limit into several messages (handlers.texts.parts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from markupsafe import Markup

from domain.model import Citizen, Staff
from domain.outbound import Keyboard, Outbound, OutboundKind
from domain.retention import RetentionPolicy
from domain.usecases.context import Lifecycle
from handlers.incoming import Incoming
from handlers.ports import ConversationUnitOfWork
from handlers.texts import Catalogue, plain_text, queue
from handlers.texts.html import as_markup


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
    # How long what is kept (RETENTION_* settings): /privacy states it.
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)


@dataclass
class Turn:
    incoming: Incoming
    uow: ConversationUnitOfWork
    life: Lifecycle
    texts: Catalogue
    city: CityInfo = field(default_factory=CityInfo)
    language: str = "id"  # the sender's own (callback answers, private chats)
    chat_language: str = "id"  # the chat's: a group's own language, else the sender's
    callback_answer: CallbackAnswer | None = None
    queued: list[Outbound] = field(default_factory=list)
    # The sender's citizen row, as read to pick the language (None: not read, or no citizen
    # yet): the citizen handlers start from it instead of reading it again.
    citizen: Citizen | None = None
    # The sender's staff row, when Conversations read it (`staff_read`): staff handlers start
    # from it instead of reading it again.
    staff: Staff | None = None
    staff_read: bool = False

    def t(self, key: str, **args: Any) -> Markup:
        """A text in the sender's own language (private chats, callback answers)."""
        return self.texts.text(self.language, key, **args)

    def chat_t(self, key: str, **args: Any) -> Markup:
        """A text in the chat's language: a group's own, the sender's in private."""
        return self.texts.text(self.chat_language, key, **args)

    async def say(
        self,
        text: Markup | str,
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
        parts = await queue(self.uow.outbox, message)
        self.queued.extend(parts)
        return parts[0]

    def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        """The callback answer (a pop-up): plain text, Telegram parses no HTML there."""
        self.callback_answer = CallbackAnswer(
            plain_text(as_markup(text)) if text is not None else None, alert
        )
