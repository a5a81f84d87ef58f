"""The report's O(1) office-time ruler agrees with the working calendar, instant for instant."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from domain.calendar import WorkingCalendar
from scheduler.reports.office_time import OfficeTime


def test_office_time_matches_the_calendar_over_weekends_and_holidays() -> None:
    calendar = WorkingCalendar(extra_holidays=[date(2026, 12, 24)])
    office = OfficeTime(calendar)
    rnd = random.Random(3)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    for _ in range(2000):
        a = start + timedelta(minutes=rnd.randrange(0, 60 * 24 * 45))
        b = a + timedelta(minutes=rnd.randrange(-600, 60 * 24 * 12))
        assert office.between(a, b) == calendar.working_time_between(a, b), (a, b)
    earlier = datetime(2026, 11, 2, 2, tzinfo=UTC)  # before everything asked so far
    assert office.between(earlier, earlier + timedelta(hours=3)) == timedelta(hours=3)
