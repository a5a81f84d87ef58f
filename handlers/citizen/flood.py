"""Slowing down a citizen who floods the bot, without storing anything they sent.

Two limits:
- a burst of more than 20 updates within 10 seconds (a stuck key, a script): counted in memory.
  Counting it in the database would cost a write per update on the hot path to protect
  against something that only matters for seconds; a restart forgetting the count is
  harmless, and with several workers each counts its share, so the limit is per process
  (at most N × 20 with N workers). One guard per running bot (its `Lifecycle`), so two bots in
  one process — the tests — never share counts.
- more than 5 complaints in an hour: derived from the tickets table (their `created_at`) plus
  the one draft being started, so it holds across restarts and workers.
"""

from __future__ import annotations

import weakref
from datetime import datetime, timedelta
from enum import Enum

from domain.ports import UnitOfWork

BURST_LIMIT = 20
BURST_WINDOW = 10.0  # seconds
HOURLY_LIMIT = 5  # drafts + tickets started within an hour


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the first refused update of a burst: say "slow down" once
    DROP = "drop"  # refused again within the same window: say nothing


class BurstGuard:
    """At most `limit` updates per sender within any `window` seconds of each other.

    Updates are placed at the time they were *sent* (a message's Telegram date; the wall clock
    for a button press, which carries no date), not when they are handled: after downtime a
    backlog is replayed within a second, and that must not read as a flood and drop it. Times
    may therefore arrive out of order, so each check counts the neighbours of its own time.
    """

    def __init__(self, limit: int = BURST_LIMIT, window: float = BURST_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[int, list[float]] = {}
        self._warned: dict[int, float] = {}

    def check(self, sender: int, at: float) -> Verdict:
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
        if len(self._seen) < 10_000:
            return
        for sender in [s for s, t in self._seen.items() if max(t) <= at - self.window]:
            self._seen.pop(sender, None)
            self._warned.pop(sender, None)


_GUARDS: dict[int, tuple[weakref.ref[object], BurstGuard]] = {}


def burst_guard(owner: object) -> BurstGuard:
    """The guard of one running bot, `owner` being its Lifecycle (unhashable, hence by id)."""
    key = id(owner)
    entry = _GUARDS.get(key)
    if entry is not None and entry[0]() is owner:
        return entry[1]
    guard = BurstGuard()
    _GUARDS[key] = (weakref.ref(owner, lambda _ref, k=key: _GUARDS.pop(k, None)), guard)
    return guard


async def too_many_recent(uow: UnitOfWork, citizen_id: int, now: datetime) -> bool:
    """Would one more complaint make more than HOURLY_LIMIT within the last hour?"""
    recent = await uow.tickets.list_for_citizen(citizen_id, limit=HOURLY_LIMIT)
    since = now - timedelta(hours=1)
    return sum(ticket.created_at >= since for ticket in recent) >= HOURLY_LIMIT
