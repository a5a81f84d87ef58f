"""Cross-process wake-ups on PostgreSQL, through LISTEN/NOTIFY.

With several worker processes, only the leader takes updates from Telegram; the others learn
of new inbox rows by looking, once per poll interval. Storing a batch also sends a NOTIFY
(inside the storing transaction, so PostgreSQL delivers it at the commit and never for a
batch that was rolled back), and every process listening wakes its worker at once. It is a
hint, not a hand-off: a missed one (the listening connection dropped) only costs the poll
interval, which stays as the safety net. SQLite has one process, which wakes itself in memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from storage.channels import CHANNEL
from storage.database import Database


class WakeupListener:
    """One dedicated connection LISTENing on a channel; calls `on_wake` per notification."""

    def __init__(self, db: Database, base: str) -> None:
        self.db = db
        self.base = base
        self.on_wake: Callable[[], None] = lambda: None
        self._conn: AsyncConnection | None = None
        self._channel = ""

    async def start(self, on_wake: Callable[[], None]) -> bool:
        """Listen (PostgreSQL only); False where there is nothing to listen to."""
        if not self.db.is_postgres:
            return False
        self.on_wake = on_wake
        conn = await self.db.engine.connect()
        try:
            self._channel = str((await conn.execute(CHANNEL, {"base": self.base})).scalar())
            await conn.commit()  # idle outside a transaction while it listens
            driver = (await conn.get_raw_connection()).driver_connection
            await driver.add_listener(self._channel, self._notified)
        except BaseException:
            await conn.close()
            raise
        self._conn = conn
        return True

    def _notified(self, *_: Any) -> None:
        self.on_wake()

    async def stop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        with contextlib.suppress(Exception):
            await conn.invalidate()  # closed, never pooled: a pooled one would still LISTEN
        with contextlib.suppress(Exception):
            await conn.close()
