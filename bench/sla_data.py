"""A big city for the scheduler benchmarks: N tickets with one agency share each, written in
bulk (SQLAlchemy Core multi-row inserts on SQLite, COPY on PostgreSQL).

Two years of complaints; the last few weeks are still open (their clocks and next reminder
instants set, a few hundred due right now), everything older is closed and has no clock, as
in a real city where the open work is a small slice of the history.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from storage.database import Database, normalise_url
from storage.migrate import upgrade
from storage.tables import AgencyRow, CategoryRow, CitizenRow, table_of

NOW = datetime(2026, 11, 9, 2, 0, tzinfo=UTC)  # Monday 09:00 in Jakarta
SPAN = timedelta(days=730)
OPEN_DAYS = 21
DUE_NOW = 300  # clocks with a reminder due at NOW
AGENCIES = 8
CATEGORIES = 10
PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

TICKET_COLUMNS = (
    "id",
    "code",
    "citizen_id",
    "category_id",
    "description",
    "status",
    "created_at",
    "updated_at",
    "verified_at",
    "latitude",
    "longitude",
    "share_name",
    "public",
    "stage",
    "stage_started_at",
    "deadline",
    "reminded_pct",
    "next_reminder_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "reopen_count",
    "solved",
    "rating",
    "version",
)
SHARE_COLUMNS = (
    "id",
    "ticket_id",
    "agency_id",
    "status",
    "created_at",
    "stage",
    "stage_started_at",
    "deadline",
    "reminded_pct",
    "next_reminder_at",
    "first_response_at",
    "resolved_at",
    "version",
)


def rows(n: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    rnd = random.Random(seed)
    start = NOW - SPAN
    open_rows = int(n * OPEN_DAYS / SPAN.days)
    due_every = max(1, open_rows // DUE_NOW)
    for i in range(1, n + 1):
        created = start + SPAN * (i / n)
        age = NOW - created
        agency = 2 + i % AGENCIES
        ticket: dict[str, Any] = {
            "id": i,
            "code": f"ADU-{i:07d}",
            "citizen_id": 1,
            "category_id": 1 + i % CATEGORIES,
            "description": "-",
            "created_at": created,
            "updated_at": created,
            "verified_at": created + timedelta(hours=rnd.uniform(0.2, 8)),
            # Somewhere in Surakarta (the public site's map and Open311 read these).
            "latitude": rnd.uniform(-7.59, -7.53),
            "longitude": rnd.uniform(110.77, 110.87),
            "share_name": False,
            "public": True,
            "stage": None,
            "stage_started_at": None,
            "deadline": None,
            "reminded_pct": 0,
            "next_reminder_at": None,
            "first_response_at": created + timedelta(hours=rnd.uniform(0.5, 60)),
            "resolved_at": None,
            "closed_at": None,
            "reopen_count": int(rnd.random() < 0.05),
            "solved": None,
            "rating": None,
            "version": 0,
        }
        share: dict[str, Any] = {
            "id": i,
            "ticket_id": i,
            "agency_id": agency,
            "created_at": created,
            "stage": None,
            "stage_started_at": None,
            "deadline": None,
            "reminded_pct": 0,
            "next_reminder_at": None,
            "first_response_at": ticket["first_response_at"],
            "resolved_at": None,
            "version": 0,
        }
        if age > timedelta(days=OPEN_DAYS) or rnd.random() < 0.6:
            latest = max(created, NOW - timedelta(hours=1))
            resolved = min(created + timedelta(hours=rnd.uniform(4, 200)), latest)
            ticket.update(
                status="closed",
                resolved_at=resolved,
                closed_at=resolved,
                solved=rnd.random() < 0.8,
                rating=rnd.randint(1, 5),
            )
            share.update(status="closed", resolved_at=resolved)
        else:
            deadline = created + timedelta(days=7)
            due = NOW - timedelta(minutes=i % 50) if i % due_every == 0 else None
            ticket.update(status="in_progress")
            share.update(
                status="in_progress",
                stage="resolve",
                stage_started_at=ticket["first_response_at"],
                deadline=deadline,
                next_reminder_at=due
                or max(NOW + timedelta(minutes=1 + i % 5000), deadline - timedelta(days=3)),
            )
        yield ticket, share


@asynccontextmanager
async def big_city(backend: str, n: int) -> AsyncIterator[Database]:
    """A migrated database holding `n` tickets; removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="aduan-bench-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            await upgrade(url)
            db = Database(url)
            try:
                await _fill_sqlite(db, n)
                yield db
            finally:
                await db.dispose()
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    dsn = normalise_url(PG_URL).set(drivername="postgresql").render_as_string(False)
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        await upgrade(PG_URL, schema=schema)
        db = Database(PG_URL, schema=schema)
        try:
            await _reference(db)
            await _copy(admin, schema, n)
            await admin.execute(f'ANALYZE "{schema}".ticket; ANALYZE "{schema}".assignment')
            yield db
        finally:
            await db.dispose()
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()


async def _reference(db: Database) -> None:
    async with db.uow() as uow:
        s = uow.session
        await s.execute(
            table_of(CitizenRow)
            .insert()
            .values(
                id=1,
                telegram_id=1,
                chat_id=1,
                name="Warga",
                created_at=NOW,
                language="id",
                banned=False,
                unreachable=False,
            )
        )
        await s.execute(
            table_of(AgencyRow).insert(),
            [
                {
                    "id": 1,
                    "code": "ulas",
                    "name": "ULAS",
                    "is_complaint_unit": True,
                    "group_is_forum": False,
                    "group_active": False,
                    "active": True,
                }
            ]
            + [
                {
                    "id": 2 + a,
                    "code": f"a{a}",
                    "name": f"Dinas {a}",
                    "is_complaint_unit": False,
                    "group_is_forum": False,
                    "group_active": False,
                    "active": True,
                }
                for a in range(AGENCIES)
            ],
        )
        await s.execute(
            table_of(CategoryRow).insert(),
            [
                {
                    "id": 1 + c,
                    "code": f"c{c}",
                    "name": f"Kategori {c}",
                    "auto_verify": False,
                    "sla_overrides": {},
                    "active": True,
                    "sort_order": c,
                }
                for c in range(CATEGORIES)
            ],
        )
        await uow.commit()


def _sqlite_value(value: Any) -> Any:
    """What SQLAlchemy's SQLite DateTime stores (naive UTC text), so the app reads it back."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    return value


async def _fill_sqlite(db: Database, n: int, batch: int = 50_000) -> None:
    """Plain driver executemany with pre-rendered values: SQLAlchemy's per-value type
    processing would make a million rows take minutes instead of seconds."""
    await _reference(db)
    insert_ticket = (
        f"INSERT INTO ticket ({', '.join(TICKET_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in TICKET_COLUMNS)})"
    )
    insert_share = (
        f"INSERT INTO assignment ({', '.join(SHARE_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in SHARE_COLUMNS)})"
    )
    tickets: list[tuple[Any, ...]] = []
    shares: list[tuple[Any, ...]] = []

    async def flush() -> None:
        async with db.engine.begin() as conn:
            await conn.exec_driver_sql(insert_ticket, tickets)
            await conn.exec_driver_sql(insert_share, shares)

    for ticket, share in rows(n):
        tickets.append(tuple(_sqlite_value(ticket[c]) for c in TICKET_COLUMNS))
        shares.append(tuple(_sqlite_value(share[c]) for c in SHARE_COLUMNS))
        if len(tickets) >= batch:
            await flush()
            tickets, shares = [], []
    if tickets:
        await flush()
    async with db.engine.begin() as conn:
        await conn.exec_driver_sql("ANALYZE")


async def _copy(conn: asyncpg.Connection, schema: str, n: int, batch: int = 50_000) -> None:
    tickets: list[tuple[Any, ...]] = []
    shares: list[tuple[Any, ...]] = []

    async def flush() -> None:
        await conn.copy_records_to_table(
            "ticket", schema_name=schema, records=tickets, columns=TICKET_COLUMNS
        )
        await conn.copy_records_to_table(
            "assignment", schema_name=schema, records=shares, columns=SHARE_COLUMNS
        )

    for ticket, share in rows(n):
        tickets.append(tuple(ticket[c] for c in TICKET_COLUMNS))
        shares.append(tuple(share[c] for c in SHARE_COLUMNS))
        if len(tickets) >= batch:
            await flush()
            tickets, shares = [], []
    if tickets:
        await flush()


def run_on_big_cities(prog: str, bench: Callable[[str, int], Awaitable[None]]) -> None:
    """The command line of the scheduler's benchmarks (`sla`, `report`): `bench(backend, n)`
    on a city of n tickets, on SQLite and PostgreSQL side by side unless told one."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--quick", action="store_true", help="about 20k tickets")
    parser.add_argument("--tickets", type=int)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    n = args.tickets or (20_000 if args.quick else 1_000_000)

    async def each() -> None:
        for backend in ("sqlite", "postgres") if args.backend == "both" else (args.backend,):
            await bench(backend, n)

    asyncio.run(each())
