"""The facts a period report is computed from: the period's tickets, its agency shares, and
when tickets were resolved. Three range scans (ticket.created_at, assignment.created_at,
ticket.resolved_at) and two small name lookups; the arithmetic is scheduler.reports.stats'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, select

from storage.tables import (
    AgencyRow,
    AssignmentRow,
    CategoryRow,
    SlaReminderRow,
    TicketRow,
    table_of,
)
from storage.uow import SqlUnitOfWork

TICKETS = table_of(TicketRow)
ASSIGNMENTS = table_of(AssignmentRow)
REMINDERS = table_of(SlaReminderRow)
AGENCIES = table_of(AgencyRow)
CATEGORIES = table_of(CategoryRow)


@dataclass(frozen=True)
class TicketFact:
    id: int
    category_id: int
    status: str
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    stage: str | None
    deadline: datetime | None
    paused: bool
    solved: bool | None
    rating: int | None
    reopen_count: int


@dataclass(frozen=True)
class ShareFact:
    id: int
    ticket_id: int
    agency_id: int
    status: str
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    deadline: datetime | None
    paused: bool
    breached: bool  # an SLA escalation (≥ 100 %) was ever sent for this share
    solved: bool | None
    rating: int | None
    reopen_count: int


@dataclass
class PeriodFacts:
    tickets: list[TicketFact]
    shares: list[ShareFact]
    resolved_at: list[datetime]  # every ticket resolution inside the period
    agency_names: dict[int, str]
    category_names: dict[int, str]


def tickets_query(start: datetime, end: datetime) -> Select[Any]:
    t = TICKETS
    return select(
        t.c.id,
        t.c.category_id,
        t.c.status,
        t.c.created_at,
        t.c.first_response_at,
        t.c.resolved_at,
        t.c.stage,
        t.c.deadline,
        t.c.paused_at,
        t.c.solved,
        t.c.rating,
        t.c.reopen_count,
    ).where(t.c.created_at >= start, t.c.created_at < end)


def shares_query(start: datetime, end: datetime) -> Select[Any]:
    a, r = ASSIGNMENTS, REMINDERS
    breached = exists().where(r.c.assignment_id == a.c.id, r.c.pct >= 100)
    return select(
        a.c.id,
        a.c.ticket_id,
        a.c.agency_id,
        a.c.status,
        a.c.created_at,
        a.c.first_response_at,
        a.c.resolved_at,
        a.c.deadline,
        a.c.paused_at,
        breached.label("breached"),
    ).where(a.c.created_at >= start, a.c.created_at < end, a.c.status != "handed_back")


def answers_query(ticket_ids: list[int]) -> Select[Any]:
    """What citizens said on tickets filed before the period but dispatched inside it."""
    t = TICKETS
    return select(t.c.id, t.c.solved, t.c.rating, t.c.reopen_count).where(t.c.id.in_(ticket_ids))


def resolved_query(start: datetime, end: datetime) -> Select[Any]:
    t = TICKETS
    return select(t.c.resolved_at).where(t.c.resolved_at >= start, t.c.resolved_at < end)


async def period_facts(uow: SqlUnitOfWork, start: datetime, end: datetime) -> PeriodFacts:
    session = uow.session
    tickets = [
        TicketFact(
            r.id,
            r.category_id,
            r.status,
            r.created_at,
            r.first_response_at,
            r.resolved_at,
            r.stage,
            r.deadline,
            r.paused_at is not None,
            r.solved,
            r.rating,
            r.reopen_count,
        )
        for r in await session.execute(tickets_query(start, end))
    ]
    # No join for the citizens' answers: PostgreSQL would hash-join the whole ticket table.
    # Almost every share's ticket was filed in the period and is already in hand.
    answers = {t.id: (t.solved, t.rating, t.reopen_count) for t in tickets}
    rows = (await session.execute(shares_query(start, end))).all()
    missing = sorted({r.ticket_id for r in rows} - answers.keys())
    for chunk in range(0, len(missing), 1000):
        for r in await session.execute(answers_query(missing[chunk : chunk + 1000])):
            answers[r.id] = (r.solved, r.rating, r.reopen_count)
    shares = [
        ShareFact(
            r.id,
            r.ticket_id,
            r.agency_id,
            r.status,
            r.created_at,
            r.first_response_at,
            r.resolved_at,
            r.deadline,
            r.paused_at is not None,
            bool(r.breached),
            *answers.get(r.ticket_id, (None, None, 0)),
        )
        for r in rows
    ]
    resolved = list((await session.execute(resolved_query(start, end))).scalars())
    agencies = {r.id: r.name for r in await session.execute(select(AGENCIES.c.id, AGENCIES.c.name))}
    categories = {
        r.id: r.name for r in await session.execute(select(CATEGORIES.c.id, CATEGORIES.c.name))
    }
    return PeriodFacts(tickets, shares, resolved, agencies, categories)
