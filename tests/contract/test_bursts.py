"""The burst rule (domain.flood) as the unit of work counts it: in this process's memory on
SQLite, in the database on PostgreSQL, where every worker process shares one count.

Each check runs in a unit of work of its own and commits, as a handler's does. The rule's
own cases are unit tests (tests/unit/handlers/test_citizen_limits.py); here the database's
count must agree with it, verdict for verdict.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from domain.clock import FakeClock
from domain.flood import InMemoryBurstGuard, Verdict
from storage.database import Database
from storage.repositories.bursts import FLOOD, purge_idle_senders
from tests.backends import UowFactory, postgres_schema, sqlite_file

ALLOW, WARN, DROP = Verdict.ALLOW, Verdict.WARN, Verdict.DROP


async def check(uow_factory: UowFactory, sender: int, at: float) -> Verdict:
    async with uow_factory() as uow:
        verdict = await uow.bursts.check(sender, at)
        await uow.commit()
    return verdict


async def test_every_verdict_is_the_in_memory_rules_verdict(timed_uow_factory: UowFactory) -> None:
    """A shuffled stream of 3 senders (whole-second dates, a burst, out-of-order presses):
    the database's count and the rule in memory agree on every single update."""
    rng = random.Random(12)
    stream = [(rng.choice((1, 2, 3)), float(5000 + rng.randrange(0, 40))) for _ in range(150)]
    stream += [(4, 6000.0 + n * 0.37) for n in range(40)]
    rule = InMemoryBurstGuard()
    expected = [rule.verdict(sender, at) for sender, at in stream]
    got = [await check(timed_uow_factory, sender, at) for sender, at in stream]
    assert got == expected
    assert {ALLOW, WARN, DROP} <= set(got)


async def test_on_postgresql_every_process_shares_one_count() -> None:
    async with postgres_schema(migrated=True) as (url, schema):
        one, two = Database(url, schema=schema), Database(url, schema=schema)
        try:
            verdicts = [await check((one, two)[n % 2].uow, 7, 100.0 + n * 0.1) for n in range(22)]
            assert verdicts == [ALLOW] * 20 + [WARN, DROP]

            async with one.uow() as uow:  # a handler that failed: rolled back, not counted
                assert await uow.bursts.check(8, 100.0) is ALLOW
                await uow.rollback()
            async with one.uow(read_only=True) as uow:
                rows = (await uow.session.execute(FLOOD.select())).all()
            assert [(r.sender_id, len(r.times), r.verdict) for r in rows] == [(7, 20, "drop")]
        finally:
            await one.dispose()
            await two.dispose()


async def test_on_sqlite_each_process_counts_its_own(tmp_path: Path) -> None:
    async with sqlite_file(tmp_path) as path:
        one, two = Database(f"sqlite+aiosqlite:///{path}"), Database(f"sqlite+aiosqlite:///{path}")
        try:
            assert [await check(one.uow, 7, 100.0) for _ in range(21)][-1] is WARN
            assert await check(two.uow, 7, 100.0) is ALLOW
        finally:
            await one.dispose()
            await two.dispose()


async def test_cleanup_forgets_senders_quiet_for_an_hour(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    f = timed_uow_factory
    await check(f, 7, 100.0)
    clock.advance(timedelta(minutes=61))
    await check(f, 8, 100.0)
    async with f() as uow:
        purged = await purge_idle_senders(uow, clock.now() - timedelta(hours=1))
        await uow.commit()
        if uow.is_postgres:
            assert purged == 1
            rows = (await uow.session.execute(FLOOD.select())).all()
            assert [r.sender_id for r in rows] == [8]
        else:
            assert purged == 0  # SQLite counts in memory; the table stays empty


async def test_a_batch_counted_ahead_gets_the_rules_verdicts(timed_uow_factory: UowFactory) -> None:
    """bot.worker's batches count their senders' updates ahead, in one statement on
    PostgreSQL; each check then hands out its sender's verdict, the rule's verdict."""
    rule = InMemoryBurstGuard()
    expected, got = [], []
    for n in range(24):  # batches of 3 senders, 4 updates a second each
        batch = [(sender, 100.0 + n * 0.25) for sender in (1, 2, 3)]
        if n % 4 == 3:
            batch.append((4, 100.0))  # a fourth, checked without being counted ahead
        expected += [rule.verdict(sender, at) for sender, at in batch]
        async with timed_uow_factory() as uow:
            await uow.bursts.count_ahead(batch[:3])
            got += [await uow.bursts.check(sender, at) for sender, at in batch]
            await uow.commit()
    assert got == expected
    assert got.count(WARN) == 3 and DROP in got
