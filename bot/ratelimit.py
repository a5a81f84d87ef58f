"""Telegram's sending limits, kept on our side so that we are never told 429.

Sliding windows rather than token buckets: "at most N in any window" is exactly what Telegram
documents for groups (20 per minute) and is never looser than its per-chat and global buckets.
Time is passed in (monotonic seconds), so tests drive it without sleeping.

Why the overall limit has two windows: "30 in any second" alone lets all 30 go at once, and a
bucket of 30/s (how Telegram is usually described, and how the emulator enforces it) accepts
that only if the next 30 really arrive a second later. Requests bunch up on the way (a busy
event loop, a slow connection), so the sender sends bursts of at most 10, about a third of a
second apart: at the same rate, a bucket then tolerates most of a second of jitter. The
sender counts each message when Telegram answered it, so every window is measured where
Telegram measures (see bot/sender.py and tests/e2e/runtime/test_flood.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

# Float slack when a window's oldest event expires: `(t + w) - w` may round to just below `t`,
# and the moment `next_free` promised must really be free.
_EPSILON = 1e-9


class SlidingWindow:
    """At most `limit` events in any `window` seconds.

    Asking never changes it: the sender asks about moments ahead ("how much room once the
    limit allows the next burst?") and may then not send at all, and a question about the
    future must not forget events that still count now. Only `record`, which happens at the
    present moment, drops what has expired.
    """

    __slots__ = ("_times", "limit", "window")

    def __init__(self, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._times: deque[float] = deque()

    def _first_active(self, now: float) -> int:
        """The index of the oldest event that still counts at `now`. Events are recorded in
        time order, so a binary search finds it: a window may hold thousands of events (a
        benchmark lifts the limits), and the sender asks about every message it sends."""
        return bisect_right(self._times, now - self.window + _EPSILON)

    def next_free(self, now: float, count: int = 1) -> float:
        """The earliest moment (>= now) when `count` more events are allowed (at most
        `limit`: more never fit)."""
        first = self._first_active(now)
        over = len(self._times) - first + min(count, self.limit) - self.limit
        if over <= 0:
            return now
        return self._times[first + over - 1] + self.window

    def room(self, now: float) -> int:
        """How many more events are allowed at `now`."""
        return max(0, self.limit - (len(self._times) - self._first_active(now)))

    def record(self, now: float) -> None:
        """An event at `now`, which is never before the last one recorded (monotonic time)."""
        while self._times and self._times[0] <= now - self.window + _EPSILON:
            self._times.popleft()
        self._times.append(now)

    @property
    def idle(self) -> bool:
        return not self._times


@dataclass(frozen=True)
class Limits:
    """Telegram's limits, kept on the safe side: 30/s overall in bursts of at most 10, ~1/s
    per private chat with a burst of 3, 19/min per group. `share` divides the overall limit
    when several processes send at once (the per-chat limits need no dividing: they are
    decided from the outbox, which all processes share).

    The sender counts a message when Telegram has answered it, not when it left, so the next
    one is timed from when it arrived: "30 in any second" holds where Telegram counts, and
    the network's delay is the margin.
    """

    global_per_second: float = 30.0
    global_burst: int = 10
    private_burst: int = 3
    private_window: float = 3.2
    group_per_minute: int = 19
    share: int = 1


class SendLimiter:
    """The overall limit, kept in memory by this process (each of N processes takes 1/N), and
    the per-chat limits, decided from the chat's recent sends as the outbox records them."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        share = max(1, self.limits.share)
        per_second = max(1, int(self.limits.global_per_second / share))
        # A burst that divides the rate: whole bursts then fill each second exactly, and a
        # sender waiting for a whole burst never finds the second's window one short.
        burst = _divisor_at_most(per_second, max(1, self.limits.global_burst // share))
        self.burst = burst
        self._global = (
            SlidingWindow(per_second, 1.0),  # the limit
            # Spreads each second's messages into small bursts. A tenth quicker than an even
            # spacing: every burst is counted when answered, so with exactly even spacing the
            # answer's delay would be lost before each burst (about 8% of the rate at 30 ms);
            # this way it is lost once a second, where the one-second window binds.
            SlidingWindow(burst, 0.9 * burst / per_second),
        )

    def chat_limit(self, chat_id: int) -> tuple[int, float]:
        """(messages, seconds): at most that many to this chat in any such span."""
        if chat_id < 0:  # groups, supergroups and channels have negative ids
            return self.limits.group_per_minute, 60.0
        return self.limits.private_burst, self.limits.private_window

    def chat_ready_at(self, chat_id: int, now: float, recent: Sequence[float] = ()) -> float:
        """When one more message may go to this chat, given when its last ones were sent.

        `recent` comes from the outbox, which every sender process writes, not from this
        process's memory: a chat's messages go out one after the other but through any
        process, and a restarted process remembers nothing. Kept in memory, each process would
        allow the whole burst again.
        """
        limit, span = self.chat_limit(chat_id)
        window = SlidingWindow(limit, span)
        for sent in sorted(recent)[-limit:]:
            window.record(sent)
        return window.next_free(now)

    def ready_at(self, chat_id: int, now: float, recent: Sequence[float] = ()) -> float:
        """When a message to this chat may go out, considering both its chat and the total."""
        return max(self.global_ready_at(now), self.chat_ready_at(chat_id, now, recent))

    def global_ready_at(self, now: float, count: int = 1) -> float:
        """When the overall limit allows `count` more messages (at most a burst)."""
        return max(window.next_free(now, count) for window in self._global)

    def room(self, now: float) -> int:
        """How many messages the overall limit allows right now: the sender claims no more
        than this, so rows are not taken from the queue only to be put back."""
        return min(window.room(now) for window in self._global)

    def record(self, now: float, count: int = 1) -> None:
        """Count sent messages against the overall limit (an album once per item)."""
        for _ in range(count):
            for overall in self._global:
                overall.record(now)


def _divisor_at_most(number: int, limit: int) -> int:
    """The largest divisor of `number` up to `limit`, unless that is under half of `limit`
    (a prime rate): then `limit` itself, and a round now and then waits a little longer."""
    best = max(d for d in range(1, min(number, limit) + 1) if number % d == 0)
    return best if 2 * best >= min(number, limit) else min(number, limit)
