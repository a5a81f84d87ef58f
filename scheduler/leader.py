"""The scheduler runs in exactly one process: the holder of a PostgreSQL advisory lock.

A separate key from intake's (bot.leader), so the scheduler's leader may be a different worker
than the poller's. The lock lives as long as its connection: when the leader dies, PostgreSQL
frees it and another process takes it at its next try (every `retry_seconds`). The holder
checks its connection now and then, so a leader whose connection was cut stops running jobs
instead of running them next to the new leader. On SQLite there is one process, and it leads.
"""

from __future__ import annotations

import contextlib
import logging
import zlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.database import Database

log = logging.getLogger(__name__)

SCHEDULER_LOCK = 0x616475616E02  # "aduan" + 2 (intake is + 1)


def lock_key_for(base: int, schema: str | None) -> int:
    """Advisory locks are per database, not per schema: two deployments (or two test runs)
    in different schemas of one database must not elect one leader between them."""
    if not schema:
        return base
    return base ^ (zlib.crc32(schema.encode()) << 16)


class SchedulerLock:
    def __init__(self, db: Database, key: int = SCHEDULER_LOCK) -> None:
        self.db = db
        self.key = lock_key_for(key, db.schema)
        self._conn: AsyncConnection | None = None

    @property
    def backend_pid(self) -> int | None:
        """The lock connection's server process (tests terminate it to play a dead leader)."""
        raw = getattr(self._conn, "sync_connection", None)
        if raw is None:
            return None
        driver = raw.connection.driver_connection
        return int(driver.get_server_pid()) if driver is not None else None

    async def try_acquire(self) -> bool:
        if not self.db.is_postgres:
            return True
        try:
            if self._conn is None:
                self._conn = await self.db.engine.connect()
            got = await self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
            held = bool(got.scalar())
            await self._conn.commit()  # a session lock outlives the transaction: stay idle
            return held
        except Exception:
            log.warning("scheduler lock: database unreachable, will retry", exc_info=True)
            await self.release()
            return False

    async def still_held(self) -> bool:
        """False once the lock's connection is gone (the server then freed the lock)."""
        if not self.db.is_postgres:
            return True
        if self._conn is None:
            return False
        try:
            await self._conn.execute(text("SELECT 1"))
            await self._conn.commit()
            return True
        except Exception:
            log.warning("scheduler lock lost with its connection")
            await self.release()
            return False

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()
