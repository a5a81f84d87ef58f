"""The retention job: each purge goes by age, a bounded batch per transaction, oldest first;
a second run finds nothing; complaints lose their personal data only once closed longer than
RETENTION_PERSONAL_MONTHS, their citizen only once none of theirs is left; every scan is an
index range (SQLite's plans here; PostgreSQL's at a million rows in bench/retention.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.plans import explain
from domain.clock import FakeClock
from domain.model import Citizen
from domain.retention import ERASED, RetentionPolicy
from domain.usecases import Actor, cancel_ticket, submit_ticket
from scheduler.retention import retention
from storage.database import Database
from storage.queries.retention import (
    due_tickets_query,
    old_downloads_query,
    old_links_query,
    old_people_query,
)
from storage.repositories.inbox import finished_before
from storage.repositories.outbox_queue import dead_before, sent_before
from storage.tables import (
    EvidenceDownloadRow,
    InboxUpdateRow,
    MessageLinkRow,
    OutboxMessageRow,
    table_of,
)
from tests.backends import sql_backend
from tests.usecases.world import World, build_world

NOW = datetime(2029, 1, 15, 3, 0, tzinfo=UTC)  # machinery time of the run
POLICY = RetentionPolicy()


@pytest.fixture
async def w(backend: str, tmp_path: Path) -> AsyncIterator[World]:
    async with sql_backend(backend, tmp_path, clock=FakeClock(NOW)) as factory:
        yield await build_world(factory)


def days_ago(n: float) -> datetime:
    return NOW - timedelta(days=n)


async def _machinery(w: World) -> None:
    """Rows of every machinery table, some just past their period and some just within."""
    async with w.factory() as uow:
        s = uow.session  # type: ignore[attr-defined]
        await s.execute(
            table_of(InboxUpdateRow).insert(),
            [
                {"update_id": i, "chat_id": 777, "status": st, "payload": {},
                 "received_at": at, "handled_at": at}
                for i, (st, at) in enumerate(
                    [("done", days_ago(8))] * 5 + [("done", days_ago(6)), ("dead", days_ago(91)),
                     ("dead", days_ago(30)), ("pending", days_ago(100))],
                    start=1,
                )
            ],
        )  # fmt: skip
        await s.execute(
            table_of(OutboxMessageRow).insert(),
            [
                {"chat_id": 777, "payload": {}, "status": st, "next_attempt_at": at,
                 "created_at": at, "sent_at": at if st == "sent" else None}
                for st, at in [("sent", days_ago(31))] * 3 + [("sent", days_ago(29)),
                ("failed", days_ago(91)), ("unreachable", days_ago(95)), ("failed", days_ago(10)),
                ("pending", days_ago(200))]
            ],
        )  # fmt: skip
        await uow.commit()
    finished = await w.submit(photo_file_ids=["f1", "f2", "f3"])
    await w.act(cancel_ticket, w.as_citizen, finished.id or 0)
    still_open = await w.submit()
    async with w.factory() as uow:
        s = uow.session  # type: ignore[attr-defined]
        await s.execute(
            table_of(MessageLinkRow).insert(),
            [
                {"chat_id": -1002, "message_id": m, "ticket_id": t, "purpose": "card",
                 "created_at": at}
                for m, t, at in [(1, finished.id, days_ago(91)), (2, finished.id, days_ago(89)),
                                 (3, still_open.id, days_ago(200))]
            ],
        )  # fmt: skip
        downloads = table_of(EvidenceDownloadRow)
        for file_id, status, at in (
            ("f1", "done", days_ago(31)),
            ("f2", "done", days_ago(10)),
            ("f3", "failed", days_ago(91)),
        ):
            await s.execute(
                downloads.update()
                .where(downloads.c.file_id == file_id)
                .values(status=status, next_attempt_at=at)
            )
        await uow.commit()


async def test_machinery_goes_by_age_in_small_batches(w: World) -> None:
    await _machinery(w)
    result = await retention(w.factory, POLICY, NOW, batch=2)
    assert {k: v for k, v in result.purged.items() if v} == {
        "updates": 5,
        "dead_updates": 1,
        "messages": 3,
        "dead_messages": 2,
        "links": 1,  # of a finished complaint, 91 days old
        "downloads": 2,  # finished 31 days ago, failed 91 days ago
        "tickets": 1,  # the complaint cancelled 26 months ago loses its personal data
        "citizens": 1,  # known for 26 months and never filed anything: nothing keeps them
    }
    assert result.finished and all(b.rows <= 2 for b in result.batches)
    assert [b.rows for b in result.batches if b.step == "updates"] == [2, 2, 1]
    assert await _left(w, InboxUpdateRow) == ["dead", "done", "pending"]
    assert await _left(w, OutboxMessageRow) == ["failed", "pending", "sent"]
    again = await retention(w.factory, POLICY, NOW, batch=2)
    assert not any(again.purged.values())


async def test_a_time_budget_stops_the_run_and_the_next_run_goes_on(w: World) -> None:
    await _machinery(w)
    first = await retention(w.factory, POLICY, NOW, batch=1, budget_s=0)
    assert not first.finished and not any(first.purged.values())
    second = await retention(w.factory, POLICY, NOW, batch=1)
    assert second.finished and second.purged["updates"] == 5


async def _left(w: World, row: Any) -> list[str]:
    """The statuses of the seeded rows (chat 777) still there."""
    table = table_of(row)
    async with w.factory() as uow:
        result = await uow.session.execute(  # type: ignore[attr-defined]
            table.select().where(table.c.chat_id == 777)
        )
        return sorted(r.status for r in result)


async def _filed(w: World, who: Citizen, closed_days_ago: float | None) -> int:
    """A complaint by `who`, cancelled (so finished) that long ago, or left open."""
    actor = Actor.citizen(who)
    w.clock.set(NOW - timedelta(days=(closed_days_ago or 0) + 1))
    ticket = await w.act(
        submit_ticket,
        actor,
        category_id=w.road_category.id or 0,
        description="Jalan rusak parah di depan pasar, mohon segera diperbaiki.",
        address="Jalan Kenanga 12",
        latitude=-7.5612345,
        longitude=110.8198765,
    )
    if closed_days_ago is not None:
        w.clock.set(NOW - timedelta(days=closed_days_ago))
        await w.act(cancel_ticket, actor, ticket.id or 0, "Sudah diperbaiki warga sendiri.")
    return ticket.id or 0


async def test_personal_data_goes_after_the_period_and_people_after_their_last(
    w: World,
) -> None:
    months = POLICY.personal.days
    old = await _filed(w, w.citizen, months + 10)
    recent = await _filed(w, w.other_citizen, months - 10)
    older = await _filed(w, w.other_citizen, months + 40)
    still_open = await _filed(w, w.other_citizen, None)
    w.clock.set(NOW)
    result = await retention(w.factory, POLICY, NOW, batch=1)
    assert result.purged["tickets"] == 2 and result.erased.tickets == 2
    assert result.purged["citizens"] == 1  # Warga Satu: nothing of theirs is left
    assert result.erased.texts == 2  # the cancel reasons they typed
    erased = await w.ticket(old)
    assert (erased.description, erased.address, erased.latitude) == (ERASED, None, -7.561)
    assert erased.erased_at == NOW and erased.status == "cancelled"
    events = await w.events(old)
    assert [e.text for e in events if e.action == "cancel"] == [ERASED]
    assert (await w.ticket(older)).erased_at is not None
    assert (await w.ticket(recent)).erased_at is None
    assert (await w.ticket(still_open)).erased_at is None
    async with w.factory() as uow:
        gone = await uow.citizens.get(w.citizen.id or 0)
        kept = await uow.citizens.get(w.other_citizen.id or 0)
    assert gone is not None and (gone.name, gone.telegram_id, gone.erased_at) == (
        ERASED,
        None,
        NOW,
    )
    assert kept is not None and kept.erased_at is None and kept.telegram_id == 5002
    again = await retention(w.factory, POLICY, NOW, batch=1)
    assert again.purged["tickets"] == 0 and again.purged["citizens"] == 0


QUERIES: dict[str, Any] = {
    "ix_inbox_update_status_handled_at": finished_before("done", NOW, 500),
    "ix_outbox_message_status_sent_at": sent_before(NOW, 500),
    "ix_outbox_message_status_next_attempt_at": dead_before(NOW, 500),
    "ix_message_link_created_at": old_links_query(NOW, 500),
    "ix_evidence_download_status_next_attempt_at": old_downloads_query(NOW, NOW, 500),
    "ix_ticket_unerased_closed_at": due_tickets_query(NOW, 500),
    "ix_citizen_unerased_created_at_id": old_people_query(NOW, 500, (NOW, 3)),
}


@pytest.mark.parametrize("index", sorted(QUERIES))
async def test_every_retention_scan_is_an_index_range(tmp_path: Path, index: str) -> None:
    async with sql_backend("sqlite", tmp_path) as factory:
        db: Database = factory.__self__  # type: ignore[attr-defined]
        plan = "\n".join(await explain(db, QUERIES[index]))
    assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan, plan
    scans = [line for line in plan.splitlines() if " SCAN " in line and "INDEX" not in line]
    assert scans == [], plan  # no table is read whole
    assert "TEMP B-TREE" not in plan, plan  # rows come in the index's order: no sort
