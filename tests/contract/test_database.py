"""Engine set-up: URL normalisation, SQLite pragmas and transactions, UTC enforcement."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from domain.clock import FakeClock
from storage.database import Database, normalise_url
from storage.sqlite_driver import CHECKPOINT_EVERY
from tests.backends import UowFactory, sqlite_file
from tests.contract.builders import T0, agency, citizen, ticket


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///data/aduan.db", "sqlite+aiosqlite:///data/aduan.db"),
        ("sqlite+aiosqlite:////abs/aduan.db", "sqlite+aiosqlite:////abs/aduan.db"),
        ("postgresql://u:p@db:5432/aduan", "postgresql+asyncpg://u:p@db:5432/aduan"),
        ("postgres://u@db/aduan", "postgresql+asyncpg://u@db/aduan"),
        ("postgresql+psycopg2://u@db/aduan", "postgresql+asyncpg://u@db/aduan"),
    ],
)
def test_urls_are_normalised_to_the_async_drivers(given: str, expected: str) -> None:
    assert normalise_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://u@db/x"])
def test_unsupported_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        normalise_url(url)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    async with sqlite_file(tmp_path) as path:
        database = Database(f"sqlite:///{path}", clock=FakeClock())
        try:
            yield database
        finally:
            await database.dispose()


async def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db: Database) -> None:
    assert not sqlite_db.is_postgres
    async with sqlite_db.uow() as uow:
        assert (await uow.session.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await uow.session.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        with pytest.raises(IntegrityError):
            await uow.tickets.add(ticket(citizen_id=404, category_id=404))


async def test_naive_datetimes_are_refused(sqlite_db: Database) -> None:
    async with sqlite_db.uow() as uow:
        with pytest.raises(StatementError, match="naive datetime"):
            await uow.citizens.add(citizen(created_at=datetime(2026, 1, 1)))


async def test_datetimes_come_back_as_utc(sql_uow_factory: UowFactory) -> None:
    jakarta = timezone(timedelta(hours=7))
    async with sql_uow_factory() as uow:
        person = await uow.citizens.add(citizen(created_at=T0.astimezone(jakarta)))
        await uow.commit()
    async with sql_uow_factory() as uow:
        loaded = await uow.citizens.get(person.id or 0)
    assert loaded is not None
    assert loaded.created_at == T0 and loaded.created_at.tzinfo is UTC


async def test_sqlite_readers_do_not_wait_for_a_writer(sqlite_db: Database) -> None:
    async with sqlite_db.uow() as writer:
        await writer.agencies.add(agency("DPU"))  # holds the write lock (BEGIN IMMEDIATE)
        async with sqlite_db.uow(read_only=True) as reader:
            assert await asyncio.wait_for(reader.agencies.list(), timeout=2) == []
        await writer.commit()
    async with sqlite_db.uow(read_only=True) as reader:
        assert [a.code for a in await reader.agencies.list()] == ["DPU"]


async def test_a_unit_of_work_is_entered_once(sqlite_db: Database) -> None:
    uow = sqlite_db.uow()
    with pytest.raises(RuntimeError):
        uow.session  # noqa: B018
    async with uow:
        with pytest.raises(RuntimeError):
            await uow.__aenter__()
    async with uow:  # reusable after exit, with a fresh session
        assert await uow.agencies.list() == []


async def test_sqlite_commits_a_writer_on_the_loops_thread(sqlite_db: Database) -> None:
    """BEGIN IMMEDIATE may wait for another process's writer, so it goes to the driver's
    thread; the COMMIT of a transaction holding the lock waits for nothing, so it runs here
    (storage.sqlite_driver)."""
    seen: list[tuple[str, int]] = []
    async with sqlite_db.uow() as uow:
        await uow.agencies.add(agency("DPU"))
        raw = await (await uow.session.connection()).get_raw_connection()
        sqlite = raw.driver_connection._conn  # type: ignore[union-attr]
        sqlite.set_trace_callback(lambda sql: seen.append((sql, threading.get_ident())))
        await uow.agencies.add(agency("DLH"))
        await uow.commit()
        sqlite.set_trace_callback(None)
    loop_thread = threading.get_ident()
    assert [sql.split()[0] for sql, _ in seen] == ["INSERT", "COMMIT"]
    assert all(thread == loop_thread for _, thread in seen)
    async with sqlite_db.uow(read_only=True) as reader:
        assert sorted(a.code for a in await reader.agencies.list()) == ["DLH", "DPU"]


def _size(path: str) -> int:
    return os.path.getsize(path)


async def test_sqlite_checkpoints_before_a_writer_not_inside_a_commit(sqlite_db: Database) -> None:
    """SQLite's own checkpoint would run inside a COMMIT, on the event loop's thread: it is
    off, and every CHECKPOINT_EVERY write commits the next writer's BEGIN checkpoints first,
    in the driver's thread. Until then, the database file does not change."""
    async with sqlite_db.uow() as uow:
        assert (await uow.session.execute(text("PRAGMA wal_autocheckpoint"))).scalar() == 0
    database_file = sqlite_db.url.database or ""
    before = _size(database_file)
    for k in range(CHECKPOINT_EVERY):
        async with sqlite_db.uow() as uow:
            await uow.citizens.add(citizen(telegram_id=1000 + k, name="x" * 500))
            await uow.commit()
    assert _size(database_file) == before  # all of it still in the WAL
    async with sqlite_db.uow() as uow:
        await uow.agencies.add(agency("DPU"))  # this writer's BEGIN checkpoints first
        assert _size(database_file) > before
        await uow.commit()
    async with sqlite_db.uow(read_only=True) as reader:
        count = await reader.session.execute(text("SELECT count(*) FROM citizen"))
        assert count.scalar() == CHECKPOINT_EVERY
