"""`Scheduler`: APScheduler (AsyncIOScheduler) triggering the jobs in the leader process.

The jobs do not care who calls them or when: each looks at the injected clock's `now` and the
database and does what is due, idempotently. So APScheduler only needs simple interval ticks,
a takeover loses nothing (the next tick catches up), and the demo's time travel works by
calling `run_due_now()` right after moving the clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from domain.clock import pause
from domain.evidence import EvidenceStore
from domain.retention import RetentionPolicy
from domain.usecases.context import Lifecycle
from handlers.texts import Catalogue
from scheduler.cleanup import cleanup
from scheduler.closing import auto_close
from scheduler.digest import daily_digest
from scheduler.drafts import draft_upkeep
from scheduler.outbox_health import outbox_health
from scheduler.retention import purge_evidence, retention
from scheduler.sla_scan import sla_scan
from scheduler.weekly import serve_report_requests, weekly_report
from storage.database import Database
from storage.locks import AdvisoryLock
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

Job = Callable[[datetime], Awaitable[Any]]
# The scheduler's election (storage.locks); intake has its own key (bot.runtime), so the two
# leaders may be different processes.
SCHEDULER_LOCK = 0x616475616E02  # "aduan" + 2
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class SchedulerConfig:
    """When things are due (city time) and how often each job looks (seconds)."""

    digest_time: time = time(8, 0)
    weekly_day: int = 0  # Monday
    weekly_time: time = time(7, 0)
    admin_chat_id: int | None = None
    sla_every: float = 60
    close_every: float = 60
    drafts_every: float = 600
    digest_every: float = 120
    weekly_every: float = 300
    requests_every: float = 5
    health_every: float = 300
    cleanup_every: float = 3600
    retention_every: float = 3600
    evidence_purge_every: float = 60  # an erased photo's bytes go within a minute or so
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    leader_retry: float = 10  # a dead leader is replaced within this (plus one tick)
    leader_check: float = 15

    @classmethod
    def from_settings(cls, settings: Any) -> SchedulerConfig:
        """From bot.settings.Settings (DIGEST_TIME, WEEKLY_REPORT, ADMIN_CHAT_ID, RETENTION_*),
        read by attribute so the scheduler does not import the bot package that starts it."""
        return cls(
            digest_time=settings.digest_time,
            weekly_day=WEEKDAYS.index(settings.weekly_report.day.lower()[:3]),
            weekly_time=settings.weekly_report.at,
            admin_chat_id=settings.admin_chat_id,
            retention=settings.retention,
        )


class Scheduler:
    """The jobs, their APScheduler ticks, and the leadership loop around them.

    `run(stop)` is what the runtime starts in every process; only the lock holder ticks.
    `run_job(name)` / `run_due_now()` run jobs directly (tests, the demo's time travel).
    """

    def __init__(
        self,
        db: Database,
        life: Lifecycle,
        texts: Catalogue,
        config: SchedulerConfig | None = None,
        *,
        on_committed: Callable[[], None] | None = None,
        lock_key: int = SCHEDULER_LOCK,
        evidence: EvidenceStore | None = None,
    ) -> None:
        self.db = db
        self.life = life
        self.texts = texts
        self.config = config or SchedulerConfig()
        self.on_committed = on_committed
        self.evidence = evidence  # /mydata reads it, erasure deletes from it
        self.lock = AdvisoryLock(db, lock_key, name="scheduler")
        self.leading = False
        self.runs: dict[str, int] = {}
        self._aps: AsyncIOScheduler | None = None
        self._locks: dict[str, asyncio.Lock] = {}
        self.jobs: dict[str, tuple[float, Job]] = self._jobs()

    def _jobs(self) -> dict[str, tuple[float, Job]]:
        c, f, life, texts = self.config, self.db.uow, self.life, self.texts
        jobs: dict[str, tuple[float, Job]] = {
            "sla_scan": (
                c.sla_every,
                lambda now: sla_scan(f, life, texts, now, admin_chat_id=c.admin_chat_id),
            ),
            "auto_close": (c.close_every, lambda now: auto_close(f, life, texts, now)),
            "draft_upkeep": (c.drafts_every, lambda now: draft_upkeep(f, texts, now)),
            "daily_digest": (
                c.digest_every,
                lambda now: daily_digest(f, life, texts, now, at=c.digest_time),
            ),
            "weekly_report": (
                c.weekly_every,
                lambda now: weekly_report(
                    f,
                    life,
                    texts,
                    now,
                    weekday=c.weekly_day,
                    at=c.weekly_time,
                    admin_chat_id=c.admin_chat_id,
                ),
            ),
            "report_requests": (
                c.requests_every,
                lambda now: serve_report_requests(f, life, texts, now, evidence=self.evidence),
            ),
            "outbox_health": (c.health_every, lambda now: outbox_health(f, texts)),
            "cleanup": (c.cleanup_every, lambda now: cleanup(f, now, c.retention)),
            "retention": (
                c.retention_every,
                lambda now: retention(f, c.retention, now, reader=self._reader),
            ),
        }
        if self.evidence is not None:
            store = self.evidence
            jobs["evidence_purge"] = (c.evidence_purge_every, lambda now: purge_evidence(f, store))
        return jobs

    def _reader(self) -> SqlUnitOfWork:
        """A read-only unit of work (on SQLite: no write lock while a job only reads)."""
        return self.db.uow(read_only=True)

    # --- running jobs -------------------------------------------------------------------------

    async def run_job(self, name: str) -> Any:
        """Run one job at the injected clock's now; one run of a job at a time."""
        _, job = self.jobs[name]
        async with self._locks.setdefault(name, asyncio.Lock()):
            result = await job(self.life.clock.now())
            self.runs[name] = self.runs.get(name, 0) + 1
        if self.on_committed is not None:
            self.on_committed()
        return result

    async def run_due_now(self) -> dict[str, Any]:
        """Every job once, in order (the demo calls this right after moving the clock).

        Safe in any process and at any time: the jobs only do what is due and never twice.
        """
        return {name: await self.run_job(name) for name in self.jobs}

    async def _tick(self, name: str) -> None:
        try:
            await self.run_job(name)
        except Exception:
            log.exception("scheduler job %s failed; it runs again at its next tick", name)

    # --- leadership ---------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Wait for the lock, run the jobs while holding it, start over if it is lost."""
        try:
            while not stop.is_set():
                if await self.lock.try_acquire():
                    log.info("this process runs the scheduler")
                    await self._lead(stop)
                else:
                    await pause(stop, self.config.leader_retry)
        finally:
            await self._stop_jobs()
            await self.lock.release()

    async def _lead(self, stop: asyncio.Event) -> None:
        self.leading = True
        self._start_jobs()
        try:
            while not stop.is_set():
                await pause(stop, self.config.leader_check)
                if not stop.is_set() and not await self.lock.still_held():
                    break
        finally:
            await self._stop_jobs()
            self.leading = False

    def _start_jobs(self) -> None:
        aps = AsyncIOScheduler(timezone=UTC)
        for name, (every, _) in self.jobs.items():
            aps.add_job(
                self._tick,
                IntervalTrigger(seconds=every),
                args=[name],
                id=name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=max(1, int(every)),
            )  # first run one interval after start: a restart loop cannot flood anyone
        aps.start()
        self._aps = aps

    async def _stop_jobs(self) -> None:
        """No new runs, let the running ones commit (shutdown would cancel them), stop."""
        aps, self._aps = self._aps, None
        if aps is not None and aps.running:
            aps.pause()
            await self._drain()
            aps.shutdown(wait=False)

    async def _drain(self, seconds: float = 10.0) -> None:
        """Let a job that is mid-run finish its transaction before leadership moves on."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                for lock in list(self._locks.values()):
                    async with lock:
                        pass
