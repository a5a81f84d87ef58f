"""Categories and agencies come from a per-process cache (storage.repositories.catalog_cache),
yet every committed edit is seen: by the next unit of work, by another `Database` of the
process, and (PostgreSQL, through the settings NOTIFY) by another process. A unit of work
sees its own edits before it commits; a rolled-back edit is never seen."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from domain.model import Agency, Category
from storage import channels
from storage.database import Database
from storage.repositories.catalog_cache import CatalogCache, CatalogSnapshot
from storage.wakeups import WakeupListener
from tests.backends import postgres_schema, sql_backend
from tests.contract.builders import BIG_CHAT, agency, category

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgres"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    async with sql_backend(request.param, tmp_path) as factory:
        database: Database = factory.__self__  # type: ignore[attr-defined]
        async with database.uow() as uow:
            await uow.agencies.add(agency("DPU", group_chat_id=BIG_CHAT, group_active=True))
            await uow.categories.add(category("road", sla_overrides={"verify": "4h"}))
            await uow.commit()
        yield database


class CatalogReads:
    """The statements that read the category or agency table, counted at the engine."""

    def __init__(self, database: Database) -> None:
        self.count = 0
        event.listen(database.engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if "FROM category" in sql or "FROM agency" in sql:
            self.count += 1


async def road(db: Database) -> Category:
    async with db.uow(read_only=True) as uow:  # beside a writer, on SQLite too
        found = await uow.categories.get_by_code("road")
    assert found is not None
    return found


async def test_reads_come_from_the_cache_once_it_is_loaded(db: Database) -> None:
    reads = CatalogReads(db)
    async with db.uow() as uow:
        assert [c.code for c in await uow.categories.list()] == ["road"]
        unit = await uow.agencies.complaint_unit()
        dpu = await uow.agencies.get_by_group_chat(BIG_CHAT)
    loaded = reads.count
    async with db.uow(read_only=True) as uow:
        kind = await uow.categories.get_by_code("road")
        assert kind is not None and kind.id is not None
        assert await uow.categories.get(kind.id) == kind
        assert [a.code for a in await uow.agencies.list()] == ["DPU"]
        kind.sla_overrides["verify"] = "1h"  # a reader's copy: the cache keeps its own
    assert unit is None and dpu is not None and dpu.code == "DPU"
    assert loaded == 2  # both tables, once
    assert reads.count == loaded
    assert (await road(db)).sla_overrides == {"verify": "4h"}


async def test_an_edit_is_seen_by_its_own_unit_of_work_and_after_its_commit(
    db: Database,
) -> None:
    await road(db)  # the cache is warm
    async with db.uow() as uow:
        kind = await uow.categories.get_by_code("road")
        assert kind is not None
        kind.name = "Jalan berlubang"
        await uow.categories.save(kind)
        assert (await uow.categories.list())[0].name == "Jalan berlubang"
        await uow.agencies.add(agency("PDAM"))
        assert [a.code for a in await uow.agencies.list()] == ["DPU", "PDAM"]
        assert (await road(db)).name == "Jalan rusak"  # not committed yet
        await uow.commit()
    assert (await road(db)).name == "Jalan berlubang"
    async with db.uow(read_only=True) as uow:
        assert [a.code for a in await uow.agencies.list()] == ["DPU", "PDAM"]


async def test_a_rolled_back_edit_is_never_seen(db: Database) -> None:
    await road(db)
    async with db.uow() as uow:
        kind = await uow.categories.get_by_code("road")
        assert kind is not None
        kind.active = False
        await uow.categories.save(kind)
        await uow.rollback()
        assert (await uow.categories.list())[0].active  # read again after the rollback
    async with db.uow() as uow:  # ends without a commit
        await uow.agencies.add(agency("PDAM"))
    async with db.uow(read_only=True) as uow:
        assert [c.code for c in await uow.categories.list()] == ["road"]
        assert [a.code for a in await uow.agencies.list(active_only=False)] == ["DPU"]


async def test_the_senders_write_to_an_agency_row_is_seen(db: Database) -> None:
    async with db.uow() as uow:
        assert await uow.agencies.get_by_group_chat(BIG_CHAT) is not None
    async with db.uow() as uow:  # 403 in the agency's group
        await uow.outbox_queue.mark_chat_unreachable(BIG_CHAT, error="Forbidden")
        await uow.commit()
    async with db.uow() as uow:
        dpu = await uow.agencies.get_by_code("DPU")
    assert dpu is not None and not dpu.group_active


async def test_another_database_of_the_process_sees_an_edit_at_once(db: Database) -> None:
    other = Database(db.url, schema=db.schema)
    try:
        assert (await road(other)).name == "Jalan rusak"
        async with db.uow() as uow:
            kind = await uow.categories.get_by_code("road")
            assert kind is not None
            kind.name = "Jalan berlubang"
            await uow.categories.save(kind)
            await uow.commit()
        assert (await road(other)).name == "Jalan berlubang"
    finally:
        await other.dispose()


def test_a_snapshot_read_before_a_commit_dropped_the_cache_is_not_kept() -> None:
    cache = CatalogCache()
    began_at = cache.generation  # a unit of work begins …
    cache.invalidate()  # … another commits an edit …
    cache.keep(CatalogSnapshot((), ()), began_at)  # … the first one loads the old rows
    assert cache.current() is None
    cache.keep(CatalogSnapshot((Category("road", "Jalan"),), (Agency("DPU", "Dinas"),)), 1)
    assert cache.current() is not None
    cache.max_age = 0.0  # another process's edit, with no NOTIFY: seen once it is this old
    assert cache.current() is None


EDIT_IN_ANOTHER_PROCESS = """
import asyncio, sys
from storage.database import Database

async def main(url: str, schema: str) -> None:
    db = Database(url, schema=schema)
    async with db.uow() as uow:
        kind = await uow.categories.get_by_code("road")
        kind.name = "Jalan berlubang"
        await uow.categories.save(kind)
        await uow.commit()
    await db.dispose()

asyncio.run(main(*sys.argv[1:]))
"""


async def test_an_edit_in_another_process_is_seen_through_the_settings_notify() -> None:
    async with postgres_schema(migrated=True) as (url, schema):
        db = Database(url, schema=schema)
        listener = WakeupListener(db)
        try:
            async with db.uow() as uow:
                await uow.categories.add(category("road"))
                await uow.commit()
            db.catalog.max_age = 3600.0  # only the NOTIFY can make this process look again
            notified = asyncio.Event()
            assert await listener.start({channels.SETTINGS: notified.set})
            assert (await road(db)).name == "Jalan rusak"
            editor = await asyncio.create_subprocess_exec(
                sys.executable, "-c", EDIT_IN_ANOTHER_PROCESS, url, schema, cwd=ROOT
            )
            assert await asyncio.wait_for(editor.wait(), 60) == 0
            await asyncio.wait_for(notified.wait(), 10)
            assert (await road(db)).name == "Jalan berlubang"
        finally:
            await listener.stop()
            await db.dispose()
