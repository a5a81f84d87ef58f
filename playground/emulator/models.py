"""The emulator's records: users, bots, chats, messages, files, and a cheap wake-up signal.

Each record caches the JSON object Telegram would embed for it (``User``, ``Chat``), because
the same ``from``/``chat`` objects go into every message and update on the hot path. Those
cached dicts are shared and must never be mutated; messages are likewise replaced, not
edited in place, so an event that captured a message keeps showing what was sent then.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "callback_query",
        "inline_query",
        "chosen_inline_result",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "message_reaction",
        "message_reaction_count",
        "poll",
        "poll_answer",
        "shipping_query",
        "pre_checkout_query",
    }
)
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}


class Pulse:
    """Wakes every current waiter when fired; firing with no waiter costs one attribute read.

    Used instead of ``asyncio.Condition`` because producers (request handlers) fire it from
    synchronous code on the hot path and there is no lock to take.
    """

    __slots__ = ("_future",)

    def __init__(self) -> None:
        self._future: asyncio.Future[None] | None = None

    def fire(self) -> None:
        future = self._future
        if future is not None:
            self._future = None
            if not future.done():
                future.set_result(None)

    async def wait(self, seconds: float | None) -> bool:
        """Wait for the next :meth:`fire`; ``False`` if ``seconds`` passed first."""
        if self._future is None:
            self._future = asyncio.get_running_loop().create_future()
        try:
            await asyncio.wait_for(asyncio.shield(self._future), seconds)
        except TimeoutError:
            return False
        return True


@dataclass(slots=True)
class UserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_premium: bool = False
    api: JSON = field(default_factory=dict)
    chat_api: JSON = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.api = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        self.chat_api = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            self.api["last_name"] = self.chat_api["last_name"] = self.last_name
        if self.username:
            self.api["username"] = self.chat_api["username"] = self.username
        if self.language_code:
            self.api["language_code"] = self.language_code
        if self.is_premium:
            self.api["is_premium"] = True


@dataclass(slots=True)
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass(slots=True)
class CallbackRecord:
    query: JSON
    bot_id: int
    chat_id: int
    answer: JSON | None = None


@dataclass(slots=True)
class BotRecord:
    """One bot identity: everything Telegram keeps per bot token."""

    id: int
    username: str
    first_name: str = "Aduan Bot"
    privacy_mode: bool = True
    can_join_groups: bool = True
    supports_inline_queries: bool = False
    next_update_id: int = 1
    pending: deque[JSON] = field(default_factory=deque)
    produced: deque[JSON] = field(default_factory=lambda: deque(maxlen=20_000))
    allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
    webhook: WebhookConfig | None = None
    poll_waiter: asyncio.Future[str] | None = None
    update_pulse: Pulse = field(default_factory=Pulse)
    started: set[int] = field(default_factory=set)
    blocked_by: set[int] = field(default_factory=set)
    private_chats: dict[int, ChatRecord] = field(default_factory=dict)
    commands: dict[str, list[JSON]] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    api: JSON = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.api = {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def me(self) -> JSON:
        return {
            **self.api,
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }


@dataclass(slots=True)
class MessageRecord:
    message: JSON
    bot_id: int | None  # the bot that sent it, ``None`` for a user's message
    deleted: bool = False
    keyboard: JSON | None = None  # a reply keyboard / removal / force reply sent with it


@dataclass(slots=True)
class ChatRecord:
    """A conversation: a group/supergroup, or one user's private chat with one bot."""

    id: int
    type: str  # private | group | supergroup
    title: str | None = None
    username: str | None = None
    is_forum: bool = False
    user: UserRecord | None = None
    bot_id: int | None = None
    members: set[int] = field(default_factory=set)
    bots: dict[int, bool] = field(default_factory=dict)  # bot id -> is administrator
    kicked_bots: set[int] = field(default_factory=set)
    messages: dict[int, MessageRecord] = field(default_factory=dict)
    next_message_id: int = 1
    topics: dict[int, JSON] = field(default_factory=dict)
    migrated_to: int | None = None
    keyboard: JSON | None = None  # the reply keyboard the user currently sees
    chat_instance: str = ""
    events: deque[JSON] = field(default_factory=lambda: deque(maxlen=20_000))
    api: JSON = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.user is not None:
            self.api = self.user.chat_api
            return
        self.api = {"id": self.id, "title": self.title or "", "type": self.type}
        if self.username:
            self.api["username"] = self.username
        if self.is_forum:
            self.api["is_forum"] = True

    @property
    def is_group(self) -> bool:
        return self.type != "private"

    def full_info(self) -> JSON:
        """``ChatFullInfo`` for getChat, with the fields both libraries require."""
        info: JSON = {
            **self.api,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
        if self.is_group:
            info["permissions"] = {
                "can_send_messages": True,
                "can_send_photos": True,
                "can_send_documents": True,
                "can_send_other_messages": True,
                "can_invite_users": True,
            }
        return info


@dataclass(slots=True)
class FileRecord:
    file_id: str
    file_unique_id: str
    kind: str  # photo | document | video | audio | voice | animation | sticker | video_note
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    photo: list[JSON] | None = None  # the whole PhotoSize array a photo file belongs to
    # The bots that may use this file id (as in Telegram, a file id belongs to one bot): the
    # bot that uploaded it, or got it in an update. Empty: no bot has seen it yet.
    bots: set[int] = field(default_factory=set)

    def api(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }
