"""What the retention job reads and purges, a bounded batch per call (scheduler/retention.py).

Each function touches at most `limit` rows, found through an index range in the order they
expire, so one call is one short transaction however large the table: the job loops until a
call returns less than `limit`, letting the bot's own writers in between calls.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select, tuple_

from domain.status import FINAL_STATUSES
from storage.erasure import ATTACHMENTS, CITIZENS, DRAFTS, FILES, LINKS, PURGE, TICKETS
from storage.queries.common import rowcount
from storage.tables import EvidenceDownloadRow, table_of
from storage.uow import SqlUnitOfWork

DOWNLOADS = table_of(EvidenceDownloadRow)
FINAL = sorted(s.value for s in FINAL_STATUSES)


def due_tickets_query(cutoff: datetime, limit: int) -> Select[Any]:
    """Finished complaints closed before `cutoff` whose personal data is still there, oldest
    first: an index range on ticket (erased_at, closed_at)."""
    t = TICKETS
    # Only finished tickets have a closed_at; the status is checked as well, but through a
    # function, so that SQLite (which has no statistics unless told to ANALYZE) never walks
    # the (status, deadline) index instead: that would read every finished ticket and sort.
    finished = func.coalesce(t.c.status, "").in_(FINAL)
    return (
        select(t.c.id)
        .where(t.c.erased_at.is_(None), t.c.closed_at < cutoff, finished)
        .order_by(t.c.closed_at)  # the index's own order: no sort, however many are due
        .limit(limit)
    )


async def due_tickets(uow: SqlUnitOfWork, cutoff: datetime, limit: int) -> list[int]:
    result = await uow.session.execute(due_tickets_query(cutoff, limit))
    return list(result.scalars())


def old_people_query(
    cutoff: datetime, limit: int, after: tuple[datetime, int] | None = None
) -> Select[Any]:
    """People not erased and known since before `cutoff`, oldest first from `after`
    (created_at, id): the first rows of an ordered range of the partial index on citizen
    (created_at, id) where erased_at IS NULL. Whether they still need keeping is asked
    separately, for this page only (`to_forget`)."""
    c = CITIZENS
    where = [c.c.erased_at.is_(None), c.c.created_at < cutoff]
    if after is not None:
        where.append(tuple_(c.c.created_at, c.c.id) > tuple_(*after))
    return (
        select(c.c.id, c.c.created_at).where(*where).order_by(c.c.created_at, c.c.id).limit(limit)
    )


async def old_people(
    uow: SqlUnitOfWork, cutoff: datetime, limit: int, after: tuple[datetime, int] | None = None
) -> list[tuple[datetime, int]]:
    """(created_at, id) of the next page; the last one is the next `after`."""
    result = await uow.session.execute(old_people_query(cutoff, limit, after))
    return [(r.created_at, r.id) for r in result]


async def to_forget(uow: SqlUnitOfWork, citizen_ids: list[int]) -> list[int]:
    """Those of `citizen_ids` none of whose complaints still has personal data and who are not
    half-way through a new one: one probe of the ticket and draft indexes on citizen_id each
    (never an anti-join, which a planner may turn into reading every ticket)."""
    if not citizen_ids:
        return []
    live = await uow.session.execute(
        select(TICKETS.c.citizen_id)
        .where(TICKETS.c.citizen_id.in_(citizen_ids), TICKETS.c.erased_at.is_(None))
        .distinct()
    )
    writing = await uow.session.execute(
        select(DRAFTS.c.citizen_id).where(DRAFTS.c.citizen_id.in_(citizen_ids)).distinct()
    )
    keep = set(live.scalars()) | set(writing.scalars())
    return [i for i in citizen_ids if i not in keep]


def old_links_query(before: datetime, limit: int) -> Select[Any]:
    """Message ids older than `before` whose complaint is finished: a reply to such an old
    card or notice no longer needs to reach it (an index range on message_link.created_at)."""
    finished = exists().where(TICKETS.c.id == LINKS.c.ticket_id, TICKETS.c.status.in_(FINAL))
    return (
        select(LINKS.c.id)
        .where(LINKS.c.created_at < before, finished)
        .order_by(LINKS.c.created_at)
        .limit(limit)
    )  # walks the links by age, one primary-key probe of the ticket each


async def purge_links(uow: SqlUnitOfWork, before: datetime, limit: int) -> int:
    old = old_links_query(before, limit).scalar_subquery()
    return await rowcount(uow, LINKS.delete().where(LINKS.c.id.in_(old)))


def old_downloads_query(done_before: datetime, failed_before: datetime, limit: int) -> Select[Any]:
    """Finished downloads into the archive (the bytes stay in the store), and failed ones
    after the dead-letter period: index ranges on (status, next_attempt_at)."""
    d = DOWNLOADS
    return (
        select(d.c.id)
        .where(
            or_(
                and_(d.c.status == "done", d.c.next_attempt_at < done_before),
                and_(d.c.status == "failed", d.c.next_attempt_at < failed_before),
            )
        )
        .limit(limit)
    )


async def purge_downloads(
    uow: SqlUnitOfWork, done_before: datetime, failed_before: datetime, limit: int
) -> int:
    old = old_downloads_query(done_before, failed_before, limit).scalar_subquery()
    return await rowcount(uow, DOWNLOADS.delete().where(DOWNLOADS.c.id.in_(old)))


async def queued_blobs(uow: SqlUnitOfWork, limit: int) -> list[str]:
    """Archived photos waiting to be deleted from the store, oldest first."""
    result = await uow.session.execute(
        select(PURGE.c.sha256).order_by(PURGE.c.queued_at, PURGE.c.sha256).limit(limit)
    )
    return list(result.scalars())


async def still_needed(uow: SqlUnitOfWork, sha256: str) -> bool:
    """Whether an attachment names these bytes again (the same picture sent anew)."""
    result = await uow.session.execute(
        select(ATTACHMENTS.c.id).where(ATTACHMENTS.c.sha256 == sha256).limit(1)
    )
    return result.first() is not None


async def blob_purged(uow: SqlUnitOfWork, sha256: str, *, deleted: bool) -> None:
    """The store's copy is gone (or was kept because it is needed again): done with it."""
    if deleted:
        await uow.session.execute(FILES.delete().where(FILES.c.sha256 == sha256))
    await uow.session.execute(PURGE.delete().where(PURGE.c.sha256 == sha256))
