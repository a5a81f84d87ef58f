"""The admin audit log's SQL side: insert and read, and deliberately nothing else.

There is no update and no delete here, and nothing in storage/ may add one: an entry, once
committed, stays as written (tests/contract/test_audit_log.py checks the repository's surface).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from domain.model import AuditEntry
from storage.mapping import RecordMapper
from storage.repositories.base import SqlContext
from storage.tables import AuditLogRow, table_of

AUDIT = RecordMapper(AuditEntry, table_of(AuditLogRow))


class SqlAuditLog:
    """domain.ports.AuditLog on the unit of work's session."""

    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx
        self._table = AUDIT.table

    async def record(self, entry: AuditEntry) -> AuditEntry:
        result = await self._ctx.execute(
            self._table.insert().values(**AUDIT.to_values(entry)).returning(self._table.c.id)
        )
        entry.id = int(result.scalar_one())
        return entry

    async def between(
        self, start: datetime, end: datetime, *, after_id: int = 0, limit: int = 500
    ) -> list[AuditEntry]:
        t = self._table
        stmt = (
            select(t)
            .where(t.c.at >= start, t.c.at < end, t.c.id > after_id)
            .order_by(t.c.id)
            .limit(limit)
        )
        result = await self._ctx.execute(stmt)
        return [AUDIT.from_row(row) for row in result.mappings()]

    async def recent(self, start: datetime, end: datetime, *, limit: int = 50) -> list[AuditEntry]:
        t = self._table
        stmt = select(t).where(t.c.at >= start, t.c.at < end).order_by(t.c.id.desc()).limit(limit)
        result = await self._ctx.execute(stmt)
        return [AUDIT.from_row(row) for row in result.mappings()]

    async def count(self, start: datetime, end: datetime) -> int:
        t = self._table
        stmt = select(func.count()).select_from(t).where(t.c.at >= start, t.c.at < end)
        return int((await self._ctx.execute(stmt)).scalar_one())
