"""Elections by PostgreSQL advisory lock: exactly one process takes updates from Telegram, and
exactly one runs the scheduler (bot.runtime, scheduler.service), each with a key of its own.

A session-level lock lives as long as its connection. When the holder dies, PostgreSQL frees
the lock, and another process takes it at its next try. The holder checks its connection now
and then (`still_held`): one whose connection was cut must stop the job, because another
process may already be doing it. On SQLite there is one process, and it always holds.

Locks are per database, not per schema, so the key is mixed with the schema the connection
works in (`current_schema()`, which also covers a role whose search_path picks the schema):
deployments sharing a database, one schema each, elect their own leaders.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.clock import pause
from storage.database import Database

log = logging.getLogger(__name__)


def lock_key_for(base: int, schema: str | None) -> int:
    """`base` for the default schema, else `base` mixed with the schema's name."""
    if not schema or schema == "public":
        return base
    return base ^ (zlib.crc32(schema.encode()) << 16)


class AdvisoryLock:
    def __init__(self, db: Database, base_key: int, *, name: str) -> None:
        self.db = db
        self.base_key = base_key
        self.name = name  # for the logs: "intake", "scheduler"
        self.key: int | None = None  # known once connected (it depends on the schema)
        self._conn: AsyncConnection | None = None
        self._held = False

    @property
    def backend_pid(self) -> int | None:
        """The lock connection's server process (tests terminate it to play a lost leader)."""
        raw = getattr(self._conn, "sync_connection", None)
        if raw is None:
            return None
        driver = raw.connection.driver_connection
        return int(driver.get_server_pid()) if driver is not None else None

    async def try_acquire(self) -> bool:
        """Take the lock if it is free; False (and retry later) if the database is away."""
        if not self.db.is_postgres:
            return True
        try:
            if self._conn is None:
                self._conn = await self.db.engine.connect()
                schema = (await self._conn.execute(text("SELECT current_schema()"))).scalar()
                self.key = lock_key_for(self.base_key, schema)
            got = await self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
            self._held = bool(got.scalar())
            # End the transaction either way: the lock is session-level, and a holder left
            # "idle in transaction" would be cut off by idle_in_transaction_session_timeout.
            await self._conn.commit()
            return self._held
        except Exception:
            log.warning("%s lock: database unreachable, will retry", self.name, exc_info=True)
            await self.release()
            return False

    async def wait(self, stop: asyncio.Event, retry_seconds: float = 5.0) -> bool:
        """Block until this process holds the lock (True) or `stop` is set (False)."""
        while not stop.is_set():
            if await self.try_acquire():
                return True
            await pause(stop, retry_seconds)
        return False

    async def still_held(self) -> bool:
        """False once the lock's connection is gone (the server then freed the lock)."""
        if not self.db.is_postgres:
            return True
        if self._conn is None or not self._held:
            return False
        try:
            await self._conn.execute(text("SELECT 1"))
            await self._conn.commit()
            return True
        except Exception:
            log.warning("%s lock lost with its connection", self.name)
            await self.release()
            return False

    async def release(self) -> None:
        """Unlock, and close the connection for good: back in the pool, it would keep the
        lock until the pool is disposed."""
        conn, self._conn = self._conn, None
        held, self._held = self._held, False
        if conn is None:
            return
        if held:
            with contextlib.suppress(Exception):
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                await conn.commit()
        with contextlib.suppress(Exception):
            await conn.invalidate()
        with contextlib.suppress(Exception):
            await conn.close()
