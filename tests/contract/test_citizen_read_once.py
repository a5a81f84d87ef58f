"""An update's citizen is read once per unit of work, however many steps ask for it (the turn,
the ban and flood checks, the submission, the notices, the staff card), yet every write to the
row is seen: the repository's own, an erasure, the sender's 403, and a rollback forgets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from domain.clock import FakeClock
from storage.database import Database
from storage.records import Draft
from tests.backends import sql_backend
from tests.contract.builders import BIG_USER, T0, citizen


@pytest.fixture(params=["sqlite", "postgres"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    async with sql_backend(request.param, tmp_path, clock=FakeClock()) as factory:
        yield factory.__self__  # type: ignore[attr-defined]


class Reads:
    """SELECTs from one table (the first in their FROM)."""

    def __init__(self, database: Database, table: str = "citizen") -> None:
        self.count = 0
        self.table = table
        event.listen(database.engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if sql.startswith("SELECT") and f"FROM {self.table} " in f"{sql} ":
            self.count += 1


async def test_the_citizen_is_read_once_per_unit_of_work(db: Database) -> None:
    reads = Reads(db)
    async with db.uow() as uow:
        assert await uow.citizens.get_by_telegram_id(BIG_USER) is None
        assert await uow.citizens.get_by_telegram_id(BIG_USER) is None
        assert reads.count == 1
        added = await uow.citizens.add(citizen())
        assert added.id is not None
        found = await uow.citizens.get_by_telegram_id(BIG_USER)
        assert found == added and found is not added  # a copy of its own
        found.name = "Sri"  # changed, not saved: the next reader gets the stored row
        again = await uow.citizens.get(added.id)
        assert again is not None and again.name == "Sri Rahayu"
        assert reads.count == 1
        await uow.commit()
    async with db.uow() as uow:
        person = await uow.citizens.get_by_telegram_id(BIG_USER)
        assert person is not None and person.id is not None
        person.language = "en"
        await uow.citizens.save(person)
        assert (await uow.citizens.get(person.id)) == person
        assert reads.count == 2  # the new unit of work read it once


async def test_other_writes_to_the_row_are_seen_in_the_same_unit_of_work(db: Database) -> None:
    async with db.uow() as uow:
        person = await uow.citizens.add(citizen())
        await uow.commit()
    assert person.id is not None
    async with db.uow() as uow:
        assert await uow.citizens.get(person.id) is not None
        await uow.outbox_queue.mark_chat_unreachable(person.chat_id, error="Forbidden")
        unreachable = await uow.citizens.get(person.id)
        assert unreachable is not None and unreachable.unreachable
        await uow.erasure.erase(citizen_ids=[person.id], at=T0)
        erased = await uow.citizens.get(person.id)
        assert erased is not None and erased.erased_at is not None
        assert await uow.citizens.get_by_telegram_id(BIG_USER) is None


async def test_a_rolled_back_citizen_is_forgotten(db: Database) -> None:
    async with db.uow() as uow:
        person = await uow.citizens.add(citizen())
        assert person.id is not None
        await uow.rollback()
        assert await uow.citizens.get(person.id) is None
        assert await uow.citizens.get_by_telegram_id(BIG_USER) is None


async def test_a_batch_reads_its_citizens_and_drafts_ahead_in_one_statement(db: Database) -> None:
    """bot.worker's batches: the citizens of several updates are read ahead, with their
    drafts, and stay known while the other updates of the batch write their own rows."""
    one, two, three, newcomer = BIG_USER, BIG_USER + 1, BIG_USER + 2, BIG_USER + 3
    async with db.uow() as uow:
        people = {n: await uow.citizens.add(citizen(n)) for n in (one, two, three)}
        for n in (one, two):
            await uow.drafts.save(Draft(chat_id=n, step="description", citizen_id=people[n].id))
        await uow.commit()
    citizens, drafts = Reads(db), Reads(db, "draft")
    async with db.uow() as uow:
        ahead = await uow.citizens.read_ahead([one, two, three, newcomer])
        assert sorted(c.telegram_id for c in ahead) == [one, two, three]
        assert citizens.count == 1
        # The first update of the batch: its citizen and draft, then its own writes.
        first = await uow.citizens.get_by_telegram_id(one)
        first_draft = await uow.drafts.get(one)
        assert first is not None and first_draft is not None and first_draft.step == "description"
        first.language = "en"
        await uow.citizens.save(first)
        first_draft.step = "photos"
        await uow.drafts.save(first_draft)
        # The others' rows are still known: no statement reads them.
        second = await uow.citizens.get_by_telegram_id(two)
        second_draft = await uow.drafts.get(two)
        assert second is not None and second.name == "Sri Rahayu"
        assert second_draft is not None and second_draft.step == "description"
        assert await uow.citizens.get_by_telegram_id(newcomer) is None
        await uow.citizens.add(citizen(newcomer))
        assert (citizens.count, drafts.count) == (1, 0)
        # A write the memory cannot follow row by row (an erasure) is read again.
        third = people[three]
        assert third.id is not None
        await uow.erasure.erase(citizen_ids=[third.id], at=T0)
        before = citizens.count
        assert await uow.citizens.get_by_telegram_id(three) is None
        assert citizens.count == before + 1
        await uow.commit()
