"""The admin audit log keeps every entry as written, in order, readable by period, and offers
no way to change or remove one: on the in-memory fake, SQLite and PostgreSQL alike."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.audit import AuditAction, Operator, record_action
from domain.model import AuditEntry
from domain.ports import UnitOfWork
from domain.roles import Role
from domain.usecases import Actor
from storage.repositories.audit import SqlAuditLog
from tests.fake_repos import AuditRepo

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
ADMIN = Actor(Role.ADMIN, 7, 1, "Sari Admin")
READS = {"between", "recent", "count"}


async def test_entries_keep_what_was_written_in_append_order(
    uow_factory: Callable[[], UnitOfWork],
) -> None:
    async with uow_factory() as uow:
        ban = await record_action(
            uow,
            ADMIN,
            AuditAction.CITIZEN_BAN,
            "citizen:12",
            at=T0,
            before={"banned": False},
            after={"banned": True},
        )
        shown = await record_action(
            uow,
            ADMIN,
            AuditAction.CITIZEN_DATA_SHOWN,
            "citizen:12",
            at=T0 + timedelta(minutes=1),
            after={"ticket": "ADU-7K3Q9X", "fields": ["name", "phone"], "note": "Ünïcode ✓"},
        )
        seeded = await record_action(
            uow, Operator("root"), AuditAction.CITY_SEED, "city", at=T0 + timedelta(hours=1)
        )
        await uow.commit()
    assert ban.id is not None and shown.id is not None and seeded.id is not None
    assert ban.id < shown.id < seeded.id
    async with uow_factory() as uow:
        found = await uow.audit.between(T0, T0 + timedelta(days=1))
    assert found == [ban, shown, seeded]
    assert found[0].actor_role == "admin" and found[0].actor_id == 7
    assert found[0].actor_name == "Sari Admin"
    assert found[1].after == {
        "ticket": "ADU-7K3Q9X",
        "fields": ["name", "phone"],
        "note": "Ünïcode ✓",
    }
    assert (found[2].actor_role, found[2].actor_id, found[2].actor_name) == (
        "operator",
        None,
        "root",
    )
    assert found[0].at == T0 and found[0].at.utcoffset() == timedelta(0)


async def test_a_period_is_half_open_and_pages_by_id(uow_factory: Callable[[], UnitOfWork]) -> None:
    async with uow_factory() as uow:
        for hour in range(6):
            await record_action(
                uow, ADMIN, AuditAction.QUEUE_VIEW, "queue", at=T0 + timedelta(hours=hour)
            )
        await uow.commit()
    async with uow_factory() as uow:
        window = await uow.audit.between(T0 + timedelta(hours=1), T0 + timedelta(hours=5))
        first = await uow.audit.between(T0, T0 + timedelta(days=1), limit=4)
        rest = await uow.audit.between(T0, T0 + timedelta(days=1), after_id=first[-1].id or 0)
    assert [e.at for e in window] == [T0 + timedelta(hours=h) for h in (1, 2, 3, 4)]
    assert len(first) == 4 and len(rest) == 2
    assert [e.id for e in first + rest] == sorted({e.id for e in first + rest})
    async with uow_factory() as uow:
        newest = await uow.audit.recent(T0, T0 + timedelta(hours=5), limit=2)
        assert await uow.audit.count(T0 + timedelta(hours=1), T0 + timedelta(hours=5)) == 4
    assert [e.at for e in newest] == [T0 + timedelta(hours=4), T0 + timedelta(hours=3)]


async def test_an_entry_rolls_back_with_the_change_it_records(
    uow_factory: Callable[[], UnitOfWork],
) -> None:
    async with uow_factory() as uow:
        await record_action(uow, ADMIN, AuditAction.STAFF_REMOVE, "staff:3", at=T0)
    async with uow_factory() as uow:  # never committed
        assert await uow.audit.between(T0, T0 + timedelta(days=1)) == []


def public_methods(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if name[0] != "_"}


def test_the_log_offers_no_way_to_change_or_remove_an_entry() -> None:
    assert public_methods(SqlAuditLog) == READS | {"record"}
    # The fake inherits generic row storage; the domain's port is what handlers may call.
    assert READS | {"record"} <= public_methods(AuditRepo)
    # Nothing in storage/ writes the audit table except the repository's insert.
    writers = []
    for path in (ROOT / "storage").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"audit_log|AuditLogRow|AUDIT\b", text) and re.search(
            r"\b(update|delete)\(|\.update\(|\.delete\(|UPDATE |DELETE ", text
        ):
            writers.append(path.relative_to(ROOT).as_posix())
    assert writers == []


def test_the_port_has_no_update_or_delete() -> None:
    from domain.ports import AuditLog

    assert public_methods(AuditLog) == READS | {"record"}
    assert AuditEntry.__dataclass_fields__.keys() >= {"actor_role", "action", "target", "before"}
