"""Retention, by policy (domain.retention): the hot tables do not grow without bound, and
personal data goes when its purpose is over.

`retention` runs each purge as a series of short transactions of at most `batch` rows, each an
index range in expiry order (storage/queries/retention.py), until a batch comes back short or
the run's time budget is spent (the next tick carries on). Between batches the bot's own
writers get their turn, so no handler waits behind more than one batch. Every step is
idempotent, so a takeover or a crash mid-run loses nothing.

Machinery (raw updates, sent messages, links, downloads) is stamped and aged by the machinery
clock; complaints by the domain time the job runs at (`now`), like every other job.

`purge_evidence` deletes from the evidence store the photos erasure queued (evidence_purge):
the store is outside the database's transaction, so the bytes go after the erasure committed,
and only if no attachment names them again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from domain.evidence import EvidenceStore
from domain.retention import ErasedCounts, RetentionPolicy
from scheduler.common import UowFactory
from storage.queries.retention import (
    blob_purged,
    due_tickets,
    old_people,
    purge_downloads,
    purge_links,
    queued_blobs,
    still_needed,
    to_forget,
)
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

# Rows per transaction: at a million complaints on the 2-core machine, a batch of tickets takes
# ~50 ms on SQLite (bench/retention.py), so a handler never waits long behind one.
BATCH = 250
BUDGET_S = 60.0  # per run; an hourly tick then erases some 200k complaints an hour at most


@dataclass
class Batch:
    step: str
    rows: int
    ms: float  # from opening the transaction to its commit: how long it held the lock


@dataclass
class RetentionResult:
    purged: dict[str, int] = field(default_factory=dict)  # rows per step
    erased: ErasedCounts = field(default_factory=ErasedCounts)
    batches: list[Batch] = field(default_factory=list, repr=False)
    finished: bool = True  # False: the time budget ran out; the next run goes on


Step = Callable[[SqlUnitOfWork], Awaitable[int]]


class _Run:
    def __init__(self, uow_factory: UowFactory, batch: int, budget_s: float | None) -> None:
        self.uow_factory, self.batch = uow_factory, batch
        self.deadline = None if budget_s is None else time.perf_counter() + budget_s
        self.result = RetentionResult()

    @property
    def out_of_time(self) -> bool:
        return self.deadline is not None and time.perf_counter() >= self.deadline

    async def repeat(self, name: str, step: Step) -> None:
        """`step` in its own transaction until it does less than a batch."""
        self.result.purged.setdefault(name, 0)
        while not self.out_of_time:
            started = time.perf_counter()
            async with self.uow_factory() as uow:
                rows = await step(uow)
                await uow.commit()
            self.result.batches.append(Batch(name, rows, (time.perf_counter() - started) * 1000))
            self.result.purged[name] += rows
            if rows < self.batch:
                return
            await asyncio.sleep(0)  # let the writers queued meanwhile go first
        self.result.finished = False

    async def people(self, reader: UowFactory, cutoff: datetime, now: datetime) -> None:
        """People whose last complaint lost its personal data: found by reading pages of the
        old (no lock held), erased a page at a time (one short transaction each)."""
        self.result.purged.setdefault("citizens", 0)
        after: tuple[datetime, int] | None = None
        while not self.out_of_time:
            async with reader() as uow:
                page = await old_people(uow, cutoff, self.batch, after)
                ids = await to_forget(uow, [citizen_id for _, citizen_id in page])
            if ids:
                started = time.perf_counter()
                async with self.uow_factory() as uow:
                    self.result.erased.add(await uow.erasure.erase(citizen_ids=ids, at=now))
                    await uow.commit()
                ms = (time.perf_counter() - started) * 1000
                self.result.batches.append(Batch("citizens", len(ids), ms))
                self.result.purged["citizens"] += len(ids)
            if len(page) < self.batch:
                return
            after = page[-1]
            await asyncio.sleep(0)
        self.result.finished = False


async def retention(
    uow_factory: UowFactory,
    policy: RetentionPolicy,
    now: datetime,
    *,
    batch: int = BATCH,
    budget_s: float | None = BUDGET_S,
    reader: UowFactory | None = None,
) -> RetentionResult:
    """`reader` opens read-only units of work (no write lock on SQLite) for the scan of the
    people to forget; the default is `uow_factory`."""
    run, read = _Run(uow_factory, batch, budget_s), reader or uow_factory
    async with read() as uow:
        machinery_now = uow.clock.now()

    def before(name: str) -> datetime:
        return machinery_now - policy.days(name)

    dead = before("dead_letter")
    await run.repeat("updates", lambda u: u.inbox.purge_done(before("updates"), limit=batch))
    await run.repeat("dead_updates", lambda u: u.inbox.purge_dead(dead, limit=batch))
    await run.repeat("messages", lambda u: u.outbox_queue.purge_sent(before("outbox"), limit=batch))
    await run.repeat("dead_messages", lambda u: u.outbox_queue.purge_dead(dead, limit=batch))
    await run.repeat("links", lambda u: purge_links(u, before("links"), batch))
    await run.repeat("downloads", lambda u: purge_downloads(u, before("downloads"), dead, batch))
    cutoff = policy.personal_cutoff(now)

    async def tickets(uow: SqlUnitOfWork) -> int:
        ids = await due_tickets(uow, cutoff, batch)
        run.result.erased.add(await uow.erasure.erase(ticket_ids=ids, at=now))
        return len(ids)

    await run.repeat("tickets", tickets)
    await run.people(read, cutoff, now)
    result = run.result
    if any(result.purged.values()):
        log.info("retention", extra={"fields": {**result.purged, "finished": result.finished}})
    return result


async def purge_evidence(uow_factory: UowFactory, store: EvidenceStore, *, limit: int = 100) -> int:
    """Delete the erased photos' bytes from the store; returns how many were deleted."""
    async with uow_factory() as uow:
        hashes = await queued_blobs(uow, limit)
    deleted = 0
    for sha256 in hashes:
        async with uow_factory() as uow:
            needed = await still_needed(uow, sha256)
        if not needed:  # the store has its own transactions: never inside ours (SQLite)
            await store.delete(sha256)
            deleted += 1
        async with uow_factory() as uow:
            await blob_purged(uow, sha256, deleted=not needed)
            await uow.commit()
    return deleted
