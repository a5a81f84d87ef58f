"""The Bot API method table and the checks shared by every chat-addressed method.

Methods register under their canonical name and are looked up case-insensitively, as
Telegram does. Each receives a :class:`Call` and returns the ``result`` value or raises
:class:`~playground.emulator.validation.ApiError`. The helpers below resolve ``chat_id``
with Telegram's precedence of refusals (not found, blocked, never started, migrated,
kicked, not a member), apply flood limits and resolve thread and reply targets.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playground.emulator.models import JSON, BotRecord, ChatRecord
from playground.emulator.state import EmulatorState
from playground.emulator.validation import (
    CHAT_NOT_FOUND,
    Params,
    bad_request,
    chat_migrated,
    forbidden,
    too_many_requests,
)


@dataclass(slots=True)
class Call:
    state: EmulatorState
    bot: BotRecord
    params: Params
    method: str


Handler = Callable[[Call], Any] | Callable[[Call], Awaitable[Any]]


@dataclass(slots=True, frozen=True)
class Method:
    name: str
    handler: Handler
    is_async: bool


METHODS: dict[str, Method] = {}


@dataclass(slots=True, frozen=True)
class Described:
    """A result that Telegram sends with a ``description`` (e.g. "Webhook was set")."""

    result: Any
    description: str


def method(*names: str, is_async: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler for one or more canonical Bot API method names."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = Method(name, handler, is_async)
        return handler

    return register


def _where(chat: ChatRecord) -> str:
    return "supergroup chat" if chat.type == "supergroup" else "group chat"


def target_chat(call: Call, *, write: bool = True, name: str = "chat_id") -> ChatRecord:
    """The chat a bot addresses, or the refusal Telegram would give."""
    raw = call.params.raw(name)
    if raw is None or raw == "":
        raise bad_request(f"{name} is empty")
    state, bot = call.state, call.bot
    if isinstance(raw, str) and raw.startswith("@"):
        found = state.group_by_username(raw)
        if found is None:
            raise bad_request(CHAT_NOT_FOUND)
        chat = found
    else:
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request(CHAT_NOT_FOUND) from None
        if chat_id > 0:
            user = state.users.get(chat_id)
            if user is None:
                raise bad_request(CHAT_NOT_FOUND)
            if chat_id in bot.blocked_by:
                raise forbidden("bot was blocked by the user")
            if chat_id not in bot.started:
                if write:
                    raise forbidden("bot can't initiate conversation with a user")
                raise bad_request(CHAT_NOT_FOUND)
            return state.private_chat(bot, user)
        group = state.groups.get(chat_id)
        if group is None:
            raise bad_request(CHAT_NOT_FOUND)
        chat = group
    if chat.migrated_to is not None:
        raise chat_migrated(chat.migrated_to)
    if bot.id in chat.kicked_bots:
        raise forbidden(f"bot was kicked from the {_where(chat)}")
    if bot.id not in chat.bots:
        raise forbidden(f"bot is not a member of the {_where(chat)}")
    return chat


def check_flood(call: Call, chat: ChatRecord) -> None:
    retry_after = call.state.limits.check(call.bot.id, chat.id, chat.is_group)
    if retry_after is not None:
        raise too_many_requests(retry_after)


def thread_for(call: Call, chat: ChatRecord) -> int | None:
    thread_id = call.params.int("message_thread_id")
    if thread_id is None or chat.type != "supergroup":
        return None
    if chat.is_forum and thread_id in chat.topics:
        return thread_id
    if not chat.is_forum and thread_id in chat.messages:
        return thread_id
    raise bad_request("message thread not found")


def snapshot(message: JSON) -> JSON:
    """A message as embedded in ``reply_to_message``: without its own reply."""
    if "reply_to_message" in message:
        return {k: v for k, v in message.items() if k != "reply_to_message"}
    return message


def reply_target(call: Call, chat: ChatRecord, thread_id: int | None) -> JSON | None:
    """``reply_parameters`` (or legacy ``reply_to_message_id``) resolved in ``chat``."""
    params = call.params
    allow = params.bool("allow_sending_without_reply")
    message_id: Any = None
    reply = params.json("reply_parameters")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow = bool(reply.get("allow_sending_without_reply", allow))
    if message_id is None:
        message_id = params.int("reply_to_message_id")
    if message_id is None:
        if thread_id is not None and chat.is_forum:
            return snapshot(chat.messages[thread_id].message)
        return None
    record = chat.messages.get(int(message_id))
    if record is None or record.deleted:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return snapshot(record.message)
