"""The period's tickets as flat rows for CSV/XLSX exports, read in id-ordered chunks.

Chunks keep memory flat for a year of tickets and let the CLI show progress. Only what a
report reader needs: no citizen identity, phone, description or location (DESIGN: privacy).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from storage.tables import AgencyRow, AssignmentRow, CategoryRow, TicketRow, table_of
from storage.uow import SqlUnitOfWork

TICKETS = table_of(TicketRow)
ASSIGNMENTS = table_of(AssignmentRow)
AGENCIES = table_of(AgencyRow)
CATEGORIES = table_of(CategoryRow)

COLUMNS = (
    "code",
    "created_at",
    "category",
    "status",
    "agencies",
    "verified_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "solved",
    "rating",
    "reopen_count",
)


async def count_tickets(uow: SqlUnitOfWork, start: datetime, end: datetime) -> int:
    t = TICKETS
    result = await uow.session.execute(
        select(func.count()).where(t.c.created_at >= start, t.c.created_at < end)
    )
    return int(result.scalar_one())


async def export_rows(
    uow: SqlUnitOfWork, start: datetime, end: datetime, *, chunk: int = 2000
) -> AsyncIterator[list[dict[str, Any]]]:
    """Yield lists of row dicts (keys: COLUMNS), tickets in filing order."""
    t, c = TICKETS, CATEGORIES
    agencies = {r.id: r.name for r in await uow.session.execute(select(AGENCIES))}
    after = 0
    while True:
        rows = (
            await uow.session.execute(
                select(
                    t.c.id,
                    t.c.code,
                    t.c.created_at,
                    c.c.name.label("category"),
                    t.c.status,
                    t.c.verified_at,
                    t.c.first_response_at,
                    t.c.resolved_at,
                    t.c.closed_at,
                    t.c.solved,
                    t.c.rating,
                    t.c.reopen_count,
                )
                .join(c, c.c.id == t.c.category_id)
                .where(t.c.created_at >= start, t.c.created_at < end, t.c.id > after)
                .order_by(t.c.id)
                .limit(chunk)
            )
        ).all()
        if not rows:
            return
        after = rows[-1].id
        shares: dict[int, list[str]] = defaultdict(list)
        for share in await uow.session.execute(
            select(ASSIGNMENTS.c.ticket_id, ASSIGNMENTS.c.agency_id)
            .where(ASSIGNMENTS.c.ticket_id.in_([r.id for r in rows]))
            .order_by(ASSIGNMENTS.c.id)
        ):
            name = agencies.get(share.agency_id, "?")
            if name not in shares[share.ticket_id]:
                shares[share.ticket_id].append(name)
        yield [
            {
                **{k: getattr(r, k) for k in COLUMNS if k != "agencies"},
                "agencies": ", ".join(shares.get(r.id, [])),
            }
            for r in rows
        ]
