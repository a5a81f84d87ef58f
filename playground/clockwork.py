"""Time travel for the demo: move the bot's clock, then run whatever became due at once.

Only the demo bot's injected `OffsetClock` moves; the machine's clock, the database's
bookkeeping timestamps and the emulator keep real time. Waiting for the scheduler's next
interval tick after a jump would make the button feel broken, so every job runs right away
(`Scheduler.run_due_now()`): the jobs are idempotent and only do what is due at the new now.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Protocol

from bot.runtime import BotRuntime
from domain.clock import OffsetClock

log = logging.getLogger(__name__)


class RunsDueJobs(Protocol):
    async def run_due_now(self) -> dict[str, Any]: ...


def scheduler_of(runtime: BotRuntime) -> RunsDueJobs | None:
    """The runtime's scheduler (built in `BotRuntime.start`), if this runtime has one."""
    scheduler = getattr(runtime, "scheduler", None)
    return scheduler if hasattr(scheduler, "run_due_now") else None


class TimeMachine:
    """Moves `clock` and asks the scheduler to catch up."""

    def __init__(self, clock: OffsetClock) -> None:
        self.clock = clock

    @property
    def days(self) -> float:
        return self.clock.offset / timedelta(days=1)

    def reset(self) -> None:
        self.clock.offset = timedelta()

    async def travel(self, runtime: BotRuntime | None, delta: timedelta) -> dict[str, Any]:
        """Advance, then run the due jobs; says which ran so the page can tell the user."""
        self.clock.advance(delta)
        scheduler = scheduler_of(runtime) if runtime is not None else None
        if scheduler is None:
            return {"scheduler": False, "jobs": {}}
        results = await scheduler.run_due_now()
        log.info("time travel: ran %s", ", ".join(results))
        return {"scheduler": True, "jobs": {name: repr(r) for name, r in results.items()}}
