"""The dashboard's arithmetic (web/figures.py), on hand-made facts: each step counted in its
own month, times in working hours of the city's calendar, SLA, ratings and reopenings."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from storage.queries.performance import PerformanceFacts, ShareTimes, TicketTimes
from web.figures import compute_performance, month_starts

JAKARTA = ZoneInfo("Asia/Jakarta")


def wib(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=JAKARTA).astimezone(UTC)


def ticket(**kw: object) -> TicketTimes:
    values: dict[str, object] = {
        "id": 1,
        "status": "closed",
        "created_at": wib(10, 30, 9),  # Friday 30 October, 09:00
        "verified_at": wib(10, 30, 11),
        "first_response_at": wib(11, 2, 9),  # Monday: 7 + 1 = 8 working hours later
        "resolved_at": wib(11, 3, 9),
        "closed_at": wib(11, 4, 9),
        "solved": True,
        "rating": 4,
        "reopen_count": 0,
        "late": False,
    }
    return TicketTimes(**(values | kw))  # type: ignore[arg-type]


def test_each_step_counts_in_its_own_month_in_working_hours() -> None:
    now = wib(11, 20, 12)
    facts = PerformanceFacts(
        tickets=[
            ticket(),
            ticket(
                id=2,
                created_at=wib(11, 2, 8),
                verified_at=wib(11, 2, 8),
                first_response_at=None,
                resolved_at=wib(11, 2, 12),
                closed_at=None,
                status="resolved",
                solved=None,
                rating=None,
                reopen_count=1,
                late=True,
            ),
        ],
        shares=[
            ShareTimes(
                1,
                7,
                "closed",
                wib(10, 30, 11),
                wib(11, 2, 9),
                wib(11, 3, 9),
                False,
                wib(11, 4, 9),
                True,
                4,
                0,
            ),
        ],
    )
    performance = compute_performance(facts, now, WorkingCalendar(), [7, 8])
    assert performance.months[-1] == (2026, 11) and len(performance.months) == 12
    october = performance.city.by_month[(2026, 10)]
    november = performance.city.this_month
    assert (october.filed, october.verified, october.resolved) == (1, 1, 0)
    assert october.verify_hours == [2.0]
    assert (november.filed, november.verified, november.resolved, november.confirmed) == (
        1,
        1,
        2,
        1,
    )
    assert november.verify_hours == []  # auto-verified on filing: no one's time
    assert november.response_hours == [8.0]  # Fri 09:00 → Mon 09:00 is one working day
    assert sorted(november.resolve_hours) == [4.0, 16.0]
    assert november.in_time_pct == 50.0 and november.reopen_pct == 50.0
    assert november.mean_rating == 4.0
    window = performance.city.window
    assert (window.filed, window.resolved) == (2, 2)
    agency = performance.agencies[7].this_month
    assert agency.response_hours == [6.0] and agency.resolve_hours == [14.0]
    assert agency.confirmed == 1 and agency.in_time_pct == 100.0
    assert performance.agencies[8].window.filed == 0  # listed, with nothing to show yet


def test_the_window_is_twelve_calendar_months_in_city_time() -> None:
    first_of_december_local = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 1 Dec 00:30 WIB
    months = month_starts(first_of_december_local, JAKARTA)
    assert months[0] == (2026, 1) and months[-1] == (2026, 12)
