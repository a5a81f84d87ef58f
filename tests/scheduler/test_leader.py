"""Two scheduler processes on one PostgreSQL database: only the holder of the advisory lock
runs jobs; when its connection dies (a killed process), the other takes over."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from domain.calendar import WorkingCalendar
from domain.clock import FakeClock
from domain.sla import SlaPolicy
from domain.usecases.context import Lifecycle
from handlers.texts import default_catalogue
from scheduler.service import Scheduler, SchedulerConfig
from storage.database import Database
from tests.backends import _dsn, postgres_schema
from tests.fakes import RecordingNotifier

FAST = SchedulerConfig(
    sla_every=0.1,
    close_every=0.1,
    drafts_every=0.1,
    digest_every=0.1,
    weekly_every=0.1,
    requests_every=0.1,
    health_every=0.1,
    cleanup_every=0.1,
    leader_retry=0.1,
    leader_check=0.1,
)


class Process:
    """One scheduler 'process': its own engine, lock connection and run loop."""

    def __init__(self, url: str, schema: str) -> None:
        self.db = Database(url, schema=schema)
        life = Lifecycle(FakeClock(), SlaPolicy(WorkingCalendar()), RecordingNotifier())
        self.ran = asyncio.Event()
        self.scheduler = Scheduler(
            self.db, life, default_catalogue(), FAST, on_committed=self.ran.set
        )
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(self.scheduler.run(self.stop))

    async def close(self) -> None:
        self.stop.set()
        await self.task
        await self.db.dispose()


@pytest.fixture
async def schema() -> AsyncIterator[tuple[str, str]]:
    async with postgres_schema(migrated=True) as (url, name):
        yield url, name


async def first_to_run(*processes: Process, within: float = 10) -> Process:
    waits = {asyncio.ensure_future(p.ran.wait()): p for p in processes}
    done, pending = await asyncio.wait(waits, timeout=within, return_when="FIRST_COMPLETED")
    for w in pending:
        w.cancel()
    assert done, "no scheduler ran a job"
    return waits[done.pop()]


async def new_leader(*processes: Process, lost_pid: int, within: float = 30) -> Process:
    """The process leading on a session other than the lost one, once there is one."""
    async with asyncio.timeout(within):
        while True:
            for p in processes:
                if p.scheduler.leading and p.scheduler.lock.backend_pid not in (None, lost_pid):
                    return p
            await asyncio.sleep(0.05)  # polling the state under test, not waiting for time


async def test_only_the_leader_runs_jobs_and_a_lost_leader_is_replaced(
    schema: tuple[str, str],
) -> None:
    url, name = schema
    a, b = Process(url, name), Process(url, name)
    try:
        leader = await first_to_run(a, b)
        follower = b if leader is a else a
        leader.ran.clear()
        await asyncio.wait_for(leader.ran.wait(), 10)  # it keeps running jobs...
        assert leader.scheduler.leading and not follower.scheduler.leading
        assert follower.scheduler.runs == {}  # ...and the other none at all

        pid = leader.scheduler.lock.backend_pid
        assert pid is not None
        admin = await asyncpg.connect(_dsn(url))
        try:  # the leader "dies": PostgreSQL drops its session and frees the lock
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()
        # Whoever takes the freed lock leads: the other process, or the old leader on a new
        # session (it retries at once and sometimes wins). The jobs go on, in one process.
        successor = await new_leader(a, b, lost_pid=pid)
        successor.ran.clear()
        await asyncio.wait_for(successor.ran.wait(), 10)
        assert [p.scheduler.leading for p in (a, b)].count(True) == 1
    finally:
        await a.close()
        await b.close()
    assert not a.scheduler.leading and not b.scheduler.leading


ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import asyncio, sys
from tests.scheduler.test_leader import Process

async def main():
    process = Process(sys.argv[1], sys.argv[2])
    process.scheduler.on_committed = lambda: print("ran", flush=True)
    await process.task

asyncio.run(main())
"""


async def test_a_killed_leader_process_is_replaced(schema: tuple[str, str]) -> None:
    """A real process holds the lock and runs jobs; SIGKILL it and this one takes over."""
    url, name = schema
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        url,
        name,
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None
    try:
        assert await asyncio.wait_for(child.stdout.readline(), 30) == b"ran\n"  # it leads
        here = Process(url, name)
        try:
            for _ in range(5):  # the child keeps running jobs; this process runs none
                assert await asyncio.wait_for(child.stdout.readline(), 10) == b"ran\n"
            assert here.scheduler.runs == {} and not here.scheduler.leading
            child.kill()  # SIGKILL: no clean release, PostgreSQL ends its session
            await child.wait()
            assert await first_to_run(here, within=30) is here
            assert here.scheduler.leading
        finally:
            await here.close()
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
