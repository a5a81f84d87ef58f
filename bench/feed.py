"""The load generator's eyes and hands on the emulator.

`Feed` follows the emulator's event stream (`GET /_emulator/events`, Server-Sent Events): one
connection for every simulated user, instead of one long-poll each, which on 2 cores would make
the emulator re-check hundreds of waits on every event. It keeps, per chat, the bot's messages
as they arrive, and times each reply with the emulator's own clock: from the moment the
emulator stored the user's message or button press (the update exists from then on) to the
moment it stored the bot's next message in that chat. Both timestamps come from one process,
so the load generator's own delays do not count.

`UserApi` posts user actions (`/_emulator/send/...`, `/_emulator/press`) over keep-alive
connections.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.common import BenchError

JSON = dict[str, Any]
Predicate = Callable[[JSON], bool]
BOT_MESSAGES = ("message", "edited_message")
USER_ACTIONS = ("message", "callback_query")
PHOTO = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


@dataclass
class ChatLog:
    """What one chat showed, as far as the benchmark cares."""

    chat_id: int
    bot_events: list[JSON] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    _asked: deque[float] = field(default_factory=deque)
    _wakeup: asyncio.Event = field(default_factory=asyncio.Event)

    def on_event(self, event: JSON) -> None:
        kind = event["type"]
        if not event["from_bot"]:
            if kind in USER_ACTIONS:
                self._asked.append(event["at"])
            return
        if kind not in BOT_MESSAGES:
            return
        self.bot_events.append(event)
        if kind == "message" and self._asked:
            self.latencies.append(event["at"] - self._asked.popleft())
        self._wakeup.set()

    async def wait(
        self,
        since: int,
        predicate: Predicate,
        timeout: float,  # noqa: ASYNC109 - a bound on the bot's answer
        what: str,
    ) -> tuple[JSON, int]:
        """The first bot event after index `since` that satisfies `predicate`, and the index
        to continue from."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        seen = since
        while True:
            while seen < len(self.bot_events):
                event = self.bot_events[seen]
                seen += 1
                if predicate(event):
                    return event, seen
            left = deadline - loop.time()
            if left <= 0:
                shown = [short(e) for e in self.bot_events[since:]][-4:]
                raise BenchError(f"chat {self.chat_id}: no {what} within {timeout:.0f} s: {shown}")
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), left)


def short(event: JSON) -> str:
    message = event.get("message") or {}
    text = message.get("text") or message.get("caption") or ""
    return f"{event['type']}: {text[:80]!r} {buttons(event)}"


def buttons(event: JSON) -> list[str]:
    """Callback data of the inline buttons on the message of a bot event."""
    markup = (event.get("message") or {}).get("reply_markup") or {}
    return [
        str(button["callback_data"])
        for row in markup.get("inline_keyboard", [])
        for button in row
        if "callback_data" in button
    ]


def reply_keyboard_asks(event: JSON) -> set[str]:
    """What the reply keyboard shown with this message requests (location, contact)."""
    keyboard = event.get("keyboard") or {}
    asks: set[str] = set()
    for row in keyboard.get("keyboard", []):
        for button in row:
            if isinstance(button, dict):
                asks.update(k for k in ("request_location", "request_contact") if button.get(k))
    return asks


class Feed:
    """Follows the event stream; `chat(id)` is that chat's log (created on first use)."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.chats: dict[int, ChatLog] = {}
        self.events = 0
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()

    def chat(self, chat_id: int) -> ChatLog:
        log = self.chats.get(chat_id)
        if log is None:
            log = self.chats[chat_id] = ChatLog(chat_id)
        return log

    async def start(self) -> None:
        self._task = asyncio.create_task(self._follow())
        async with asyncio.timeout(10):
            await self._connected.wait()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _follow(self) -> None:
        timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
        async with self.session.get("/_emulator/events", timeout=timeout) as response:
            self._connected.set()
            async for raw in response.content:
                if not raw.startswith(b"data: "):
                    continue
                event = json.loads(raw[6:])
                self.events += 1
                chat_id = event.get("chat_id")
                if chat_id is not None:
                    self.chat(int(chat_id)).on_event(event)


class UserApi:
    """Acting as Telegram users over the emulator's user API."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.calls = 0

    async def post(self, path: str, body: JSON) -> Any:
        self.calls += 1
        async with self.session.post(f"/_emulator{path}", json=body) as response:
            data = await response.json()
        if not data.get("ok"):
            raise BenchError(f"emulator refused {path}: {data.get('error')}")
        return data["result"]

    async def get(self, path: str, **params: Any) -> Any:
        async with self.session.get(f"/_emulator{path}", params=params) as response:
            data = await response.json()
        if not data.get("ok"):
            raise BenchError(f"emulator refused {path}: {data.get('error')}")
        return data["result"]

    async def create_user(self, name: str, language: str = "id") -> JSON:
        return await self.post("/users", {"first_name": name, "language_code": language})

    async def command(self, user_id: int, command: str) -> JSON:
        return await self.post("/send/command", {"user_id": user_id, "command": command})

    async def text(self, user_id: int, text: str) -> JSON:
        return await self.post("/send/text", {"user_id": user_id, "text": text})

    async def photo(self, user_id: int) -> JSON:
        return await self.post("/send/photo", {"user_id": user_id, "data": PHOTO})

    async def location(self, user_id: int, latitude: float, longitude: float) -> JSON:
        body = {"user_id": user_id, "latitude": latitude, "longitude": longitude}
        return await self.post("/send/location", body)

    async def contact(self, user_id: int, phone: str, first_name: str) -> JSON:
        body = {
            "user_id": user_id,
            "phone_number": phone,
            "first_name": first_name,
            "contact_user_id": user_id,
        }
        return await self.post("/send/contact", body)

    async def press(self, user_id: int, message_id: int, data: str) -> JSON:
        body = {"user_id": user_id, "message_id": message_id, "data": data}
        return await self.post("/press", body)

    async def call_counts(self) -> dict[str, int]:
        return await self.get("/calls")


def connect(base_url: str, connections: int = 64) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=connections)
    timeout = aiohttp.ClientTimeout(total=60)
    return aiohttp.ClientSession(base_url, connector=connector, timeout=timeout)
