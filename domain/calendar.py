"""Working time in the city's time zone: the ruler SLA deadlines are measured with.

A complaint filed on Friday afternoon must not be overdue on Monday morning because nobody
works on weekends or on Independence Day. Every input and output is timezone-aware UTC; the
local time zone is used only to find office hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

_MAX_DAYS_SCANNED = 3660  # ten years: a guard against a calendar with no working day at all


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("the working calendar needs timezone-aware datetimes")
    return at.astimezone(UTC)


class WorkingCalendar:
    """Office hours on working days, minus national holidays and the city's extra days off."""

    def __init__(
        self,
        tz: str = "Asia/Jakarta",
        work_start: time = time(8, 0),
        work_end: time = time(16, 0),
        workdays: Iterable[int] = (0, 1, 2, 3, 4),
        extra_holidays: Iterable[date] = (),
        country: str | None = "ID",
        holiday_categories: tuple[str, ...] = ("public",),
    ) -> None:
        """`holiday_categories=("public", "government")` also closes on cuti bersama."""
        self.tz = ZoneInfo(tz)
        if work_end <= work_start:
            raise ValueError("work_end must be after work_start")
        self.work_start = work_start
        self.work_end = work_end
        self.workdays = frozenset(workdays)
        if not self.workdays or not self.workdays <= set(range(7)):
            raise ValueError("workdays must be a non-empty set of weekday numbers 0..6")
        self.extra_holidays = frozenset(extra_holidays)
        self.country = country
        self.holiday_categories = holiday_categories
        self._holidays_by_year: dict[int, frozenset[date]] = {}

    @classmethod
    def from_config(
        cls,
        tz: str = "Asia/Jakarta",
        work_hours: str = "08:00-16:00",
        extra_holidays: str = "",
        *,
        country: str | None = "ID",
    ) -> WorkingCalendar:
        """Build from `.env`-style strings: "08:00-16:00" and "2026-12-24,2026-12-31"."""
        try:
            start_s, end_s = work_hours.split("-")
            start, end = time.fromisoformat(start_s.strip()), time.fromisoformat(end_s.strip())
            extra = [date.fromisoformat(d.strip()) for d in extra_holidays.split(",") if d.strip()]
        except ValueError as exc:
            raise ValueError(f"bad working calendar setting: {exc}") from exc
        return cls(tz=tz, work_start=start, work_end=end, extra_holidays=extra, country=country)

    # --- days -------------------------------------------------------------------------------

    def _national_holidays(self, year: int) -> frozenset[date]:
        """Loaded lazily per year: a deadline computed in December needs next January too."""
        cached = self._holidays_by_year.get(year)
        if cached is None:
            if self.country is None:
                cached = frozenset()
            else:
                found = holidays.country_holidays(
                    self.country, years=year, categories=self.holiday_categories
                )
                cached = frozenset(found.keys())
            self._holidays_by_year[year] = cached
        return cached

    def is_holiday(self, day: date) -> bool:
        return day in self.extra_holidays or day in self._national_holidays(day.year)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.workdays and not self.is_holiday(day)

    @property
    def day_length(self) -> timedelta:
        """Working time in one working day: "1 working day" of SLA means this much."""
        anchor = date(2000, 1, 3)
        return datetime.combine(anchor, self.work_end) - datetime.combine(anchor, self.work_start)

    def _opening(self, day: date) -> datetime:
        return datetime.combine(day, self.work_start, self.tz).astimezone(UTC)

    def _closing(self, day: date) -> datetime:
        return datetime.combine(day, self.work_end, self.tz).astimezone(UTC)

    def _local_day(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()

    # --- instants ---------------------------------------------------------------------------

    def is_working_time(self, at: datetime) -> bool:
        at = _utc(at)
        day = self._local_day(at)
        return self.is_working_day(day) and self._opening(day) <= at < self._closing(day)

    def next_opening(self, at: datetime) -> datetime:
        """`at` itself during office hours, otherwise when the office next opens."""
        at = _utc(at)
        day = self._local_day(at)
        for _ in range(_MAX_DAYS_SCANNED):
            if self.is_working_day(day):
                if at < self._opening(day):
                    return self._opening(day)
                if at < self._closing(day):
                    return at
            day += timedelta(days=1)
            at = self._opening(day)
        raise ValueError("no working day within ten years")

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The instant `amount` of office time after `start`.

        Time outside office hours does not count, so counting from 22:00 starts at the next
        opening. A deadline that uses up a day exactly lands on that day's closing time, not on
        the next morning (Friday 08:00 + 8 h is Friday 16:00).
        """
        at = _utc(start)
        if amount < timedelta(0):
            raise ValueError("amount must not be negative")
        if amount == timedelta(0):
            return at
        remaining = amount
        for _ in range(_MAX_DAYS_SCANNED):
            at = self.next_opening(at)
            day = self._local_day(at)
            left_today = self._closing(day) - at
            if remaining <= left_today:
                return at + remaining
            remaining -= left_today
            at = self._closing(day)
        raise ValueError("deadline more than ten years away")

    def add_working_days(self, start: datetime, days: int | float) -> datetime:
        """`days` working days after `start`: days × the working-day length of office time.

        So Friday 15:00 plus one working day is Monday 15:00, and a complaint filed on
        Saturday starts counting on Monday at opening time.
        """
        return self.add_working_time(start, self.day_length * days)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Office time in [a, b); zero when b is not after a."""
        a, b = _utc(a), _utc(b)
        total = timedelta(0)
        if b <= a:
            return total
        day = self._local_day(a)
        last = self._local_day(b)
        while day <= last:
            if self.is_working_day(day):
                lo = max(a, self._opening(day))
                hi = min(b, self._closing(day))
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total
