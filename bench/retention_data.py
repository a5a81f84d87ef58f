"""A city with years of history for the retention benchmark: N closed complaints (9 in 10
closed long enough ago to lose their personal data), one citizen per three complaints, one
citizen event with text per complaint, a citizen photo (archived: hash and file id) per ten,
and N handled raw updates and N sent messages (9 in 10 past their period).

Written in bulk: pre-rendered executemany on SQLite, COPY on PostgreSQL (bench/sla_data.py's
way), then ANALYZE, so the planner sees a real city.
"""

from __future__ import annotations

import json
import random
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from bench.sla_data import PG_URL, _reference, _sqlite_value
from domain.clock import FakeClock
from storage.database import Database, normalise_url
from storage.migrate import upgrade

NOW = datetime(2029, 6, 1, 2, 0, tzinfo=UTC)  # when the job runs (domain and machinery time)
OLD_SHARE = 0.9  # of each table, past its period
PER_CITIZEN = 3
PHOTO_EVERY = 10

COLUMNS: dict[str, tuple[str, ...]] = {
    "citizen": (
        "id", "telegram_id", "chat_id", "name", "created_at", "username", "language", "phone",
        "banned", "unreachable", "channel", "external_id",
    ),
    "ticket": (
        "id", "code", "citizen_id", "category_id", "description", "status", "created_at",
        "updated_at", "latitude", "longitude", "address", "share_name", "public",
        "contact_phone", "reminded_pct", "verified_at", "resolved_at", "closed_at",
        "reopen_count", "solved", "rating", "rating_comment", "version",
    ),
    "ticket_event": (
        "id", "ticket_id", "at", "actor_role", "action", "public", "actor_id", "text", "data",
    ),
    "attachment": (
        "id", "ticket_id", "file_id", "created_at", "kind", "file_unique_id",
        "uploaded_by_role", "sha256", "size", "mime_type",
    ),
    "evidence_file": ("file_id", "sha256", "kind", "bot_id", "created_at"),
    "inbox_update": (
        "update_id", "bot_id", "chat_id", "payload", "received_at", "status", "attempts",
        "handled_at",
    ),
    "outbox_message": (
        "id", "chat_id", "payload", "status", "attempts", "next_attempt_at", "created_at",
        "sent_at",
    ),
}  # fmt: skip
JSON_COLUMNS = {"data", "payload"}
FIRST_CITIZEN = 2  # bench.sla_data._reference writes citizen 1


def _age(rnd: random.Random, old: bool, period: timedelta, span: timedelta) -> timedelta:
    """How long ago something finished: past `period` (old) or within it."""
    if old:
        return period + timedelta(seconds=rnd.uniform(3600, span.total_seconds()))
    return timedelta(seconds=rnd.uniform(60, period.total_seconds() - 3600))


def rows(n: int, seed: int = 11) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for the whole city, in an order the foreign keys accept."""
    rnd = random.Random(seed)
    personal = timedelta(days=731)
    citizens = n // PER_CITIZEN + 1
    for i in range(citizens):
        cid = FIRST_CITIZEN + i
        yield "citizen", {
            "id": cid, "telegram_id": 10_000_000 + cid, "chat_id": 10_000_000 + cid,
            "name": f"Warga {cid}", "created_at": NOW - timedelta(days=2500),
            "username": f"warga{cid}", "language": "id", "phone": f"+62812{cid:07d}",
            "banned": False, "unreachable": False, "channel": "telegram",
            "external_id": str(10_000_000 + cid),
        }  # fmt: skip
    for i in range(1, n + 1):
        closed = NOW - _age(rnd, rnd.random() < OLD_SHARE, personal, timedelta(days=1400))
        created = closed - timedelta(hours=rnd.uniform(4, 400))
        cid = FIRST_CITIZEN + (i - 1) // PER_CITIZEN
        yield "ticket", {
            "id": i, "code": f"ADU-{i:07d}", "citizen_id": cid, "category_id": 1 + i % 10,
            "description": f"Jalan rusak di depan rumah nomor {i}, mohon segera diperbaiki.",
            "status": "closed", "created_at": created, "updated_at": closed,
            "latitude": rnd.uniform(-7.59, -7.53), "longitude": rnd.uniform(110.77, 110.87),
            "address": f"Jalan Kenanga {i}", "share_name": False, "public": True,
            "contact_phone": f"+62812{cid:07d}", "reminded_pct": 0,
            "verified_at": created + timedelta(hours=1), "resolved_at": closed,
            "closed_at": closed, "reopen_count": 0, "solved": True,
            "rating": rnd.randint(1, 5), "rating_comment": "terima kasih", "version": 3,
        }  # fmt: skip
        yield "ticket_event", {
            "id": i, "ticket_id": i, "at": created, "actor_role": "citizen",
            "action": "citizen_add_info", "public": True, "actor_id": cid,
            "text": "ini foto dari sisi timur", "data": {"photos": 0},
        }  # fmt: skip
        if i % PHOTO_EVERY == 0:
            sha = f"{i:064x}"
            yield "attachment", {
                "id": i // PHOTO_EVERY, "ticket_id": i, "file_id": f"AgAD{i}",
                "created_at": created, "kind": "photo", "file_unique_id": f"u{i}",
                "uploaded_by_role": "citizen", "sha256": sha, "size": 90_000,
                "mime_type": "image/jpeg",
            }  # fmt: skip
            yield "evidence_file", {
                "file_id": f"AgAD{i}", "sha256": sha, "kind": "photo", "bot_id": 1,
                "created_at": created,
            }  # fmt: skip
        chat = 10_000_000 + cid
        handled = NOW - _age(rnd, rnd.random() < OLD_SHARE, timedelta(days=7), timedelta(days=60))
        yield "inbox_update", {
            "update_id": i, "bot_id": 1, "chat_id": chat, "received_at": handled,
            "payload": {"update_id": i, "message": {"chat": {"id": chat}, "text": "/my"}},
            "status": "done", "attempts": 1, "handled_at": handled,
        }  # fmt: skip
        sent = NOW - _age(rnd, rnd.random() < OLD_SHARE, timedelta(days=30), timedelta(days=90))
        yield "outbox_message", {
            "id": i, "chat_id": chat, "payload": {"chat_id": chat, "text": "Pengaduan diterima"},
            "status": "sent", "attempts": 1, "next_attempt_at": sent, "created_at": sent,
            "sent_at": sent,
        }  # fmt: skip


@asynccontextmanager
async def old_city(backend: str, n: int) -> AsyncIterator[Database]:
    """A migrated database holding the city, on the machinery clock NOW; removed after."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="aduan-bench-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            await upgrade(url)
            db = Database(url, clock=FakeClock(NOW))
            try:
                await _reference(db)
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
        db = Database(PG_URL, schema=schema, clock=FakeClock(NOW))
        try:
            await _reference(db)
            await _copy(admin, schema, n)
            await admin.execute(f'SET search_path TO "{schema}"; ANALYZE; RESET search_path')
            yield db
        finally:
            await db.dispose()
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()


async def _fill_sqlite(db: Database, n: int, batch: int = 50_000) -> None:
    pending: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}

    async def flush() -> None:
        async with db.engine.begin() as conn:
            for table, values in pending.items():
                if values:
                    columns = COLUMNS[table]
                    marks = ", ".join("?" for _ in columns)
                    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
                    await conn.exec_driver_sql(sql, values)
                    values.clear()

    for count, (table, row) in enumerate(rows(n), start=1):
        pending[table].append(tuple(_sqlite(c, row[c]) for c in COLUMNS[table]))
        if count % batch == 0:
            await flush()
    await flush()
    async with db.engine.begin() as conn:
        await conn.exec_driver_sql("ANALYZE")


def _sqlite(column: str, value: Any) -> Any:
    return json.dumps(value) if column in JSON_COLUMNS else _sqlite_value(value)


async def _copy(conn: asyncpg.Connection, schema: str, n: int, batch: int = 50_000) -> None:
    pending: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}

    async def flush() -> None:
        for table, values in pending.items():
            if values:
                await conn.copy_records_to_table(
                    table, schema_name=schema, records=values, columns=COLUMNS[table]
                )
                values.clear()

    for count, (table, row) in enumerate(rows(n), start=1):
        values = tuple(json.dumps(row[c]) if c in JSON_COLUMNS else row[c] for c in COLUMNS[table])
        pending[table].append(values)
        if count % batch == 0:
            await flush()
    await flush()
