"""Time comes from an injected clock so tests and the playground can travel in time."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Current time, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that stands still until told to move; used by tests and the demo's time travel."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # Monday 09:00 in Jakarta
        if self._now.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware datetime")

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware datetime")
        self._now = when

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now


class OffsetClock:
    """The real time plus an offset: the demo bot's 'time travel +1 day' moves only this."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> datetime:
        self.offset += delta
        return self.now()


async def pause(stop: asyncio.Event, seconds: float) -> None:
    """Wait `seconds` of real time, or less if `stop` is set first: how every background loop
    (poller, sender, scheduler, leader elections) naps between tries and still stops at once."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
