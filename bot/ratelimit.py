"""Telegram's sending limits, kept on our side so that we are never told 429.

Sliding windows rather than token buckets: "at most N in any window" is exactly what Telegram
documents for groups (20 per minute) and is never looser than its per-chat and global buckets.
Time is passed in (monotonic seconds), so tests drive it without sleeping.

Why the overall limit has two windows: a bucket of 30/s that starts full accepts 30 at once and
then 30 per second, but only if those bursts really arrive a second apart. Ours are timed when
they leave, and requests can bunch up on the way (a busy event loop, a slow connection), so a
burst of 29 every second leaves almost no room for that jitter. Bursts of at most 10, at the
same 29/s, tolerate more than half a second of it (see tests/e2e/runtime/test_flood.py).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

# Float slack when a window's oldest event expires: `(t + w) - w` may round to just below `t`,
# and the moment `next_free` promised must really be free.
_EPSILON = 1e-9


class SlidingWindow:
    """At most `limit` events in any `window` seconds."""

    __slots__ = ("_times", "limit", "window")

    def __init__(self, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._times: deque[float] = deque()

    def _expire(self, now: float) -> None:
        while self._times and self._times[0] <= now - self.window + _EPSILON:
            self._times.popleft()

    def next_free(self, now: float, count: int = 1) -> float:
        """The earliest moment (>= now) when `count` more events are allowed (at most
        `limit`: more never fit)."""
        self._expire(now)
        over = len(self._times) + min(count, self.limit) - self.limit
        if over <= 0:
            return now
        return self._times[over - 1] + self.window

    def room(self, now: float) -> int:
        """How many more events are allowed right now."""
        self._expire(now)
        return max(0, self.limit - len(self._times))

    def record(self, now: float) -> None:
        self._times.append(now)

    @property
    def idle(self) -> bool:
        return not self._times


@dataclass(frozen=True)
class Limits:
    """Defaults a little under Telegram's: 29/s overall in bursts of at most 10, ~1/s per
    private chat with a burst of 3, 19/min per group. `share` divides them when several
    processes send at once."""

    global_per_second: float = 29.0
    global_burst: int = 10
    private_burst: int = 3
    private_window: float = 3.2
    group_per_minute: int = 19
    share: int = 1


class SendLimiter:
    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        share = max(1, self.limits.share)
        per_second = max(1, int(self.limits.global_per_second / share))
        burst = max(1, min(per_second, self.limits.global_burst // share))
        self.burst = burst
        self._global = (
            SlidingWindow(per_second, 1.0),
            SlidingWindow(burst, burst / per_second),  # the same rate, in small bursts
        )
        self._chats: dict[int, SlidingWindow] = {}

    def _chat_window(self, chat_id: int) -> SlidingWindow:
        window = self._chats.get(chat_id)
        if window is None:
            share = max(1, self.limits.share)
            if chat_id < 0:  # groups, supergroups and channels have negative ids
                window = SlidingWindow(max(1, self.limits.group_per_minute // share), 60.0)
            else:
                # A chat's messages may go out through any process, one after the other, and
                # each process sees only its own: give each a slice of the burst, at the same
                # overall per-chat rate (share=1: 3 per 3.2 s; share=2: 1 per 2.13 s each).
                burst = max(1, self.limits.private_burst // share)
                span = self.limits.private_window * (burst * share / self.limits.private_burst)
                window = SlidingWindow(burst, span)
            self._chats[chat_id] = window
        return window

    def ready_at(self, chat_id: int, now: float) -> float:
        """When a message to this chat may go out, considering both its chat and the total."""
        return max(self.global_ready_at(now), self._chat_window(chat_id).next_free(now))

    def chat_ready_at(self, chat_id: int, now: float) -> float:
        return self._chat_window(chat_id).next_free(now)

    def global_ready_at(self, now: float, count: int = 1) -> float:
        """When the overall limit next allows a round of up to `count` messages: the burst
        window must have room for all of them, the one-second window for at least one (a
        round then takes what `room` says; 29 is no multiple of 10)."""
        per_second, short = self._global
        return max(per_second.next_free(now), short.next_free(now, count))

    def room(self, now: float) -> int:
        """How many messages the overall limit allows right now: the sender claims no more
        than this, so rows are not taken from the queue only to be put back."""
        return min(window.room(now) for window in self._global)

    def record(self, chat_id: int, now: float, count: int = 1) -> None:
        """Count a sent message (an album counts once per item, as Telegram counts it)."""
        window = self._chat_window(chat_id)
        for _ in range(count):
            for overall in self._global:
                overall.record(now)
            window.record(now)

    def forget_idle(self, now: float) -> None:
        """Drop windows of chats that have been quiet, so memory stays bounded."""
        for chat_id in [c for c, w in self._chats.items() if w.next_free(now) == now and w.idle]:
            del self._chats[chat_id]
