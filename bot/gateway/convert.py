"""A library's parsed `Update` → our `Incoming`, shared by both gateways.

python-telegram-bot and aiogram both name every attribute after the Bot API field (snake_case,
`from` → `from_user`), so one converter reads either. Keeping a single converter is what makes
the two gateways agree field for field. The only differences it smooths over: ptb uses empty
tuples and False where aiogram uses None (so presence is tested by truthiness), enums vs plain
strings, and the tz object on datetimes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from handlers.incoming import (
    ChatRef,
    ChatType,
    ContactRef,
    DocumentRef,
    Incoming,
    IncomingKind,
    LocationRef,
    MemberChange,
    PhotoRef,
    ReplyRef,
    UserRef,
)

# Telegram's command grammar: up to 32 of [A-Za-z0-9_], optionally @botname, then arguments.
_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?", re.DOTALL)

# Message contents we do not handle, checked in this order so the bot can name what it got.
# `animation` comes before anything else because Telegram also fills `document` for GIFs.
_UNSUPPORTED_CONTENT = (
    "animation",
    "sticker",
    "voice",
    "video_note",
    "video",
    "audio",
    "poll",
    "dice",
    "game",
    "story",
    "invoice",
    "paid_media",
    "checklist",
    "giveaway",
    "new_chat_members",
    "left_chat_member",
    "new_chat_title",
    "new_chat_photo",
    "delete_chat_photo",
    "group_chat_created",
    "supergroup_chat_created",
    "pinned_message",
    "forum_topic_created",
    "forum_topic_edited",
    "forum_topic_closed",
    "forum_topic_reopened",
)

# Update types other than the ones converted below, named by their Bot API field.
_OTHER_UPDATES = (
    "channel_post",
    "edited_channel_post",
    "inline_query",
    "chosen_inline_result",
    "shipping_query",
    "pre_checkout_query",
    "poll",
    "poll_answer",
    "chat_member",
    "chat_join_request",
    "message_reaction",
    "message_reaction_count",
    "chat_boost",
    "removed_chat_boost",
    "business_message",
)

_GONE = frozenset({"left", "kicked"})


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who "us" is: the id from the token, the username once getMe answered."""

    id: int
    username: str | None = None


def to_incoming(update: Any, me: BotIdentity) -> Incoming:
    """Convert a ptb or aiogram `Update`."""
    uid = update.update_id
    if update.message:
        return _from_message(uid, update.message, me, edited=False)
    if update.edited_message:
        return _from_message(uid, update.edited_message, me, edited=True)
    if update.callback_query:
        return _from_callback(uid, update.callback_query)
    if update.my_chat_member:
        return _from_member_change(uid, update.my_chat_member)
    what = next((name for name in _OTHER_UPDATES if getattr(update, name, None)), "unknown")
    return Incoming(update_id=uid, kind=IncomingKind.UNSUPPORTED, unsupported_what=what)


def _from_message(uid: int, msg: Any, me: BotIdentity, *, edited: bool) -> Incoming:
    chat = _chat(msg.chat)
    text = msg.text if msg.text is not None else msg.caption
    fields: dict[str, Any] = {}
    kind = IncomingKind.UNSUPPORTED

    if msg.migrate_to_chat_id or msg.migrate_from_chat_id:
        kind = IncomingKind.MIGRATION
        fields["migrate_to_chat_id"] = msg.migrate_to_chat_id or None
        fields["migrate_from_chat_id"] = msg.migrate_from_chat_id or None
    elif msg.text is not None:
        kind = IncomingKind.TEXT
        parsed = _command(msg.text, me)
        if parsed is not None:
            kind = IncomingKind.COMMAND
            fields["command"], fields["args"] = parsed
    elif msg.photo:
        kind = IncomingKind.PHOTO
        fields["photos"] = (_largest_photo(msg.photo),)
    elif msg.venue:
        kind = IncomingKind.LOCATION
        venue = msg.venue
        fields["location"] = LocationRef(
            latitude=venue.location.latitude,
            longitude=venue.location.longitude,
            title=venue.title,
            address=venue.address,
        )
    elif msg.location:
        kind = IncomingKind.LOCATION
        fields["location"] = LocationRef(msg.location.latitude, msg.location.longitude)
    elif msg.contact:
        kind = IncomingKind.CONTACT
        c = msg.contact
        fields["contact"] = ContactRef(c.phone_number, c.first_name, c.user_id)
    elif msg.document and not msg.animation:
        kind = IncomingKind.DOCUMENT
        d = msg.document
        fields["document"] = DocumentRef(
            d.file_id, d.file_unique_id, d.file_name, d.mime_type, d.file_size
        )
    else:
        what = next((n for n in _UNSUPPORTED_CONTENT if getattr(msg, n, None)), "unknown")
        fields["unsupported_what"] = what

    if edited:
        kind = IncomingKind.EDITED
        fields.pop("command", None)
        fields.pop("args", None)

    thread_id = msg.message_thread_id if msg.is_topic_message else None
    return Incoming(
        update_id=uid,
        kind=kind,
        chat=chat,
        user=_user(msg.from_user),
        thread_id=thread_id,
        message_id=msg.message_id,
        text=text,
        media_group_id=msg.media_group_id,
        reply_to=_reply(msg, thread_id, me),
        date=_utc(msg.edit_date if edited and msg.edit_date else msg.date),
        **fields,
    )


def _from_callback(uid: int, query: Any) -> Incoming:
    """Callbacks are keyed by the chat of the message that carried the button."""
    msg = query.message
    chat = _chat(msg.chat) if msg is not None else None
    thread_id = None
    if msg is not None and getattr(msg, "is_topic_message", None):
        thread_id = msg.message_thread_id
    return Incoming(
        update_id=uid,
        kind=IncomingKind.CALLBACK,
        chat=chat,
        user=_user(query.from_user),
        thread_id=thread_id,
        callback_id=query.id,
        callback_data=query.data,
        callback_message_id=msg.message_id if msg is not None else None,
    )


def _from_member_change(uid: int, change: Any) -> Incoming:
    old = _plain(change.old_chat_member.status)
    new = _plain(change.new_chat_member.status)
    return Incoming(
        update_id=uid,
        kind=IncomingKind.MEMBER_CHANGE,
        chat=_chat(change.chat),
        user=_user(change.from_user),
        member_change=MemberChange(
            old_status=old,
            new_status=new,
            bot_removed=new in _GONE and old not in _GONE,
            bot_added=old in _GONE and new not in _GONE,
        ),
        date=_utc(change.date),
    )


def _command(text: str, me: BotIdentity) -> tuple[str, str] | None:
    """`/Start@Us arg` → ("start", "arg"); None if not a command or addressed to another bot."""
    if not text.startswith("/"):
        return None
    match = _COMMAND.fullmatch(text)
    if match is None:
        return None
    name, addressee, args = match.groups()
    if addressee is not None and (me.username is None or addressee.lower() != me.username.lower()):
        return None
    return name.lower(), (args or "").strip()


def _reply(msg: Any, thread_id: int | None, me: BotIdentity) -> ReplyRef | None:
    """In forum topics every message "replies" to the topic's first message; that is no reply."""
    target = msg.reply_to_message
    if not target:
        return None
    if thread_id is not None and target.message_id == thread_id:
        return None
    author = target.from_user
    return ReplyRef(
        chat_id=target.chat.id,
        message_id=target.message_id,
        from_bot=author is not None and author.id == me.id,
    )


def _largest_photo(sizes: Any) -> PhotoRef:
    best = max(sizes, key=lambda p: (p.width * p.height, p.file_size or 0))
    return PhotoRef(best.file_id, best.file_unique_id, best.width, best.height, best.file_size)


def _chat(chat: Any) -> ChatRef:
    return ChatRef(
        id=chat.id,
        type=ChatType(_plain(chat.type)),
        is_forum=bool(chat.is_forum),
        title=chat.title,
    )


def _user(user: Any) -> UserRef | None:
    if user is None:
        return None
    return UserRef(
        id=user.id,
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        language_code=user.language_code,
        is_bot=bool(user.is_bot),
    )


def _plain(value: Any) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def _utc(value: datetime | int | None) -> datetime | None:
    """Aware datetimes with different tz objects, or (aiogram's `edit_date`) a Unix time."""
    if value is None:
        return None
    if isinstance(value, int):
        return datetime.fromtimestamp(value, UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
