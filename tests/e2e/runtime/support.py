"""Helpers for the runtime's e2e tests: users the bot may write to, linked groups, queued
notifications, reads of the inbox and outbox, and bounded waits.

Everything talks to the emulator on 127.0.0.1 and to the test's own database.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar

import httpx
from sqlalchemy import select

from bot.gateway.protocol import TelegramGateway
from bot.runtime import BotRuntime, RunOptions
from domain.outbound import Outbound
from handlers.texts import default_catalogue
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer
from storage.database import Database
from storage.repositories.inbox import INBOX
from storage.repositories.outbox import OUTBOX
from tests.e2e.harness import Harness

T = TypeVar("T")
TEXTS = default_catalogue()


def fast(**options: Any) -> RunOptions:
    """A quick runtime for tests: short long-polls and worker naps, so stopping is quick."""
    return RunOptions(poll_timeout=1, worker_poll_interval=0.2, **options)


def free_port() -> int:
    """A port nobody listens on right now, for a server whose URL must be known before it
    starts (WEBHOOK_URL)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pong(language: str = "en") -> str:
    return TEXTS.text(language, "ping-pong")


def unknown(language: str = "en") -> str:
    return TEXTS.text(language, "unknown-command")


async def start_runtime(
    h: Harness,
    options: RunOptions | None = None,
    gateway: TelegramGateway | None = None,
    **env: str,
) -> BotRuntime:
    """`Harness.start_bot`, plus an injected gateway (e.g. one with a short request timeout).
    The harness stops it at teardown."""
    runtime = BotRuntime(
        h.settings(**env),
        options=options or fast(),
        clock=h.clock,
        db=Database(h.url, schema=h.schema),
        gateway=gateway,
    )
    await runtime.start()
    h.runtime = runtime
    return runtime


async def started_users(
    client: EmulatorClient, count: int, *, language: str = "en", name: str = "User"
) -> list[int]:
    """Users who pressed /start (so the bot may write to them); see `drop_pending_updates`."""
    users = await asyncio.gather(
        *(client.create_user(f"{name}{i}", language_code=language) for i in range(count))
    )
    ids = [int(u["id"]) for u in users]
    await asyncio.gather(*(client.start(uid) for uid in ids))
    return ids


async def drop_pending_updates(emulator: EmulatorServer) -> None:
    """Forget the set-up updates (the /starts, groups joined) before the bot starts, as
    `deleteWebhook(drop_pending_updates=True)` does on Telegram, so only the test's traffic
    is answered."""
    async with httpx.AsyncClient(timeout=5.0) as http:
        answer = await http.post(
            f"{emulator.base_url}/bot{emulator.token}/deleteWebhook",
            json={"drop_pending_updates": True},
        )
    assert answer.json()["ok"], answer.text


async def link_group(db: Database, agency_code: str, chat_id: int) -> None:
    """What the staff onboarding does when the bot is added to an agency's group."""
    async with db.uow() as uow:
        agency = await uow.agencies.get_by_code(agency_code)
        assert agency is not None, agency_code
        agency.group_chat_id = chat_id
        agency.group_active = True
        await uow.agencies.save(agency)
        await uow.commit()


async def admin_group(client: EmulatorClient, db: Database) -> tuple[int, int]:
    """The complaint unit's group, where alerts go: returns (chat id, an admin in it)."""
    admin = await client.create_user("Admin", language_code="id")
    chat = await client.create_chat("group", "ULAS admin", members=[admin["id"]])
    await link_group(db, "ulas", int(chat["id"]))
    return int(chat["id"]), int(admin["id"])


async def queue(db: Database, messages: Sequence[Outbound]) -> None:
    """Queue notifications the way a use case does: all in one unit of work."""
    async with db.uow() as uow:
        await uow.outbox.add_all(messages)
        await uow.commit()


async def inbox_rows(db: Database) -> list[Any]:
    async with db.uow(read_only=True) as uow:
        result = await uow.session.execute(select(INBOX).order_by(INBOX.c.update_id))
        return list(result.all())


async def outbox_rows(db: Database) -> list[Any]:
    async with db.uow(read_only=True) as uow:
        result = await uow.session.execute(select(OUTBOX).order_by(OUTBOX.c.id))
        return list(result.all())


def by_status(rows: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


async def wait_until(
    probe: Callable[[], Awaitable[T]], *, within: float, what: str, every: float = 0.05
) -> T:
    """Poll `probe` (a database read) until it returns something truthy, for at most
    `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        result = await probe()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"gave up after {within} s waiting for {what}; last: {result!r}")
        await asyncio.sleep(every)


async def bot_texts(client: EmulatorClient, chat_id: int) -> list[str]:
    return [m.get("text", "") for m in await client.messages(chat_id)]


async def wait_for_texts(
    client: EmulatorClient, chats: Iterable[int], count: int, within: float
) -> dict[int, list[str]]:
    """Wait until every chat shows `count` bot messages; returns their texts per chat."""
    ids = list(chats)
    found = await asyncio.gather(
        *(client.wait_for_messages(chat, count, timeout=within) for chat in ids)
    )
    return {chat: [m.get("text", "") for m in msgs] for chat, msgs in zip(ids, found, strict=True)}


def script_for(chat_index: int, length: int) -> list[str]:
    """A chat's commands: /ping and an unknown command mixed in a pattern of its own, so the
    order of its replies shows the order its updates were handled in."""
    return [
        "ping" if (chat_index >> (k % 5)) & 1 or k % 3 == 0 else "nosuch" for k in range(length)
    ]


def expected_replies(script: Sequence[str], language: str = "en") -> list[str]:
    return [pong(language) if command == "ping" else unknown(language) for command in script]


async def send_scripts(client: EmulatorClient, scripts: dict[int, list[str]]) -> None:
    """Each user sends their commands one after another; users in parallel."""

    async def one(user: int, script: list[str]) -> None:
        for command in script:
            await client.send_command(user, command)

    await asyncio.gather(*(one(user, script) for user, script in scripts.items()))
