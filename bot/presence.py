"""Who is still alive: lets a restarted or surviving process take back a dead one's work at once.

Inbox updates and outbox rows are leased while a process works on them (`locked_by`,
`locked_until`), so a killed process's rows come back by themselves when their lease runs out:
two minutes for updates, one for messages. That is the safety net; this makes recovery fast, so
that a citizen whose update was in flight during a SIGKILL is answered seconds after the
restart, not minutes.

Every process gets an instance id (pid plus a random part: in containers every pid may be 1)
and names its leases after it.
- PostgreSQL: a process holds a session advisory lock named after its instance for as long as
  it lives, and PostgreSQL frees it the moment the process dies. Whoever can take a lease
  holder's lock knows the holder is gone and expires its leases. Every process checks every
  few seconds, because another may die at any time.
- SQLite: one process owns the database (WORKERS must be 1), so at start every lease belongs to
  a dead predecessor.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import secrets

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.clock import pause
from storage.database import Database

log = logging.getLogger(__name__)


def new_instance_id() -> str:
    return f"{os.getpid()}-{secrets.token_hex(3)}"


def owner_of(holder: str) -> str:
    """`<instance>/<role>` → `<instance>` (older ids without a role are their own owner)."""
    return holder.rsplit("/", 1)[0]


def lock_key(instance: str) -> int:
    """A signed 64-bit advisory lock key for an instance id."""
    digest = hashlib.blake2b(f"aduan-presence:{instance}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class Presence:
    def __init__(self, db: Database, instance: str | None = None, interval: float = 5.0) -> None:
        self.db = db
        self.instance = instance or new_instance_id()
        self.interval = interval
        self.reclaimed = 0
        self._conn: AsyncConnection | None = None

    def worker_id(self, role: str) -> str:
        """The `locked_by` name of one of this process's workers (inbox, sender)."""
        return f"{self.instance}/{role}"

    async def start(self) -> None:
        """PostgreSQL: hold this instance's lock for as long as the process lives."""
        if self.db.is_postgres and self._conn is None:
            self._conn = await self.db.engine.connect()
            await self._conn.execute(
                text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(self.instance)}
            )
            await self._conn.commit()  # session-level: the lock outlives the transaction

    async def run(self, stop: asyncio.Event) -> None:
        """Expire dead processes' leases: once on SQLite, every `interval` on PostgreSQL."""
        while not stop.is_set():
            try:
                await self.reclaim()
            except Exception:
                log.exception("could not check for leases of stopped processes")
            if not self.db.is_postgres:
                return
            await pause(stop, self.interval)

    async def reclaim(self) -> int:
        """Make the rows of every lease holder that is gone claimable now; returns how many."""
        async with self.db.uow(read_only=True) as uow:
            holders = await uow.inbox.lease_holders() | await uow.outbox_queue.lease_holders()
            holders |= await uow.evidence_queue.lease_holders()
        gone = [holder for holder in sorted(holders) if await self._is_gone(owner_of(holder))]
        if not gone:
            return 0
        async with self.db.uow() as uow:
            updates = await uow.inbox.expire_leases(gone)
            messages = await uow.outbox_queue.expire_leases(gone)
            downloads = await uow.evidence_queue.expire_leases(gone)
            await uow.commit()
        if updates or messages or downloads:
            log.warning(
                "took back the work of stopped processes",
                extra={
                    "fields": {
                        "updates": updates,
                        "messages": messages,
                        "downloads": downloads,
                        "holders": gone,
                    }
                },
            )
        self.reclaimed += updates + messages + downloads
        return updates + messages + downloads

    async def _is_gone(self, owner: str) -> bool:
        if owner == self.instance:
            return False
        if self._conn is None:  # SQLite: no other process can be alive
            return not self.db.is_postgres
        key = lock_key(owner)
        taken = bool(
            (await self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})).scalar()
        )
        if taken:
            await self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        await self._conn.commit()
        return taken

    async def stop(self) -> None:
        """Unlock, then hand the connection back: closing only returns it to the pool, where
        a session-level lock would live on."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.execute(
                    text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(self.instance)}
                )
                await self._conn.commit()
            with contextlib.suppress(Exception):
                await self._conn.close()
            self._conn = None
