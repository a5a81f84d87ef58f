"""The public performance figures: the city's and each agency's, per month and over a window.

Each figure is counted in the month its own step happened (filed in the month it was filed,
resolved in the month it was resolved), so a month's row never changes once the month is over,
except for late ratings. Definitions (the dashboard's footnote says the same):
- filed: complaints filed; verified: complaints the complaint unit verified (or a category
  verified automatically); resolved: complaints whose fix was documented; confirmed: complaints
  the citizen closed by confirming the fix.
- median working hours (the city's SLA calendar: office hours on working days): from filing to
  verification (automatic verifications excluded: they take no one's time), and from filing (city)
  or from dispatch (agency) to the first response and to the resolution.
- resolved within SLA: resolved complaints (agency: shares) without an SLA escalation of the
  resolve stage.
- average rating: of the complaints closed in the period that were rated; reopen rate: of the
  complaints resolved in the period, those reopened at least once.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from scheduler.reports.office_time import OfficeTime
from storage.queries.performance import PerformanceFacts, ShareTimes, TicketTimes

MONTHS = 12
Month = tuple[int, int]  # (year, month) in the city's time zone


@dataclass
class Figures:
    filed: int = 0
    verified: int = 0
    resolved: int = 0
    confirmed: int = 0
    verify_hours: list[float] = field(default_factory=list)
    response_hours: list[float] = field(default_factory=list)
    resolve_hours: list[float] = field(default_factory=list)
    resolved_in_time: int = 0
    ratings: list[int] = field(default_factory=list)
    reopened: int = 0

    def add(self, other: Figures) -> None:
        self.filed += other.filed
        self.verified += other.verified
        self.resolved += other.resolved
        self.confirmed += other.confirmed
        self.verify_hours += other.verify_hours
        self.response_hours += other.response_hours
        self.resolve_hours += other.resolve_hours
        self.resolved_in_time += other.resolved_in_time
        self.ratings += other.ratings
        self.reopened += other.reopened

    @staticmethod
    def _median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    @property
    def median_verify(self) -> float | None:
        return self._median(self.verify_hours)

    @property
    def median_response(self) -> float | None:
        return self._median(self.response_hours)

    @property
    def median_resolve(self) -> float | None:
        return self._median(self.resolve_hours)

    @property
    def in_time_pct(self) -> float | None:
        return 100 * self.resolved_in_time / self.resolved if self.resolved else None

    @property
    def mean_rating(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None

    @property
    def reopen_pct(self) -> float | None:
        return 100 * self.reopened / self.resolved if self.resolved else None


@dataclass
class Series:
    """Figures per month (oldest first) and their sum over the window."""

    months: list[Month]
    by_month: dict[Month, Figures]

    @property
    def this_month(self) -> Figures:
        return self.by_month[self.months[-1]]

    @property
    def window(self) -> Figures:
        total = Figures()
        for month in self.months:
            total.add(self.by_month[month])
        return total

    def monthly(self) -> list[tuple[Month, Figures]]:
        return [(m, self.by_month[m]) for m in self.months]


@dataclass
class Performance:
    as_of: datetime
    months: list[Month]
    city: Series
    agencies: dict[int, Series]


def month_starts(now: datetime, tz: ZoneInfo, count: int = MONTHS) -> list[Month]:
    local = now.astimezone(tz)
    year, month = local.year, local.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def window_start(months: list[Month], tz: ZoneInfo) -> datetime:
    year, month = months[0]
    return datetime(year, month, 1, tzinfo=tz)


class _Counter:
    def __init__(self, months: list[Month], tz: ZoneInfo, calendar: WorkingCalendar) -> None:
        self.months = set(months)
        self.order = months
        self.tz = tz
        self.office = OfficeTime(calendar)
        self._month_of: dict[date, Month] = {}

    def series(self) -> Series:
        return Series(self.order, {m: Figures() for m in self.order})

    def month(self, at: datetime | None) -> Month | None:
        if at is None:
            return None
        day = at.astimezone(self.tz).date()
        found = (day.year, day.month)
        return found if found in self.months else None

    def hours(self, start: datetime, end: datetime) -> float:
        return self.office.between(start, end) / timedelta(hours=1)


def _count_ticket(c: _Counter, s: Series, t: TicketTimes) -> None:
    if (m := c.month(t.created_at)) is not None:
        s.by_month[m].filed += 1
    if (m := c.month(t.verified_at)) is not None and t.verified_at is not None:
        f = s.by_month[m]
        f.verified += 1
        if t.verified_at != t.created_at:  # auto-verified on filing: no one's time
            f.verify_hours.append(c.hours(t.created_at, t.verified_at))
    if (m := c.month(t.first_response_at)) is not None and t.first_response_at is not None:
        s.by_month[m].response_hours.append(c.hours(t.created_at, t.first_response_at))
    if (m := c.month(t.resolved_at)) is not None and t.resolved_at is not None:
        f = s.by_month[m]
        f.resolved += 1
        f.resolve_hours.append(c.hours(t.created_at, t.resolved_at))
        f.resolved_in_time += 0 if t.late else 1
        f.reopened += 1 if t.reopen_count else 0
    if (m := c.month(t.closed_at)) is not None and t.status == "closed":
        f = s.by_month[m]
        f.confirmed += 1 if t.solved else 0
        if t.rating is not None:
            f.ratings.append(t.rating)


def _count_share(c: _Counter, s: Series, a: ShareTimes, rated: set[int]) -> None:
    if (m := c.month(a.created_at)) is not None:
        s.by_month[m].filed += 1
    if (m := c.month(a.first_response_at)) is not None and a.first_response_at is not None:
        s.by_month[m].response_hours.append(c.hours(a.created_at, a.first_response_at))
    if (m := c.month(a.resolved_at)) is not None and a.resolved_at is not None:
        f = s.by_month[m]
        f.resolved += 1
        f.resolve_hours.append(c.hours(a.created_at, a.resolved_at))
        f.resolved_in_time += 0 if a.late else 1
        f.reopened += 1 if a.reopen_count else 0
    # The citizen's answer belongs to the ticket: once per agency, whatever its shares.
    if (m := c.month(a.closed_at)) is not None and a.ticket_id not in rated:
        rated.add(a.ticket_id)
        f = s.by_month[m]
        f.confirmed += 1 if a.solved else 0
        if a.rating is not None:
            f.ratings.append(a.rating)


def compute_performance(
    facts: PerformanceFacts,
    now: datetime,
    calendar: WorkingCalendar,
    agency_ids: Iterable[int] = (),
) -> Performance:
    tz = calendar.tz
    months = month_starts(now, tz)
    counter = _Counter(months, tz, calendar)
    city = counter.series()
    for t in facts.tickets:
        _count_ticket(counter, city, t)
    agencies = {agency_id: counter.series() for agency_id in agency_ids}
    rated: dict[int, set[int]] = {}
    for a in facts.shares:
        series = agencies.setdefault(a.agency_id, counter.series())
        _count_share(counter, series, a, rated.setdefault(a.agency_id, set()))
    return Performance(now, months, city, agencies)
