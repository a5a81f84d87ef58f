"""Outbox rows that should have left long ago: for the dead-letter report and the retry.

Outbox times are machinery time (the database's clock), like the sender's; the caller passes
that clock's `now`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from storage.queries.common import rowcount
from storage.tables import OutboxMessageRow, table_of
from storage.uow import SqlUnitOfWork

OUTBOX = table_of(OutboxMessageRow)
UNSENT = ("pending", "sending")


@dataclass(frozen=True)
class StuckRow:
    id: int
    chat_id: int
    status: str
    attempts: int
    error: str | None
    created_at: datetime


async def stuck_rows(uow: SqlUnitOfWork, older_than: datetime, limit: int = 50) -> list[StuckRow]:
    """Unsent rows queued before `older_than`, oldest first."""
    o = OUTBOX
    result = await uow.session.execute(
        select(o.c.id, o.c.chat_id, o.c.status, o.c.attempts, o.c.error, o.c.created_at)
        .where(o.c.status.in_(UNSENT), o.c.created_at < older_than)
        .order_by(o.c.id)
        .limit(limit)
    )
    return [StuckRow(r.id, r.chat_id, r.status, r.attempts, r.error, r.created_at) for r in result]


async def retry_abandoned(uow: SqlUnitOfWork, lease_ended_before: datetime, now: datetime) -> int:
    """Rows left `sending` by a sender that died: due again now (the claim would also retake
    them; this makes it explicit and immediate)."""
    o = OUTBOX
    return await rowcount(
        uow,
        update(o)
        .where(o.c.status == "sending", o.c.locked_until < lease_ended_before)
        .values(status="pending", next_attempt_at=now, locked_by=None, locked_until=None),
    )
