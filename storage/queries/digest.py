"""What a daily digest lists: one agency's open shares (or the unit's verification queue).

Both read through an index on (agency_id, status, deadline) or (status, deadline), so a digest
costs the size of one agency's open work, not of the whole ticket table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from domain.status import ACTIVE_ASSIGNMENT_STATUSES, TicketStatus
from storage.tables import AssignmentRow, TicketRow, table_of
from storage.uow import SqlUnitOfWork

TICKETS = table_of(TicketRow)
ASSIGNMENTS = table_of(AssignmentRow)
UNIT_QUEUE = (TicketStatus.SUBMITTED.value, TicketStatus.ON_HOLD.value)


@dataclass(frozen=True)
class OpenWork:
    code: str
    status: str
    deadline: datetime | None
    paused: bool
    filed_at: datetime


async def open_shares(uow: SqlUnitOfWork, agency_id: int) -> list[OpenWork]:
    """The agency's live assignments with their ticket's code, earliest deadline first."""
    a, t = ASSIGNMENTS, TICKETS
    result = await uow.session.execute(
        select(a.c.status, a.c.deadline, a.c.paused_at, t.c.code, t.c.created_at)
        .join(t, t.c.id == a.c.ticket_id)
        .where(
            a.c.agency_id == agency_id,
            a.c.status.in_([s.value for s in ACTIVE_ASSIGNMENT_STATUSES]),
        )
        .order_by(a.c.deadline, a.c.id)
    )
    return [
        OpenWork(r.code, r.status, r.deadline, r.paused_at is not None, r.created_at)
        for r in result
    ]


async def open_verifications(uow: SqlUnitOfWork) -> list[OpenWork]:
    """The complaint unit's own queue: submitted and on-hold tickets."""
    t = TICKETS
    result = await uow.session.execute(
        select(t.c.status, t.c.deadline, t.c.paused_at, t.c.code, t.c.created_at)
        .where(t.c.status.in_(UNIT_QUEUE))
        .order_by(t.c.deadline, t.c.id)
    )
    return [
        OpenWork(r.code, r.status, r.deadline, r.paused_at is not None, r.created_at)
        for r in result
    ]
