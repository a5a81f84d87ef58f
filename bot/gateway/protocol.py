"""The one interface the rest of the bot uses to talk to Telegram.

Two implementations exist (python-telegram-bot and aiogram, chosen with TELEGRAM_LIBRARY) and
both must pass the same e2e suite, so nothing library-specific crosses this line: updates come
back as Telegram's raw JSON plus our `Incoming`, keyboards go in as `domain.outbound.Keyboard`,
and failures come out as `bot.gateway.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple, Protocol

from domain.outbound import Keyboard
from handlers.incoming import Incoming

CommandScope = Literal["private", "groups", "default"]


@dataclass(frozen=True, slots=True)
class BotInfo:
    id: int
    username: str
    first_name: str


@dataclass(frozen=True, slots=True)
class WebhookInfo:
    """What Telegram says about its deliveries to our webhook (getWebhookInfo): the only
    place a delivery that never reached us (a wrong path, a proxy, TLS) shows up."""

    url: str
    pending_update_count: int = 0
    last_error_date: datetime | None = None  # aware UTC
    last_error_message: str | None = None

    @classmethod
    def of(
        cls, url: str, pending: int, error_date: datetime | None, error: str | None
    ) -> WebhookInfo:
        """From a library's own WebhookInfo (both hand the date over as a datetime)."""
        if error_date is not None and error_date.tzinfo is None:
            error_date = error_date.replace(tzinfo=UTC)
        return cls(url, pending, error_date, error or None)


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A photo or document to send: by file id (`str`), or its bytes as a new upload."""

    kind: Literal["photo", "document"]
    source: str | bytes
    filename: str = "file"


@dataclass(frozen=True, slots=True)
class SentFile:
    """One sent message and the file id Telegram gave its file (new for an upload)."""

    message_id: int
    file_id: str


class RawUpdate(NamedTuple):
    """An update exactly as Telegram sent it (wire names such as `from`).

    The inbox stores `payload` before anything else happens, so it can be re-parsed after a
    restart, and by either gateway.
    """

    update_id: int
    payload: dict[str, Any]


class TelegramGateway(Protocol):
    @property
    def library(self) -> str:
        """ "ptb" or "aiogram", for logs and benchmarks."""
        ...

    async def start(self) -> BotInfo:
        """Open HTTP resources and learn who we are (needed to recognise `/cmd@us`)."""
        ...

    async def close(self) -> None: ...

    async def get_me(self) -> BotInfo: ...

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int = 100,
        timeout: int = 0,  # noqa: ASYNC109 - the Bot API long-poll seconds, not ours
        allowed_updates: list[str] | None = None,
    ) -> list[RawUpdate]: ...

    def parse(self, payload: dict[str, Any]) -> Incoming:
        """Raw update JSON → `Incoming`, through the library's own Update type. Never mutates
        `payload`; raises `errors.MalformedUpdate` for JSON the library cannot read."""
        ...

    async def set_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        allowed_updates: list[str] | None = None,
    ) -> None: ...

    async def delete_webhook(self, drop_pending_updates: bool = False) -> None: ...

    async def get_webhook_info(self) -> WebhookInfo: ...

    async def send_message(
        self,
        chat_id: int,
        text: str,
        *,
        parse_mode: str | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        """Returns the sent message_id (stored in message_link to route replies)."""
        ...

    async def send_photo(
        self,
        chat_id: int,
        photo: str | bytes,
        caption: str | None = None,
        *,
        parse_mode: str | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        """`photo` is a file_id, or the bytes of a new upload."""
        ...

    async def send_document(
        self,
        chat_id: int,
        document: bytes,
        filename: str,
        caption: str | None = None,
        *,
        parse_mode: str | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        """Upload a file (report exports: CSV, XLSX) under `filename`."""
        ...

    async def send_files(
        self,
        chat_id: int,
        files: list[MediaFile],
        caption: str | None = None,
        *,
        parse_mode: str | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> list[SentFile]:
        """Photos and documents, each by file id or uploaded from bytes, in order: one file
        is one message (with the keyboard), more go in albums of at most ten of one kind
        (Telegram never mixes photos and documents in an album). Caption on the first.
        Returns every message with its file's id, so an upload's new id can be reused."""
        ...

    async def send_location(
        self,
        chat_id: int,
        latitude: float,
        longitude: float,
        *,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int: ...

    async def edit_message_text(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        *,
        keyboard: Keyboard | None = None,
        parse_mode: str | None = None,
    ) -> None: ...

    async def edit_message_reply_markup(
        self, chat_id: int, message_id: int, keyboard: Keyboard | None = None
    ) -> None:
        """`keyboard=None` removes the inline keyboard (e.g. once a ticket was claimed)."""
        ...

    async def delete_message(self, chat_id: int, message_id: int) -> None: ...

    async def answer_callback(
        self, callback_id: str, text: str | None = None, show_alert: bool = False
    ) -> None: ...

    async def send_chat_action(
        self, chat_id: int, action: str = "typing", *, thread_id: int | None = None
    ) -> None: ...

    async def download_file(self, file_id: str) -> bytes: ...

    async def set_commands(
        self,
        commands: list[tuple[str, str]],
        scope: CommandScope = "default",
        language_code: str | None = None,
    ) -> None: ...

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        """Returns the new topic's message_thread_id (one topic per ticket in forum groups)."""
        ...
