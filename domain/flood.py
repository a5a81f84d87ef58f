"""The burst rule for citizens: at most BURST_LIMIT updates within BURST_WINDOW seconds.

A stuck key or a script must not fill the queues or the complaint unit's day, so the first
update past the limit gets one polite "slow down" (WARN) and the rest of the burst is dropped
unanswered (DROP) until the window has passed.

Updates are placed at the time they were *sent* (a message's Telegram date; the wall clock for
a button press, which carries no date), not when they are handled: after downtime a backlog is
replayed within a second, and that must not read as a flood and drop it. Times may therefore
arrive out of order, so each check counts the neighbours of its own time.

Who counts is a port (handlers.ports.BurstGuard): one process counts in memory
(`InMemoryBurstGuard`, here); several processes on PostgreSQL count in the database
(storage.repositories.bursts), so the limit is the same whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

BURST_LIMIT = 20
BURST_WINDOW = 10.0  # seconds
KEEP_SENDERS = 10_000  # past this many senders, the in-memory guard forgets the idle ones


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the first refused update of a burst: say "slow down" once
    DROP = "drop"  # refused again within the same window: say nothing


class InMemoryBurstGuard:
    """The rule, counted in this process's memory (a restart forgetting it is harmless).

    For each sender it keeps the allowed times near the latest allowed one (at most `limit`)
    and the time of the last warning.
    """

    def __init__(self, limit: int = BURST_LIMIT, window: float = BURST_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[int, list[float]] = {}
        self._warned: dict[int, float] = {}

    async def check(self, sender: int, at: float) -> Verdict:
        return self.verdict(sender, at)

    async def count_ahead(self, updates: Sequence[tuple[int, float]]) -> None:
        """Nothing to save in memory: each `check` counts its own update."""

    def verdict(self, sender: int, at: float) -> Verdict:
        times = [t for t in self._seen.get(sender, []) if abs(t - at) < self.window]
        if len(times) < self.limit:
            times.append(at)
            self._seen[sender] = times
            self._forget_idle(at)
            return Verdict.ALLOW
        warned = self._warned.get(sender)
        if warned is not None and abs(warned - at) < self.window:
            return Verdict.DROP
        self._warned[sender] = at
        return Verdict.WARN

    def _forget_idle(self, at: float) -> None:
        """Keep memory bounded by the senders of the last window."""
        if len(self._seen) < KEEP_SENDERS:
            return
        for sender in [s for s, t in self._seen.items() if max(t) <= at - self.window]:
            self._seen.pop(sender, None)
            self._warned.pop(sender, None)
