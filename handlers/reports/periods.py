"""Report periods in the city's time zone: last week, last month, or an explicit date range.

A period is [start, end) in UTC, built from local midnights, so a report "for 2 November"
means Jakarta's 2 November, whatever the server's clock zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS = 366  # a year at most: beyond that a report is an export
_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|—|\s)\s*(\d{4}-\d{2}-\d{2})\s*$")


class BadPeriod(ValueError):
    """What the admin typed is not a period we understand."""


@dataclass(frozen=True)
class Period:
    first: date  # local, inclusive
    last: date  # local, inclusive
    tz: str

    @property
    def start(self) -> datetime:
        return _midnight(self.first, self.tz)

    @property
    def end(self) -> datetime:
        return _midnight(self.last + timedelta(days=1), self.tz)

    @property
    def label(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()} – {self.last.isoformat()}"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def _midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0), ZoneInfo(tz)).astimezone(UTC)


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def last_week(now: datetime, tz: str) -> Period:
    """The last full Monday–Sunday week before today."""
    today = local_today(now, tz)
    monday = today - timedelta(days=today.weekday())
    return Period(monday - timedelta(days=7), monday - timedelta(days=1), tz)


def seven_days_before(day: date, tz: str) -> Period:
    """The week a weekly report sent on `day` covers (Monday's report: last Mon–Sun)."""
    return Period(day - timedelta(days=7), day - timedelta(days=1), tz)


def last_month(now: datetime, tz: str) -> Period:
    first_this = local_today(now, tz).replace(day=1)
    last_prev = first_this - timedelta(days=1)
    return Period(last_prev.replace(day=1), last_prev, tz)


def parse_period(text: str | None, now: datetime, tz: str) -> Period:
    """`week` (default), `month`, `YYYY-MM-DD..YYYY-MM-DD` or `YYYY-MM-DD YYYY-MM-DD`."""
    word = (text or "").strip().lower()
    if word in ("", "week", "minggu", "pekan"):
        return last_week(now, tz)
    if word in ("month", "bulan"):
        return last_month(now, tz)
    match = _RANGE.match(word)
    if not match:
        raise BadPeriod(text or "")
    try:
        first, last = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
    except ValueError as exc:
        raise BadPeriod(text or "") from exc
    if last < first or (last - first).days + 1 > MAX_DAYS:
        raise BadPeriod(text or "")
    return Period(first, last, tz)
