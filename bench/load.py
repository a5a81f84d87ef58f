"""Simulated citizens: each follows a script of updates, waiting for the bot's answer to one
before sending the next, like a person would. Buttons are pressed by the callback data of the
buttons the bot actually sent.

Scripts:
- `complaint`: the citizen conversation, /new → category → description → photo → Done →
  privacy → location → contact → Submit (9 updates, one complaint each); where the bot
  answers a button by editing the question in place, that edit is the answer;
- `start-ping`: /start then /ping ×7, for a bot without the citizen conversation;
- the echo baseline mirrors whichever script aduan ran, update kind for update kind
  (`mirror`), pressing the echo bot's "ok" button where aduan's script presses one.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.common import BenchError
from bench.feed import JSON, Feed, Predicate, UserApi, buttons, reply_keyboard_asks

# Inside the seeded city's service area (examples/surakarta.toml, SERVICE_AREA's default).
LATITUDE, LONGITUDE = -7.5666, 110.8166
TRACKING_CODE = re.compile(r"ADU-[2-9A-HJ-KM-NP-Z]{6}")


def any_message(event: JSON) -> bool:
    return event["type"] == "message"


def any_answer(event: JSON) -> bool:
    """A new message, or the question edited in place."""
    return event["type"] in ("message", "edited_message")


def with_button(pattern: str) -> Predicate:
    wanted = re.compile(pattern)
    return lambda event: any(wanted.search(data) for data in buttons(event))


def asking(request: str) -> Predicate:
    return lambda event: event["type"] == "message" and request in reply_keyboard_asks(event)


def with_text(pattern: re.Pattern[str]) -> Predicate:
    def found(event: JSON) -> bool:
        message = event.get("message") or {}
        return bool(pattern.search(message.get("text") or message.get("caption") or ""))

    return found


@dataclass(frozen=True)
class Step:
    """One update the citizen sends, and what the bot's answer must look like.

    `value`: the command or text; for `press`, a regex matching the button's callback data,
    looked up on the message that answered the previous step.
    """

    action: str  # command | text | photo | location | contact | press
    value: str = ""
    expect: Predicate = any_message
    what: str = "answer"
    repeat: int = 1  # >1: sent back to back, then as many answers awaited (per-chat order)


COMPLAINT: tuple[Step, ...] = (
    Step("command", "new", with_button(r"^ic1:"), "category buttons"),
    Step("press", r"^ic1:", any_answer, "description question"),
    Step(
        "text",
        "Jalan berlubang besar di depan pasar, berbahaya untuk motor malam hari.",
        with_button(r"^ia1:\d+:skip$"),
        "photo question",
    ),
    Step("photo", "", with_button(r"^ia1:\d+:done$"), "a Done button"),
    Step("press", r"^ia1:\d+:done$", with_button(r"^ia1:\d+:next$"), "privacy question"),
    Step("press", r"^ia1:\d+:next$", asking("request_location"), "location question"),
    Step("location", "", asking("request_contact"), "contact question"),
    Step("contact", "", with_button(r"^ia1:\d+:submit$"), "review with Submit"),
    Step("press", r"^ia1:\d+:submit$", with_text(TRACKING_CODE), "tracking code"),
)
START_PING: tuple[Step, ...] = (Step("command", "start"), *[Step("command", "ping")] * 7)
# After the complaint, five /ping at once: the answers must come in order (bench scale).
BURST = Step("command", "ping", repeat=5, what="pong")


def mirror(script: Sequence[Step]) -> tuple[Step, ...]:
    """The same kinds of update for the echo bot, which answers each with one message."""
    return tuple(
        Step(step.action, "^ok$" if step.action == "press" else step.value, repeat=step.repeat)
        for step in script
    )


@dataclass
class LoadResult:
    citizens: int
    completed: int
    updates: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started_at: float = 0.0
    finished_at: float = 0.0


class Citizen:
    def __init__(self, api: UserApi, feed: Feed, user: JSON, step_timeout: float) -> None:
        self.api = api
        self.feed = feed
        self.user_id = int(user["id"])
        self.name = str(user["first_name"])
        self.step_timeout = step_timeout
        self.sent = 0

    async def file(self, script: Sequence[Step]) -> None:
        log = self.feed.chat(self.user_id)  # a private chat's id is the user's id
        answer: JSON | None = None
        for n, step in enumerate(script):
            cursor = len(log.bot_events)
            for _ in range(step.repeat):
                await self._send(step, answer, n)
                self.sent += 1
            for _ in range(step.repeat):
                what = f"{step.what} (#{n})"
                answer, cursor = await log.wait(cursor, step.expect, self.step_timeout, what)

    async def _send(self, step: Step, answer: JSON | None, n: int) -> Any:
        api, uid = self.api, self.user_id
        match step.action:
            case "command":
                return await api.command(uid, step.value)
            case "text":
                return await api.text(uid, step.value)
            case "photo":
                return await api.photo(uid)
            case "location":
                return await api.location(uid, LATITUDE, LONGITUDE)
            case "contact":
                return await api.contact(uid, "+6281234567890", self.name)
            case "press":
                if answer is None:
                    raise BenchError(f"step {n}: nothing to press yet")
                wanted = re.compile(step.value)
                data = next((d for d in buttons(answer) if wanted.search(d)), None)
                if data is None:
                    raise BenchError(f"step {n}: no button {step.value!r} in {buttons(answer)}")
                return await api.press(uid, int(answer["message"]["message_id"]), data)
        raise ValueError(f"unknown action {step.action!r}")


async def create_users(api: UserApi, count: int, prefix: str = "Warga") -> list[JSON]:
    users: list[JSON] = []
    for start in range(0, count, 50):
        batch = [api.create_user(f"{prefix} {i}") for i in range(start, min(count, start + 50))]
        users += await asyncio.gather(*batch)
    return users


async def run_citizens(
    api: UserApi,
    feed: Feed,
    users: Sequence[JSON],
    script: Sequence[Step],
    *,
    step_timeout: float = 60.0,
    deadline: float = 600.0,
) -> LoadResult:
    """Every citizen files at once; returns when all have finished (or failed)."""
    citizens = [Citizen(api, feed, user, step_timeout) for user in users]
    started = time.perf_counter()
    async with asyncio.timeout(deadline):
        outcomes = await asyncio.gather(*(c.file(script) for c in citizens), return_exceptions=True)
    elapsed = time.perf_counter() - started
    errors = [f"{type(o).__name__}: {o}" for o in outcomes if isinstance(o, BaseException)]
    latencies = [lat for c in citizens for lat in feed.chat(c.user_id).latencies]
    return LoadResult(
        citizens=len(citizens),
        completed=len(citizens) - len(errors),
        updates=sum(c.sent for c in citizens),
        seconds=elapsed,
        latencies=latencies,
        errors=errors,
    )


async def probe_script(api: UserApi, feed: Feed, user: JSON, wait: float = 15.0) -> str:
    """Which script the bot under test can follow: a citizen (not one of the measured ones)
    sends /new; without the citizen conversation, the answer has no category buttons."""
    log = feed.chat(int(user["id"]))
    since = len(log.bot_events)
    await api.command(int(user["id"]), "new")
    await log.wait(since, any_message, wait, "answer to /new")
    try:
        await log.wait(since, COMPLAINT[0].expect, 2.0, "category buttons")
    except BenchError:
        return "start-ping"
    return "complaint"


SCRIPTS = {"complaint": COMPLAINT, "start-ping": START_PING}
