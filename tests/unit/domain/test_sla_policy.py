"""SLA durations, per-category overrides, pauses for need_info, and reminder thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import WorkingCalendar
from domain.errors import ValidationFailed
from domain.model import Category
from domain.sla import DEFAULT_SLA, SlaDuration, SlaPolicy, SlaUnit
from domain.status import SlaStage

JAKARTA = ZoneInfo("Asia/Jakarta")


def wib(m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, m, d, hh, mm, tzinfo=JAKARTA).astimezone(UTC)


@dataclass
class Clock:
    """Anything with the SLA clock fields, like Ticket and Assignment."""

    stage: SlaStage | None = None
    stage_started_at: datetime | None = None
    deadline: datetime | None = None
    paused_at: datetime | None = None
    reminded_pct: int = 0
    next_reminder_at: datetime | None = None


@pytest.fixture(scope="module")
def policy() -> SlaPolicy:
    return SlaPolicy(WorkingCalendar())


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("1wd", 1, SlaUnit.WORKING_DAYS),
        ("48h", 48, SlaUnit.HOURS),
        ("4wh", 4, SlaUnit.WORKING_HOURS),
        (" 5 WD ", 5, SlaUnit.WORKING_DAYS),
    ],
)
def test_parse_durations(text: str, amount: int, unit: SlaUnit) -> None:
    duration = SlaDuration.parse(text)
    assert (duration.amount, duration.unit) == (amount, unit)
    assert SlaDuration.parse(str(duration)) == duration


@pytest.mark.parametrize("text", ["", "1d", "0h", "-1h", "1.5wd", "wd", "48", "2x24h", "1wd2"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValidationFailed):
        SlaDuration.parse(text)


def test_defaults_follow_ulas_and_lapor() -> None:
    assert {stage: str(d) for stage, d in DEFAULT_SLA.items()} == {
        SlaStage.VERIFY: "1wd",
        SlaStage.FIRST_RESPONSE: "48h",
        SlaStage.RESOLVE: "5wd",
        SlaStage.CONFIRM: "3wd",
    }


@pytest.mark.parametrize(
    ("stage", "deadline"),
    [
        (SlaStage.VERIFY, wib(11, 9, 15)),  # Friday 15:00 + 1 wd: Monday 15:00
        (SlaStage.FIRST_RESPONSE, wib(11, 8, 15)),  # 48 clock hours: Sunday 15:00
        (SlaStage.RESOLVE, wib(11, 13, 15)),  # 5 wd: next Friday
        (SlaStage.CONFIRM, wib(11, 11, 15)),  # 3 wd: Wednesday
    ],
)
def test_default_deadlines_from_friday_afternoon(
    policy: SlaPolicy, stage: SlaStage, deadline: datetime
) -> None:
    assert policy.deadline_for(stage, wib(11, 6, 15)) == deadline


def test_category_override_in_working_hours(policy: SlaPolicy) -> None:
    trash = Category("trash", "Sampah", sla_overrides={"first_response": "4wh"})
    assert policy.deadline_for(SlaStage.FIRST_RESPONSE, wib(11, 6, 15), trash) == wib(11, 9, 11)
    assert policy.deadline_for(SlaStage.RESOLVE, wib(11, 6, 15), trash) == wib(11, 13, 15)


def test_a_bad_override_falls_back_to_the_default(policy: SlaPolicy) -> None:
    broken = Category("x", "X", sla_overrides={"verify": "soon"})
    assert policy.duration_for(SlaStage.VERIFY, broken) == DEFAULT_SLA[SlaStage.VERIFY]


def test_defaults_can_come_from_settings() -> None:
    policy = SlaPolicy(WorkingCalendar(), {"verify": "3wd", SlaStage.RESOLVE: "10wd"})
    assert str(policy.duration_for(SlaStage.VERIFY)) == "3wd"
    assert str(policy.duration_for(SlaStage.RESOLVE)) == "10wd"
    assert str(policy.duration_for(SlaStage.CONFIRM)) == "3wd"


def test_start_clock_sets_deadline_and_restarts_reminders(policy: SlaPolicy) -> None:
    clock = Clock(reminded_pct=100, paused_at=wib(11, 1, 1))
    policy.start_clock(clock, SlaStage.VERIFY, wib(11, 2, 9), None)
    # next_reminder_at: 50 % of one working day (8 h) after Monday 09:00.
    assert clock == Clock(SlaStage.VERIFY, wib(11, 2, 9), wib(11, 3, 9), None, 0, wib(11, 2, 13))
    SlaPolicy.stop_clock(clock)
    assert clock == Clock()


def test_need_info_pause_pushes_deadline_by_paused_working_time(policy: SlaPolicy) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.RESOLVE, wib(11, 2, 9), None)  # Monday 09:00
    assert clock.deadline == wib(11, 9, 9)
    policy.pause_clock(clock, wib(11, 6, 15))  # Friday 15:00, asks the citizen
    policy.pause_clock(clock, wib(11, 6, 15, 30))  # asking again does not move the pause
    # The citizen answers on Monday 10:00: 1 h on Friday + 2 h on Monday were paused.
    policy.resume_clock(clock, wib(11, 9, 10), None)
    assert clock.paused_at is None
    assert clock.deadline == wib(11, 9, 12)
    assert clock.stage_started_at == wib(11, 2, 12)
    assert policy.threshold_at(clock, 100, None) == clock.deadline


def test_pause_over_an_independence_day_weekend(policy: SlaPolicy) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.RESOLVE, wib(8, 12, 9), None)  # Wednesday
    assert clock.deadline == wib(8, 20, 9)  # 5 wd, skipping Monday 17 August
    policy.pause_clock(clock, wib(8, 14, 14))  # Friday 14:00
    policy.resume_clock(clock, wib(8, 18, 9), None)  # Tuesday 09:00: 2 h + 1 h paused
    assert clock.deadline == wib(8, 20, 12)


def test_clock_hours_pause_by_calendar_time(policy: SlaPolicy) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.FIRST_RESPONSE, wib(11, 6, 15), None)
    policy.pause_clock(clock, wib(11, 6, 20))
    policy.resume_clock(clock, wib(11, 7, 20), None)  # a whole (weekend) day
    assert clock.deadline == wib(11, 9, 15)


def test_resuming_a_running_clock_changes_nothing(policy: SlaPolicy) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.VERIFY, wib(11, 2, 9), None)
    before = Clock(**vars(clock))
    policy.resume_clock(clock, wib(11, 3, 9), None)
    assert clock == before


@pytest.mark.parametrize(
    ("pct", "instant"),
    [(50, wib(11, 2, 13)), (100, wib(11, 3, 9)), (200, wib(11, 4, 9))],
)
def test_threshold_instants_use_the_calendar(
    policy: SlaPolicy, pct: int, instant: datetime
) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.VERIFY, wib(11, 2, 9), None)
    assert policy.threshold_at(clock, pct, None) == instant
    assert policy.percent_elapsed(clock, instant, None) == pct


def test_threshold_for_clock_hours(policy: SlaPolicy) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.FIRST_RESPONSE, wib(11, 6, 15), None)
    assert policy.threshold_at(clock, 50, None) == wib(11, 6, 15) + timedelta(hours=24)


def test_percent_is_frozen_while_paused(policy: SlaPolicy) -> None:
    clock = Clock()
    policy.start_clock(clock, SlaStage.VERIFY, wib(11, 2, 9), None)
    policy.pause_clock(clock, wib(11, 2, 11))
    assert policy.percent_elapsed(clock, wib(11, 5, 9), None) == 25
