"""All emulator state in one object, and the rules for how messages become updates.

Both sides work on :class:`EmulatorState`: the Bot API methods (``bot_methods``,
``bot_send``) and the user side (``user_actions``). It owns id allocation (per-chat
``message_id``, per-bot ``update_id``), the update queues that ``getUpdates`` and webhook
delivery drain, the privacy-mode filter for groups, and the event log that the user API,
wait helpers and the SSE stream read. Everything here is synchronous: aiohttp handlers run
on one event loop, so a mutation can never interleave with another one.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from playground.emulator.faults import FaultInjector
from playground.emulator.files import FileStore
from playground.emulator.limits import RateLimiter
from playground.emulator.membership import member, sees
from playground.emulator.models import (
    JSON,
    BotRecord,
    CallbackRecord,
    ChatRecord,
    MessageRecord,
    Pulse,
    UserRecord,
)

T = TypeVar("T")


@dataclass(slots=True)
class WebhookSettings:
    """How the emulator delivers to webhooks: answer timeout and retry backoff, seconds."""

    timeout: float = 10.0
    retry_base: float = 0.1
    retry_max: float = 5.0


class EmulatorState:
    def __init__(self, *, bot_username: str = "aduan_bot", bot_first_name: str = "Aduan Bot"):
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.users: dict[int, UserRecord] = {}
        self.bots: dict[int, BotRecord] = {}
        self.groups: dict[int, ChatRecord] = {}
        self.files = FileStore()
        self.limits = RateLimiter()
        self.faults = FaultInjector()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.events: deque[JSON] = deque(maxlen=50_000)
        self.event_seq = 0
        self.activity = Pulse()
        self.subscribers: set[asyncio.Queue[JSON | None]] = set()
        self.default_bot_id: int | None = None
        self.webhook_settings = WebhookSettings()
        self.webhook_log: deque[JSON] = deque(maxlen=5_000)
        self.webhook_changed: Callable[[BotRecord], None] = lambda bot: None
        self._user_ids = itertools.count(100_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self._supergroup_ids = itertools.count(1_002_000_000_001)
        self._callback_ids = itertools.count(random.randrange(10**17, 10**18) * 10)

    # --- identities -----------------------------------------------------------------------

    def add_bot(
        self,
        bot_id: int,
        *,
        username: str | None = None,
        first_name: str | None = None,
        privacy_mode: bool = True,
    ) -> BotRecord:
        taken = {b.username.lower() for b in self.bots.values()}
        if username is None:
            username = self.bot_username
            if username.lower() in taken:
                username = f"aduan{bot_id}_bot"
        bot = BotRecord(
            id=bot_id,
            username=username,
            first_name=first_name or self.bot_first_name,
            privacy_mode=privacy_mode,
        )
        self.bots[bot_id] = bot
        if self.default_bot_id is None:
            self.default_bot_id = bot_id
        return bot

    def bot_for_token(self, token: str) -> BotRecord | None:
        """Any ``<digits>:<secret>`` token is valid; the digits name the bot."""
        digits, sep, secret = token.partition(":")
        if not sep or not secret or not digits.isdigit():
            return None
        bot = self.bots.get(int(digits))
        return bot if bot is not None else self.add_bot(int(digits))

    def bot(self, bot_id: int | None = None) -> BotRecord:
        key = bot_id if bot_id is not None else self.default_bot_id
        if key is None or key not in self.bots:
            if key is None:
                raise KeyError("no bot configured")
            return self.add_bot(key)
        return self.bots[key]

    def add_user(self, user_id: int | None = None, **fields: Any) -> UserRecord:
        uid = user_id if user_id is not None else next(self._user_ids)
        while user_id is None and uid in self.users:
            uid = next(self._user_ids)
        user = UserRecord(id=uid, first_name=fields.pop("first_name", None) or "User", **fields)
        self.users[uid] = user
        return user

    def new_chat(
        self, kind: str, title: str, *, username: str | None = None, chat_id: int | None = None
    ) -> ChatRecord:
        """``kind`` is ``group``, ``supergroup`` or ``forum`` (a forum supergroup)."""
        if kind not in ("group", "supergroup", "forum"):
            raise ValueError(f"unknown chat kind {kind!r}")
        if chat_id is None:
            chat_id = -next(self._group_ids if kind == "group" else self._supergroup_ids)
        chat = ChatRecord(
            id=chat_id,
            type="group" if kind == "group" else "supergroup",
            title=title,
            username=username,
            is_forum=kind == "forum",
            chat_instance=str(random.randrange(-(2**62), 2**62)),
        )
        self.groups[chat_id] = chat
        return chat

    def private_chat(self, bot: BotRecord, user: UserRecord) -> ChatRecord:
        chat = bot.private_chats.get(user.id)
        if chat is None:
            chat = ChatRecord(
                id=user.id,
                type="private",
                user=user,
                bot_id=bot.id,
                chat_instance=str(random.randrange(-(2**62), 2**62)),
            )
            bot.private_chats[user.id] = chat
        return chat

    def find_chat(self, chat_id: int, bot_id: int | None = None) -> ChatRecord | None:
        """A chat as the user side names it: a group id, or a user id for a private chat."""
        if chat_id < 0:
            return self.groups.get(chat_id)
        user = self.users.get(chat_id)
        return self.private_chat(self.bot(bot_id), user) if user is not None else None

    def group_by_username(self, username: str) -> ChatRecord | None:
        name = username.lstrip("@").lower()
        for chat in self.groups.values():
            if chat.username and chat.username.lower() == name:
                return chat
        return None

    def next_callback_id(self) -> str:
        return str(next(self._callback_ids))

    # --- messages and events --------------------------------------------------------------

    def store_message(
        self,
        chat: ChatRecord,
        sender: JSON,
        bot_id: int | None,
        content: JSON,
        *,
        reply_to: JSON | None = None,
        thread_id: int | None = None,
        keyboard: JSON | None = None,
    ) -> JSON:
        """Give ``content`` the next message id of ``chat``, keep it, and log the event."""
        message_id = chat.next_message_id
        chat.next_message_id = message_id + 1
        message: JSON = {
            "message_id": message_id,
            "from": sender,
            "date": int(time.time()),
            "chat": chat.api,
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        chat.messages[message_id] = MessageRecord(message, bot_id, keyboard=keyboard)
        if keyboard is None:
            self.record(chat, "message", message, bot_id=bot_id)
            return message
        if "keyboard" in keyboard or "remove_keyboard" in keyboard:
            chat.keyboard = None if "remove_keyboard" in keyboard else keyboard
        self.record(chat, "message", message, bot_id=bot_id, keyboard=keyboard)
        return message

    def create_topic(
        self, chat: ChatRecord, sender: JSON, bot_id: int | None, name: str, icon_color: int
    ) -> JSON:
        """Open a forum topic: its id is the id of its ``forum_topic_created`` message."""
        thread_id = chat.next_message_id
        topic = {"message_thread_id": thread_id, "name": name, "icon_color": icon_color}
        chat.topics[thread_id] = topic
        service = {"forum_topic_created": {"name": name, "icon_color": icon_color}}
        message = self.store_message(chat, sender, bot_id, service, thread_id=thread_id)
        if bot_id is None:
            self.deliver(chat, message)
        return topic

    def replace_message(self, chat: ChatRecord, record: MessageRecord, message: JSON) -> None:
        record.message = message
        self.record(chat, "edited_message", message, bot_id=record.bot_id)

    def delete_message(self, chat: ChatRecord, record: MessageRecord) -> None:
        record.deleted = True
        self.record(chat, "deleted_message", record.message, bot_id=record.bot_id)

    def record(
        self,
        chat: ChatRecord,
        kind: str,
        message: JSON | None = None,
        *,
        bot_id: int | None = None,
        from_bot: bool | None = None,
        **extra: Any,
    ) -> JSON:
        """Append to the chat's and the global event log, and wake waiters and streams.

        ``bot_id`` names the bot concerned; ``from_bot`` (default: whether ``bot_id`` is
        given) tells whether the bot, rather than a user, acted.
        """
        self.event_seq += 1
        event: JSON = {
            "seq": self.event_seq,
            "type": kind,
            "chat_id": chat.id,
            "bot_id": bot_id if bot_id is not None else chat.bot_id,
            "from_bot": bot_id is not None if from_bot is None else from_bot,
            "at": time.time(),
        }
        if message is not None:
            event["message_id"] = message["message_id"]
            event["message"] = message
        if extra:
            event.update(extra)
        chat.events.append(event)
        self.events.append(event)
        if self.subscribers:
            for queue in list(self.subscribers):
                try:
                    queue.put_nowait(event)
                except asyncio.QueueFull:
                    self.subscribers.discard(queue)
        self.activity.fire()
        return event

    async def wait_until(self, probe: Callable[[], T | None], seconds: float) -> T | None:
        """Re-check ``probe`` on every recorded event until it gives a truthy value."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            result = probe()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            await self.activity.wait(remaining)

    # --- updates --------------------------------------------------------------------------

    def enqueue(self, bot: BotRecord, kind: str, payload: JSON) -> JSON | None:
        """Queue one update for ``bot`` unless its ``allowed_updates`` exclude the kind."""
        if kind not in bot.allowed_updates:
            return None
        self.files.grant(payload, bot.id)  # as in Telegram: file ids the bot got are its own
        update = {"update_id": bot.next_update_id, kind: payload}
        bot.next_update_id += 1
        bot.pending.append(update)
        bot.produced.append(update)
        waiter = bot.poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result("update")
        bot.update_pulse.fire()
        return update

    def deliver(self, chat: ChatRecord, message: JSON, kind: str = "message") -> None:
        """Hand a user's message to every bot of the chat that may see it."""
        if chat.bot_id is not None:
            bot = self.bots[chat.bot_id]
            if chat.id not in bot.blocked_by:
                self.enqueue(bot, kind, message)
            return
        for bot_id, is_admin in chat.bots.items():
            bot = self.bots.get(bot_id)
            if bot is not None and (is_admin or not bot.privacy_mode or sees(bot, message)):
                self.enqueue(bot, kind, message)

    def member_update(
        self,
        chat: ChatRecord,
        bot: BotRecord,
        actor: JSON,
        old: str,
        new: str,
        *,
        admin: bool = False,
    ) -> None:
        """A ``my_chat_member`` update: the bot's own status in ``chat`` changed."""
        payload = {
            "chat": chat.api,
            "from": actor,
            "date": int(time.time()),
            "old_chat_member": member(bot.api, old),
            "new_chat_member": member(bot.api, "administrator" if admin else new),
        }
        self.enqueue(bot, "my_chat_member", payload)
        self.record(
            chat, "my_chat_member", bot_id=bot.id, from_bot=False, status=payload["new_chat_member"]
        )

    def reset(self) -> None:
        """Forget users, chats, files, events and faults; keep bot identities."""
        for bot in self.bots.values():
            bot.pending.clear()
            if bot.poll_waiter is not None and not bot.poll_waiter.done():
                bot.poll_waiter.set_result("update")
        old = list(self.bots.values())
        default = self.default_bot_id
        self.bots.clear()
        for bot in old:
            fresh = self.add_bot(
                bot.id,
                username=bot.username,
                first_name=bot.first_name,
                privacy_mode=bot.privacy_mode,
            )
            self.webhook_changed(fresh)
        self.default_bot_id = default
        self.users.clear()
        self.groups.clear()
        self.files.clear()
        self.limits.reset()
        self.faults.clear()
        self.callbacks.clear()
        self.events.clear()
        self.webhook_log.clear()
        self.webhook_settings = WebhookSettings()
        for queue in list(self.subscribers):
            queue.put_nowait({"seq": 0, "type": "reset"})
        self.activity.fire()
