"""The working calendar: weekends, Indonesian holidays, office hours, all in Jakarta time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import WorkingCalendar

JAKARTA = ZoneInfo("Asia/Jakarta")


def wib(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=JAKARTA).astimezone(UTC)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def test_day_length_is_office_hours(cal: WorkingCalendar) -> None:
    assert cal.day_length == timedelta(hours=8)


@pytest.mark.parametrize(
    ("at", "working"),
    [
        (wib(2026, 11, 2, 8), True),  # Monday opening
        (wib(2026, 11, 2, 15, 59), True),
        (wib(2026, 11, 2, 16), False),  # closing time is already closed
        (wib(2026, 11, 2, 7, 59), False),
        (wib(2026, 11, 7, 10), False),  # Saturday
        (wib(2026, 8, 17, 10), False),  # Independence Day, a Monday
        (wib(2026, 12, 25, 10), False),  # Christmas, a Friday
    ],
)
def test_is_working_time(cal: WorkingCalendar, at: datetime, working: bool) -> None:
    assert cal.is_working_time(at) is working


def test_friday_afternoon_plus_one_working_day_is_monday_same_hour(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(wib(2026, 11, 6, 15), 1) == wib(2026, 11, 9, 15)


def test_deadline_skips_independence_day(cal: WorkingCalendar) -> None:
    """17 August 2026 is a Monday and a holiday: Friday + 1 working day is Tuesday."""
    assert cal.add_working_days(wib(2026, 8, 14, 15), 1) == wib(2026, 8, 18, 15)
    assert cal.add_working_days(wib(2026, 8, 14, 9), 5) == wib(2026, 8, 24, 9)


def test_deadline_crossing_new_year_loads_next_years_holidays(cal: WorkingCalendar) -> None:
    # Thursday 31 Dec 2026 + 1 wd: Friday 1 Jan 2027 is New Year's Day.
    assert cal.add_working_days(wib(2026, 12, 31, 10), 1) == wib(2027, 1, 4, 10)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (wib(2026, 11, 2, 22), wib(2026, 11, 3, 16)),  # Monday 22:00: counts from Tue 08:00
        (wib(2026, 11, 3, 6), wib(2026, 11, 3, 16)),  # before opening
        (wib(2026, 11, 7, 10), wib(2026, 11, 9, 16)),  # Saturday: counts from Monday
        (wib(2026, 8, 16, 10), wib(2026, 8, 18, 16)),  # Sunday before a holiday Monday
    ],
)
def test_start_outside_working_hours_counts_from_next_opening(
    cal: WorkingCalendar, start: datetime, expected: datetime
) -> None:
    assert cal.add_working_days(start, 1) == expected


def test_using_up_a_day_exactly_ends_at_closing_time(cal: WorkingCalendar) -> None:
    assert cal.add_working_time(wib(2026, 11, 6, 8), timedelta(hours=8)) == wib(2026, 11, 6, 16)
    assert cal.add_working_time(wib(2026, 11, 6, 16), timedelta(hours=1)) == wib(2026, 11, 9, 9)


def test_zero_adds_nothing_and_negative_is_refused(cal: WorkingCalendar) -> None:
    start = wib(2026, 11, 7, 10)
    assert cal.add_working_time(start, timedelta(0)) == start
    with pytest.raises(ValueError):
        cal.add_working_time(start, timedelta(hours=-1))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (wib(2026, 11, 6, 15), wib(2026, 11, 9, 10), timedelta(hours=3)),  # over a weekend
        (wib(2026, 8, 14, 15), wib(2026, 8, 18, 10), timedelta(hours=3)),  # and a holiday
        (wib(2026, 11, 2, 22), wib(2026, 11, 3, 7), timedelta(0)),  # a night
        (wib(2026, 11, 2, 9), wib(2026, 11, 2, 9), timedelta(0)),
        (wib(2026, 11, 3, 9), wib(2026, 11, 2, 9), timedelta(0)),  # backwards
        (wib(2026, 11, 2, 8), wib(2026, 11, 9, 8), timedelta(hours=40)),  # one week
    ],
)
def test_working_time_between(
    cal: WorkingCalendar, a: datetime, b: datetime, expected: timedelta
) -> None:
    assert cal.working_time_between(a, b) == expected


def test_adding_then_measuring_round_trips(cal: WorkingCalendar) -> None:
    start = wib(2026, 8, 12, 13, 30)
    for hours in (1, 7, 8, 9, 23, 40, 100):
        end = cal.add_working_time(start, timedelta(hours=hours))
        assert cal.working_time_between(start, end) == timedelta(hours=hours)


def test_extra_holidays_from_config() -> None:
    cal = WorkingCalendar.from_config("Asia/Jakarta", "08:00-16:00", "2026-11-09, 2026-11-10")
    assert not cal.is_working_day(date(2026, 11, 9))
    assert cal.add_working_days(wib(2026, 11, 6, 15), 1) == wib(2026, 11, 11, 15)


def test_collective_leave_is_optional() -> None:
    # 24 Dec 2026 is a cuti bersama (joint leave) day: a "government" holiday in `holidays`.
    assert WorkingCalendar().is_working_day(date(2026, 12, 24))
    strict = WorkingCalendar(holiday_categories=("public", "government"))
    assert not strict.is_working_day(date(2026, 12, 24))


def test_other_office_hours_and_results_in_utc() -> None:
    cal = WorkingCalendar(work_start=time(7, 30), work_end=time(15, 30))
    start = datetime(2026, 11, 6, 15, tzinfo=JAKARTA)  # not UTC on the way in
    result = cal.add_working_days(start, 1)
    assert result.tzinfo == UTC
    assert result == wib(2026, 11, 9, 15)  # 0.5 h on Friday, 7.5 h from Monday 07:30


def test_naive_datetimes_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        cal.is_working_time(datetime(2026, 11, 2, 9))


@pytest.mark.parametrize(
    "kwargs",
    [{"work_start": time(16), "work_end": time(8)}, {"workdays": ()}, {"workdays": (7,)}],
)
def test_bad_calendars_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(**kwargs)  # type: ignore[arg-type]


def test_bad_config_strings_are_refused() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar.from_config(work_hours="8-16")
    with pytest.raises(ValueError):
        WorkingCalendar.from_config(extra_holidays="17/08/2026")
