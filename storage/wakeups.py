"""Cross-process wake-ups on PostgreSQL, through LISTEN/NOTIFY.

With several worker processes, only the leader takes updates from Telegram; the others learn
of new inbox rows by looking, once per poll interval. Storing a batch also sends a NOTIFY
(inside the storing transaction, so PostgreSQL delivers it at the commit and never for a
batch that was rolled back), and every process listening wakes its worker at once. It is a
hint, not a hand-off: a missed one (the listening connection dropped) only costs the poll
interval, which stays as the safety net. SQLite has one process, which wakes itself in memory.
The same connection hears changed settings (`/sla`), for the processes to reload them, and
changed categories or agencies, whose cache (storage.repositories.catalog_cache) it drops.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from storage.channels import CHANNEL, SETTINGS
from storage.database import Database


class WakeupListener:
    """One dedicated connection LISTENing on several channels; each notification calls the
    function given for its channel (`channels.INBOX`, `channels.SETTINGS`, ...)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: AsyncConnection | None = None
        self._calls: dict[str, Callable[[], None]] = {}  # channel name -> what to call

    async def start(self, calls: Mapping[str, Callable[[], None]]) -> bool:
        """Listen (PostgreSQL only); False where there is nothing to listen to. The settings
        channel is always heard: it drops this process's catalog cache, then calls its
        function, if given."""
        if not self.db.is_postgres:
            return False
        calls = {**calls, SETTINGS: _after(self.db.catalog.invalidate, calls.get(SETTINGS))}
        conn = await self.db.engine.connect()
        try:
            driver = (await conn.get_raw_connection()).driver_connection
            for base, call in calls.items():
                channel = str((await conn.execute(CHANNEL, {"base": base})).scalar())
                self._calls[channel] = call
                await conn.commit()  # idle outside a transaction while it listens
                await driver.add_listener(channel, self._notified)
        except BaseException:
            await conn.close()
            raise
        self._conn = conn
        return True

    def _notified(self, _conn: Any, _pid: int, channel: str, _payload: str) -> None:
        call = self._calls.get(channel)
        if call is not None:
            call()

    async def stop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        with contextlib.suppress(Exception):
            await conn.invalidate()  # closed, never pooled: a pooled one would still LISTEN
        with contextlib.suppress(Exception):
            await conn.close()


def _after(first: Callable[[], None], then: Callable[[], None] | None) -> Callable[[], None]:
    def both() -> None:
        first()
        if then is not None:
            then()

    return both
