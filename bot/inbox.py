"""The inbox: an update is acknowledged to Telegram only after it is committed.

Polling: getUpdates, insert the whole batch in one transaction, commit, and only then move the
offset (which is what confirms the batch to Telegram). A crash before the commit means Telegram
sends the batch again; a crash after it means the inbox ignores the repeated update_ids.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.gateway.errors import Conflict, GatewayError, NetworkError, RetryAfter, ServerError
from bot.gateway.protocol import RawUpdate, TelegramGateway
from domain.clock import pause
from storage.database import Database

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]


class Inbox:
    """Stores raw updates durably and wakes the worker."""

    def __init__(self, db: Database, on_stored: Callable[[], None], bot_id: int = 0) -> None:
        self.db = db
        self.on_stored = on_stored
        self.bot_id = bot_id
        self.stored = 0

    async def store(self, updates: Sequence[Mapping[str, Any]]) -> int:
        """Commit a batch; returns how many were new (repeats are ignored)."""
        # One INSERT (and its NOTIFY): stored or not, nothing to roll back.
        async with self.db.uow(each_statement=True) as uow:
            new = await uow.inbox.add_many(updates, bot_id=self.bot_id)
            await uow.commit()
        self.stored += new
        if new:
            self.on_stored()
        return new


class Poller:
    def __init__(
        self, gateway: TelegramGateway, inbox: Inbox, *, timeout: int = 25, limit: int = 100
    ) -> None:
        self.gateway = gateway
        self.inbox = inbox
        self.timeout = timeout
        self.limit = limit
        self.offset: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Long-poll until `stop`. A pending getUpdates is cancelled, which is safe because
        nothing is confirmed before it is committed; storing what arrived is never cancelled
        (a query cut off mid-way could leave its connection open)."""
        failures = 0
        while not stop.is_set():
            fetch = asyncio.ensure_future(self.fetch())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait([fetch, stopping], return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not fetch.done():
                fetch.cancel()
                await asyncio.gather(fetch, return_exceptions=True)
                break
            try:
                await self.store(fetch.result())
                failures = 0
            except RetryAfter as exc:
                await pause(stop, exc.seconds)
            except (ServerError, NetworkError, Conflict) as exc:
                failures += 1
                log.warning("getUpdates failed (%s); backing off", type(exc).__name__)
                await pause(stop, min(30.0, 0.5 * 2**failures))
            except GatewayError:
                log.exception("getUpdates failed")
                failures += 1
                await pause(stop, min(60.0, 2.0**failures))
            except Exception:  # e.g. the database is away: keep polling once it is back
                log.exception("could not store polled updates; Telegram will send them again")
                failures += 1
                await pause(stop, min(30.0, 0.5 * 2**failures))

    async def fetch(self) -> list[RawUpdate]:
        return await self.gateway.get_updates(
            offset=self.offset,
            limit=self.limit,
            timeout=self.timeout,
            allowed_updates=ALLOWED_UPDATES,
        )

    async def store(self, updates: list[RawUpdate]) -> None:
        """Commit, and only then move the offset on (which confirms them to Telegram)."""
        if updates:
            await self.inbox.store([u.payload for u in updates])
            self.offset = max(u.update_id for u in updates) + 1
