"""Exactly one process polls Telegram (and, later, runs the scheduler): a PostgreSQL advisory
lock elects it. The lock lives as long as its connection, so when the leader dies, PostgreSQL
frees it and another process takes over at its next try. On SQLite there is one process, and
it leads."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.database import Database

log = logging.getLogger(__name__)

INTAKE_LOCK = 0x616475616E01  # "aduan" + 1


class LeaderLock:
    def __init__(self, db: Database, key: int = INTAKE_LOCK, retry_seconds: float = 5.0) -> None:
        self.db = db
        self.key = key
        self.retry_seconds = retry_seconds
        self._conn: AsyncConnection | None = None
        self._held = False

    async def try_acquire(self) -> bool:
        if not self.db.is_postgres:
            return True
        if self._conn is None:
            self._conn = await self.db.engine.connect()
        got = await self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
        taken = bool(got.scalar())
        # Either way, end the transaction: the lock is session-level, and a leader left "idle in
        # transaction" for days would be cut off by idle_in_transaction_session_timeout.
        await self._conn.commit()
        self._held = taken
        return taken

    async def wait(self, stop: asyncio.Event) -> bool:
        """Block until this process leads (True) or `stop` is set (False)."""
        while not stop.is_set():
            if await self.try_acquire():
                return True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.retry_seconds)
        return False

    async def release(self) -> None:
        """Unlock, then hand the connection back: closing only returns it to the pool, where
        the lock would live on until the pool is disposed."""
        if self._conn is not None:
            if self._held:
                with contextlib.suppress(Exception):
                    unlock = text("SELECT pg_advisory_unlock(:k)")
                    await self._conn.execute(unlock, {"k": self.key})
                    await self._conn.commit()
                self._held = False
            with contextlib.suppress(Exception):
                await self._conn.close()
            self._conn = None
