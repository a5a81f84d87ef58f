"""Service-level deadlines per stage, measured with the working calendar.

Durations are written the way city regulations state them: "1wd" (working days), "4wh"
(working hours) and "48h" (clock hours, around the clock, like ULAS's 2×24 h). Deadlines are
computed once and stored on the ticket or assignment, so reminders are one indexed query.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from domain.calendar import WorkingCalendar
from domain.errors import ValidationFailed
from domain.model import Category
from domain.status import SlaStage

log = logging.getLogger(__name__)


class SlaUnit(StrEnum):
    WORKING_DAYS = "wd"
    WORKING_HOURS = "wh"
    HOURS = "h"  # calendar time, 24/7


_DURATION = re.compile(r"^\s*(\d{1,4})\s*(wd|wh|h)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SlaDuration:
    amount: int
    unit: SlaUnit

    @classmethod
    def parse(cls, text: str) -> SlaDuration:
        """Parse "1wd", "4wh" or "48h"; anything else is refused, never guessed."""
        match = _DURATION.match(text or "")
        if not match or int(match.group(1)) == 0:
            raise ValidationFailed(
                "sla",
                f"not a duration like 1wd, 4wh or 48h: {text!r}",
                rule="bad_duration",
                value=str(text)[:20],
            )
        return cls(int(match.group(1)), SlaUnit(match.group(2).lower()))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"

    @property
    def counts_working_time(self) -> bool:
        return self.unit is not SlaUnit.HOURS

    def length(self, calendar: WorkingCalendar) -> timedelta:
        """How much time (office time unless in clock hours) the duration spans."""
        if self.unit is SlaUnit.WORKING_DAYS:
            return calendar.day_length * self.amount
        return timedelta(hours=self.amount)

    def add_to(self, start: datetime, calendar: WorkingCalendar, fraction: float = 1.0) -> datetime:
        """`start` plus `fraction` of this duration, in the duration's own kind of time."""
        span = self.length(calendar) * fraction
        if self.counts_working_time:
            return calendar.add_working_time(start, span)
        return start + span

    def elapsed(self, a: datetime, b: datetime, calendar: WorkingCalendar) -> timedelta:
        """Time from a to b that this duration would count."""
        if self.counts_working_time:
            return calendar.working_time_between(a, b)
        return max(b - a, timedelta(0))


# The reminder thresholds (percent of a stage's duration): 50 % a nudge, 100 % the deadline
# (escalation), 200 % a second escalation. Confirmation is the citizen's stage and is not
# reminded: it ends in an auto-close instead.
REMINDER_THRESHOLDS: tuple[int, ...] = (50, 100, 200)
REMINDED_STAGES = frozenset({SlaStage.VERIFY, SlaStage.FIRST_RESPONSE, SlaStage.RESOLVE})

DEFAULT_SLA: Mapping[SlaStage, SlaDuration] = {
    SlaStage.VERIFY: SlaDuration(1, SlaUnit.WORKING_DAYS),
    SlaStage.FIRST_RESPONSE: SlaDuration(48, SlaUnit.HOURS),
    SlaStage.RESOLVE: SlaDuration(5, SlaUnit.WORKING_DAYS),
    SlaStage.CONFIRM: SlaDuration(3, SlaUnit.WORKING_DAYS),
}


class SlaClock(Protocol):
    """The clock fields Ticket (verify, confirm) and Assignment (first response, resolve) share.

    `stage_started_at` is the clock's effective start: a pause pushes it forward together with
    the deadline, so `start + duration == deadline` always holds and percentages stay simple.
    """

    stage: SlaStage | None
    stage_started_at: datetime | None
    deadline: datetime | None
    paused_at: datetime | None
    reminded_pct: int
    next_reminder_at: datetime | None


class SlaPolicy:
    """Stage durations (defaults, then per-category overrides) and the calendar they run on."""

    def __init__(
        self,
        calendar: WorkingCalendar | None = None,
        defaults: Mapping[SlaStage | str, SlaDuration | str] | None = None,
    ) -> None:
        self.calendar = calendar or WorkingCalendar()
        self.defaults: dict[SlaStage, SlaDuration] = {}
        self.use_defaults(defaults or {})

    def use_defaults(self, defaults: Mapping[SlaStage | str, SlaDuration | str]) -> None:
        """The city-wide durations: the built-in ones, with these on top (the `sla` setting,
        reloaded when an admin changes it in any process)."""
        chosen = dict(DEFAULT_SLA)
        for stage, value in defaults.items():
            chosen[SlaStage(stage)] = (
                value if isinstance(value, SlaDuration) else SlaDuration.parse(value)
            )
        self.defaults = chosen

    def duration_for(self, stage: SlaStage, category: Category | None = None) -> SlaDuration:
        """The category's override if it has a valid one; a bad one falls back, loudly."""
        override = (category.sla_overrides if category else {}).get(stage.value)
        if override:
            try:
                return SlaDuration.parse(override)
            except ValidationFailed:
                log.warning(
                    "ignoring bad SLA override %r for stage %s of category %s",
                    override,
                    stage.value,
                    category.code if category else None,
                )
        return self.defaults[stage]

    def deadline_for(
        self, stage: SlaStage, start: datetime, category: Category | None = None
    ) -> datetime:
        return self.duration_for(stage, category).add_to(start, self.calendar)

    # --- clocks on tickets and assignments ---------------------------------------------------

    def start_clock(
        self, clock: SlaClock, stage: SlaStage, at: datetime, category: Category | None
    ) -> None:
        """A new stage begins: new deadline, and reminders start over."""
        clock.stage = stage
        clock.stage_started_at = at
        clock.deadline = self.deadline_for(stage, at, category)
        clock.paused_at = None
        clock.reminded_pct = 0
        self.rearm(clock, category)

    @staticmethod
    def stop_clock(clock: SlaClock) -> None:
        """Nobody owes anything any more at this level (stage done, ticket final)."""
        clock.stage = None
        clock.stage_started_at = None
        clock.deadline = None
        clock.paused_at = None
        clock.reminded_pct = 0
        clock.next_reminder_at = None

    @staticmethod
    def pause_clock(clock: SlaClock, at: datetime) -> None:
        """Waiting on the citizen; the wait is not the agency's (or the unit's) fault.

        A paused clock has no next reminder, so the reminder scan never even sees it;
        `resume_clock` re-arms it with the pushed thresholds.
        """
        if clock.stage is not None and clock.paused_at is None:
            clock.paused_at = at
            clock.next_reminder_at = None

    def resume_clock(self, clock: SlaClock, at: datetime, category: Category | None) -> None:
        """Push start and deadline by the paused time, counted the way the duration counts."""
        if clock.stage is None or clock.paused_at is None:
            return
        duration = self.duration_for(clock.stage, category)
        paused = duration.elapsed(clock.paused_at, at, self.calendar)

        def push(t: datetime) -> datetime:
            if duration.counts_working_time:
                return self.calendar.add_working_time(t, paused)
            return t + paused

        if clock.stage_started_at is not None:
            clock.stage_started_at = push(clock.stage_started_at)
        if clock.deadline is not None:
            clock.deadline = push(clock.deadline)
        clock.paused_at = None
        self.rearm(clock, category)

    # --- progress, for the 50/100/200 % reminders ----------------------------------------------

    def threshold_at(self, clock: SlaClock, pct: int, category: Category | None) -> datetime:
        """When the clock reaches `pct` % of its stage (100 is the deadline)."""
        if clock.stage is None or clock.stage_started_at is None:
            raise ValueError("the clock is not running")
        duration = self.duration_for(clock.stage, category)
        return duration.add_to(clock.stage_started_at, self.calendar, pct / 100)

    def percent_elapsed(self, clock: SlaClock, now: datetime, category: Category | None) -> int:
        """Whole percent of the stage used up; frozen while paused."""
        if clock.stage is None or clock.stage_started_at is None:
            return 0
        duration = self.duration_for(clock.stage, category)
        until = min(now, clock.paused_at) if clock.paused_at else now
        used = duration.elapsed(clock.stage_started_at, until, self.calendar)
        return math.floor(used / duration.length(self.calendar) * 100)

    # --- the stored next reminder instant, so the scan is one indexed range query ----------

    def next_reminder(self, clock: SlaClock, category: Category | None) -> datetime | None:
        """When the first threshold above `reminded_pct` is reached; None if nothing is left.

        Stages nobody is reminded about (the citizen's confirmation) and paused clocks have
        none: the scan must cost nothing for them.
        """
        if clock.stage is None or clock.stage_started_at is None or clock.paused_at is not None:
            return None
        if clock.stage not in REMINDED_STAGES:
            return None
        for pct in REMINDER_THRESHOLDS:
            if pct > clock.reminded_pct:
                return self.threshold_at(clock, pct, category)
        return None

    def rearm(self, clock: SlaClock, category: Category | None) -> None:
        """Recompute `next_reminder_at` after the clock started, moved or reminded."""
        clock.next_reminder_at = self.next_reminder(clock, category)

    def due_threshold(
        self, clock: SlaClock, now: datetime, category: Category | None
    ) -> int | None:
        """The highest threshold reached by `now` and not yet reminded, if any.

        Measured with the same instants as `next_reminder_at` (not `percent_elapsed`, whose
        rounding could disagree by a microsecond), so a row the scan picks is never left
        due-but-silent. Only the highest: a ticket found late gets one message, not three.
        """
        if clock.stage is None or clock.paused_at is not None:
            return None
        if clock.stage not in REMINDED_STAGES:
            return None
        due = [
            pct
            for pct in REMINDER_THRESHOLDS
            if pct > clock.reminded_pct and self.threshold_at(clock, pct, category) <= now
        ]
        return max(due) if due else None

    def mark_reminded(self, clock: SlaClock, pct: int, category: Category | None) -> None:
        """The reminder for `pct` is queued: never again for this stage, and re-arm."""
        clock.reminded_pct = max(clock.reminded_pct, pct)
        self.rearm(clock, category)
