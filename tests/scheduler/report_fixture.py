"""A hand-counted week of 30 complaints (Mon 2 – Sun 8 November 2026, Jakarta time) for the
report tests; the expected numbers are in test_report.py, worked out by hand from this table.

Shares are (agency, status, created, first response, resolved, deadline, paused, breached).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.model import Assignment, Ticket
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from storage.queries.sla import log_reminder
from tests.usecases.world import World, wib

H = timedelta(hours=1)
ROADS, ENV = "roads", "env"


@dataclass
class S:  # a share
    agency: str
    status: str
    created: datetime
    fr: datetime | None = None
    resolved: datetime | None = None
    deadline: datetime | None = None
    paused: bool = False
    breached: bool = False


@dataclass
class T:  # a ticket
    code: str
    category: str  # road | trash | misc
    status: str
    created: datetime
    fr: datetime | None = None
    resolved: datetime | None = None
    solved: bool | None = None
    rating: int | None = None
    reopens: int = 0
    deadline: datetime | None = None  # the unit's verify clock
    paused: bool = False
    shares: list[S] = field(default_factory=list)


def _closed_road(code: str, created: datetime, fr_h: float, res_h: float, rating: int) -> T:
    fr, res = created + fr_h * H, created + res_h * H
    return T(
        code,
        "road",
        "closed",
        created,
        fr,
        res,
        True,
        rating,
        shares=[S(ROADS, "closed", created, fr, res)],
    )


def _closed_trash(
    code: str,
    created: datetime,
    solved: bool | None,
    rating: int | None = None,
    reopens: int = 0,
    breached: bool = False,
) -> T:
    fr, res = created + H, created + 48 * H
    return T(
        code,
        "trash",
        "closed",
        created,
        fr,
        res,
        solved,
        rating,
        reopens,
        shares=[S(ENV, "closed", created, fr, res, breached=breached)],
    )


def week() -> list[T]:
    mon, tue, wed = wib(2, 9), wib(3, 9), wib(4, 9)
    tickets = [
        _closed_road("R1", mon, 2, 24, 5),
        _closed_road("R2", mon, 2, 24, 4),
        _closed_road("R3", mon, 2, 24, 5),
        _closed_road("R4", tue, 4, 24, 4),
        _closed_road("R5", tue, 4, 24, 5),
        _closed_road("R6", tue, 30, 48, 3),
        T(
            "R7",
            "road",
            "resolved",
            wed,
            wed + 2 * H,
            wed + 72 * H,
            reopens=1,
            shares=[S(ROADS, "resolved", wed, wed + 2 * H, wed + 72 * H, breached=True)],
        ),
        T(
            "R8",
            "road",
            "in_progress",
            wed,
            wed + 2 * H,
            shares=[S(ROADS, "in_progress", wed, wed + 2 * H, deadline=wib(6, 9), breached=True)],
        ),
        T(
            "R9",
            "road",
            "need_info",
            wed,
            wed + 2 * H,
            shares=[S(ROADS, "need_info", wed, wed + 2 * H, deadline=wib(5, 9), paused=True)],
        ),
        T(
            "R10",
            "road",
            "dispatched",
            wib(8, 10),
            shares=[S(ROADS, "dispatched", wib(8, 10), deadline=wib(10, 10))],
        ),
        T(
            "M1",
            "road",
            "in_progress",
            wib(5, 9),
            wib(5, 11),
            shares=[
                S(ROADS, "resolved", wib(5, 9), wib(5, 11), wib(6, 9)),
                S(ENV, "in_progress", wib(5, 9), wib(5, 15), deadline=wib(9, 12)),
            ],
        ),
        T(
            "H1",
            "misc",
            "dispatched",
            wib(6, 9),
            shares=[
                S(ROADS, "handed_back", wib(6, 9)),
                S(ENV, "dispatched", wib(6, 12), deadline=wib(8, 12)),
            ],
        ),
    ]
    for i, rating in enumerate((2, 3, 4, 5), 1):
        tickets.append(
            _closed_trash(
                f"E{i}", wib(2, 10), True, rating, reopens=2 if i == 2 else 0, breached=i == 3
            )
        )
    for i in (5, 6):
        tickets.append(_closed_trash(f"E{i}", wib(5, 10), True))
    for i in (7, 8):
        tickets.append(_closed_trash(f"E{i}", wib(5, 10), None))  # auto-closed
    for i in (9, 10):
        tickets.append(
            T(
                f"E{i}",
                "trash",
                "in_progress",
                wib(6, 10),
                wib(6, 11),
                shares=[S(ENV, "in_progress", wib(6, 10), wib(6, 11), deadline=wib(13, 11))],
            )
        )
    for i in (11, 12):
        tickets.append(
            T(
                f"E{i}",
                "trash",
                "dispatched",
                wib(7, 10),
                shares=[S(ENV, "dispatched", wib(7, 10), deadline=wib(9, 10))],
            )
        )
    tickets += [
        T("U1", "misc", "submitted", wib(8, 20), deadline=wib(9, 16)),
        T("U2", "misc", "submitted", wib(5, 9), deadline=wib(6, 9)),
        T("U3", "misc", "on_hold", wib(4, 12), deadline=wib(5, 12), paused=True),
        T("U4", "misc", "rejected", wib(3, 12)),
        T("U5", "misc", "rejected", wib(6, 12)),
        T("U6", "misc", "cancelled", wib(4, 14)),
        # Outside the week: X1 is filed before it but resolved inside; X2 is filed after it.
        T("X1", "road", "closed", wib(1, 23), wib(2, 9), wib(2, 10), True),
        T("X2", "road", "submitted", wib(9, 0, 30), deadline=wib(9, 16)),
    ]
    return tickets


async def load_week(world: World) -> None:
    categories = {
        "road": world.road_category,
        "trash": world.trash_category,
        "misc": world.misc_category,
    }
    agencies = {ROADS: world.roads, ENV: world.env}
    async with world.factory() as uow:
        for t in week():
            ticket = await uow.tickets.add(
                Ticket(
                    code=f"ADU-{t.code}",
                    citizen_id=world.citizen.id or 0,
                    category_id=categories[t.category].id or 0,
                    description="-",
                    status=TicketStatus(t.status),
                    created_at=t.created,
                    updated_at=t.created,
                    stage=SlaStage.VERIFY if t.deadline else None,
                    stage_started_at=t.created if t.deadline else None,
                    deadline=t.deadline,
                    paused_at=t.created + H if t.paused else None,
                    first_response_at=t.fr,
                    resolved_at=t.resolved,
                    solved=t.solved,
                    rating=t.rating,
                    reopen_count=t.reopens,
                )
            )
            for s in t.shares:
                share = await uow.assignments.add(
                    Assignment(
                        ticket_id=ticket.id or 0,
                        agency_id=agencies[s.agency].id or 0,
                        status=AssignmentStatus(s.status),
                        created_at=s.created,
                        stage=SlaStage.RESOLVE if s.deadline else None,
                        stage_started_at=s.created if s.deadline else None,
                        deadline=s.deadline,
                        paused_at=s.created + H if s.paused else None,
                        first_response_at=s.fr,
                        resolved_at=s.resolved,
                    )
                )
                for pct in (50, 100) if s.breached else (50,):
                    await log_reminder(
                        uow,
                        ticket_id=ticket.id or 0,
                        assignment_id=share.id,
                        agency_id=share.agency_id,
                        stage="resolve",
                        pct=pct,
                        due_at=s.created,
                        sent_at=s.created,
                    )
        await uow.commit()
