"""What the handlers see of an update: our own small, framework-free types.

Handlers must not depend on python-telegram-bot or aiogram (both gateways have to produce the
same thing, and the playground and the tests build these by hand), so each gateway converts the
library's `Update` into an `Incoming`. Everything here is frozen: an `Incoming` is a fact about
what arrived, re-creatable at any time from the raw JSON kept in the inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class IncomingKind(StrEnum):
    """What arrived, reduced to the cases a complaint bot treats differently."""

    TEXT = "text"
    COMMAND = "command"
    PHOTO = "photo"
    DOCUMENT = "document"
    LOCATION = "location"
    CONTACT = "contact"
    CALLBACK = "callback"
    MEMBER_CHANGE = "member_change"
    MIGRATION = "migration"
    EDITED = "edited"
    UNSUPPORTED = "unsupported"


class ChatType(StrEnum):
    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class ChatRef:
    """The chat an update belongs to; `is_forum` tells the bot to post into topics."""

    id: int
    type: ChatType
    is_forum: bool = False
    title: str | None = None


@dataclass(frozen=True, slots=True)
class UserRef:
    """Who did it. `language_code` picks the catalogue language for a new citizen."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    @property
    def full_name(self) -> str:
        """Officers see the reporter's name (when allowed) as Telegram shows it."""
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(frozen=True, slots=True)
class PhotoRef:
    """One photo, largest size only: the ticket keeps one file per picture."""

    file_id: str
    file_unique_id: str
    width: int
    height: int
    file_size: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A file sent "as document"; citizens often send uncompressed photos this way."""

    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None

    @property
    def is_image(self) -> bool:
        """An image sent as a file is still a complaint photo."""
        return bool(self.mime_type and self.mime_type.startswith("image/"))


@dataclass(frozen=True, slots=True)
class LocationRef:
    """A shared point, or a venue (then `title`/`address` name the place)."""

    latitude: float
    longitude: float
    title: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class ContactRef:
    """A shared contact; `user_id` equal to the sender means "my own number"."""

    phone_number: str
    first_name: str
    user_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReplyRef:
    """The message replied to; replies to bot messages are routed to a ticket via message_link."""

    chat_id: int
    message_id: int
    from_bot: bool


@dataclass(frozen=True, slots=True)
class MemberChange:
    """The bot's own membership changed: added to an agency group, removed, or blocked."""

    old_status: str
    new_status: str
    bot_removed: bool
    bot_added: bool


@dataclass(frozen=True, slots=True)
class Incoming:
    """One update, as the handlers see it.

    Only the fields that matter for `kind` are filled; the rest stay None or empty. `chat_key`
    is what the worker orders by: one chat at a time, in update_id order.
    """

    update_id: int
    kind: IncomingKind
    chat: ChatRef | None = None
    user: UserRef | None = None
    thread_id: int | None = None
    message_id: int | None = None
    text: str | None = None
    command: str | None = None
    args: str = ""
    photos: tuple[PhotoRef, ...] = ()
    media_group_id: str | None = None
    document: DocumentRef | None = None
    location: LocationRef | None = None
    contact: ContactRef | None = None
    reply_to: ReplyRef | None = None
    callback_id: str | None = None
    callback_data: str | None = None
    callback_message_id: int | None = None
    member_change: MemberChange | None = None
    migrate_to_chat_id: int | None = None
    migrate_from_chat_id: int | None = None
    unsupported_what: str | None = None
    date: datetime | None = None

    @property
    def chat_key(self) -> int:
        """The ordering key: the chat, else the user (inline-mode callbacks have no chat)."""
        if self.chat is not None:
            return self.chat.id
        if self.user is not None:
            return self.user.id
        return 0

    @property
    def is_private(self) -> bool:
        """Citizens talk to the bot in private; officers and admins in groups."""
        return self.chat is not None and self.chat.type is ChatType.PRIVATE

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user is not None else None
