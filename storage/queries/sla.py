"""The SLA scan's query, and the log of reminders it sent.

The scan reads only clocks whose stored `next_reminder_at` has come: one statement, a range
scan on each table's `next_reminder_at` index merged by time. Its cost grows with the number of
reminders due, not with the number of tickets (DESIGN, performance notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, literal, select, union_all

from storage.tables import AssignmentRow, SlaReminderRow, TicketRow, table_of
from storage.uow import SqlUnitOfWork

TICKETS = table_of(TicketRow)
ASSIGNMENTS = table_of(AssignmentRow)
REMINDERS = table_of(SlaReminderRow)

TICKET, ASSIGNMENT = "ticket", "assignment"


@dataclass(frozen=True)
class DueClock:
    """A ticket's (verify) or an assignment's (first response, resolve) clock to look at."""

    kind: str  # ticket | assignment
    id: int
    at: datetime


def due_clocks_query(now: datetime, limit: int) -> Select[tuple[str, int, datetime]]:
    """Exposed for the benchmark's EXPLAIN; each branch is an index range scan with LIMIT."""
    branches = []
    for kind, table in ((TICKET, TICKETS), (ASSIGNMENT, ASSIGNMENTS)):
        branch = (
            select(
                literal(kind).label("kind"),
                table.c.id.label("id"),
                table.c.next_reminder_at.label("at"),
            )
            .where(table.c.next_reminder_at <= now, table.c.paused_at.is_(None))
            .order_by(table.c.next_reminder_at)
            .limit(limit)
        )
        branches.append(select(branch.subquery()))
    merged = union_all(*branches).subquery()
    return select(merged.c.kind, merged.c.id, merged.c.at).order_by(merged.c.at).limit(limit)


async def due_clocks(uow: SqlUnitOfWork, now: datetime, limit: int = 200) -> list[DueClock]:
    """Clocks with a reminder due at `now`, the longest-waiting first."""
    result = await uow.session.execute(due_clocks_query(now, limit))
    return [DueClock(row.kind, int(row.id), row.at) for row in result]


async def log_reminder(
    uow: SqlUnitOfWork,
    *,
    ticket_id: int,
    assignment_id: int | None,
    agency_id: int | None,
    stage: str,
    pct: int,
    due_at: datetime,
    sent_at: datetime,
) -> None:
    await uow.session.execute(
        REMINDERS.insert().values(
            ticket_id=ticket_id,
            assignment_id=assignment_id,
            agency_id=agency_id,
            stage=stage,
            pct=pct,
            due_at=due_at,
            sent_at=sent_at,
        )
    )


async def reminders_for_ticket(uow: SqlUnitOfWork, ticket_id: int) -> list[tuple[str, int]]:
    """(stage, pct) of every reminder sent about a ticket, in order: for audits and tests."""
    result = await uow.session.execute(
        select(REMINDERS.c.stage, REMINDERS.c.pct)
        .where(REMINDERS.c.ticket_id == ticket_id)
        .order_by(REMINDERS.c.id)
    )
    return [(row.stage, int(row.pct)) for row in result]
