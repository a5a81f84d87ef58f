"""Job markers: "the digest for agency 3 on 2026-11-05 is done".

The marker is claimed in the same transaction as the messages it stands for, so either both
exist or neither does; a unique (kind, key) makes a second claim (a retry, a second leader in a
split second) find nothing to do.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from storage.queries.common import dialect_insert, rowcount
from storage.tables import JobMarkRow, table_of
from storage.uow import SqlUnitOfWork

MARKS = table_of(JobMarkRow)


async def claim_mark(uow: SqlUnitOfWork, kind: str, key: str, at: datetime) -> bool:
    """True if this call created the marker (do the job); False if it already existed."""
    stmt = dialect_insert(uow, MARKS).values(kind=kind, key=key, at=at)
    stmt = stmt.on_conflict_do_nothing(index_elements=[MARKS.c.kind, MARKS.c.key])
    return await rowcount(uow, stmt) == 1


async def has_mark(uow: SqlUnitOfWork, kind: str, key: str) -> bool:
    result = await uow.session.execute(
        select(MARKS.c.id).where(MARKS.c.kind == kind, MARKS.c.key == key)
    )
    return result.first() is not None


async def purge_marks(uow: SqlUnitOfWork, before: datetime) -> int:
    """Markers older than any window a job could still look back to."""
    return await rowcount(uow, delete(MARKS).where(MARKS.c.at < before))
