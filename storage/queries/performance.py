"""The facts the public dashboard and league table are computed from (web/figures.py).

Every complaint counts here, public or not: these are statistics, with no content and no
person in them. Each fact carries the instants of the lifecycle (filed, verified, first response,
resolved, closed) so the arithmetic can attribute each to the month it happened in.

Two range scans over indexed columns (ticket.created_at, ticket.resolved_at) find the tickets
of the window; a month's margin before it catches tickets filed earlier whose later steps fall
inside. "Late" means an SLA escalation (≥ 100 %) of the resolve stage was sent, the same
record the weekly report counts as a missed deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select

from storage.tables import AssignmentRow, SlaReminderRow, TicketRow, table_of
from storage.uow import SqlUnitOfWork

TICKETS = table_of(TicketRow)
SHARES = table_of(AssignmentRow)
REMINDERS = table_of(SlaReminderRow)
MARGIN = timedelta(days=31)


@dataclass(frozen=True)
class TicketTimes:
    id: int
    status: str
    created_at: datetime
    verified_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    solved: bool | None
    rating: int | None
    reopen_count: int
    late: bool


@dataclass(frozen=True)
class ShareTimes:
    ticket_id: int
    agency_id: int
    status: str
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    late: bool
    # The ticket's answers, for the agency's rating and reopen rate.
    closed_at: datetime | None
    solved: bool | None
    rating: int | None
    reopen_count: int


@dataclass
class PerformanceFacts:
    tickets: list[TicketTimes]
    shares: list[ShareTimes]


def _in_window(since: datetime) -> ColumnElement[bool]:
    t = TICKETS
    return or_(t.c.created_at >= since, t.c.resolved_at >= since)


async def performance_facts(uow: SqlUnitOfWork, since: datetime) -> PerformanceFacts:
    t, s, r = TICKETS, SHARES, REMINDERS
    start = since - MARGIN
    ticket_late = exists().where(r.c.ticket_id == t.c.id, r.c.stage == "resolve", r.c.pct >= 100)
    rows: Any = await uow.session.execute(
        select(
            t.c.id,
            t.c.status,
            t.c.created_at,
            t.c.verified_at,
            t.c.first_response_at,
            t.c.resolved_at,
            t.c.closed_at,
            t.c.solved,
            t.c.rating,
            t.c.reopen_count,
            ticket_late.label("late"),
        ).where(_in_window(start))
    )
    tickets = [
        TicketTimes(
            r.id,
            r.status,
            r.created_at,
            r.verified_at,
            r.first_response_at,
            r.resolved_at,
            r.closed_at,
            r.solved,
            r.rating,
            r.reopen_count,
            bool(r.late),
        )
        for r in rows
    ]
    share_late = exists().where(r.c.assignment_id == s.c.id, r.c.stage == "resolve", r.c.pct >= 100)
    rows = await uow.session.execute(
        select(
            s.c.ticket_id,
            s.c.agency_id,
            s.c.status,
            s.c.created_at,
            s.c.first_response_at,
            s.c.resolved_at,
            share_late.label("late"),
            t.c.closed_at,
            t.c.solved,
            t.c.rating,
            t.c.reopen_count,
        )
        .join(t, t.c.id == s.c.ticket_id)
        .where(_in_window(start), s.c.status != "handed_back")
    )
    shares = [
        ShareTimes(
            r.ticket_id,
            r.agency_id,
            r.status,
            r.created_at,
            r.first_response_at,
            r.resolved_at,
            bool(r.late),
            r.closed_at,
            r.solved,
            r.rating,
            r.reopen_count,
        )
        for r in rows
    ]
    return PerformanceFacts(tickets, shares)
