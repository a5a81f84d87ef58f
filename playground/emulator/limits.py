"""Telegram's flood limits, enforced with ``429 Too Many Requests`` and ``retry_after``.

Telegram documents roughly one message per second per private chat (short bursts pass), 20
messages per minute per group, and 30 messages per second per bot overall. A bot that
floods gets ``retry_after`` seconds to wait. Limits are off by default so ordinary tests run
at full speed; a test that checks the bot's throttling turns them on, possibly with smaller
numbers, and then reads the observed per-chat send times and the number of 429s given.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class LimitConfig:
    enabled: bool = False
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: int = 20
    global_per_second: float = 30.0
    global_burst: int = 30


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved up."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, rate: float, capacity: int, now: float) -> None:
        self.rate = rate
        self.capacity = float(capacity)
        self.tokens = float(capacity)
        self.stamp = now

    def wait_time(self, now: float) -> float:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


class SlidingWindow:
    """At most ``limit`` events in any ``window`` seconds (Telegram's per-group rule)."""

    __slots__ = ("limit", "stamps", "window")

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.stamps: deque[float] = deque()

    def wait_time(self, now: float) -> float:
        while self.stamps and self.stamps[0] <= now - self.window:
            self.stamps.popleft()
        if len(self.stamps) < self.limit:
            return 0.0
        return self.stamps[0] + self.window - now

    def take(self, now: float) -> None:
        self.stamps.append(now)


class RateLimiter:
    """Per-bot, per-chat and global send limits, plus the statistics tests read."""

    def __init__(self) -> None:
        self.config = LimitConfig()
        self.rejected = 0
        self.rejected_by_chat: dict[int, int] = {}
        self.send_times: dict[int, deque[float]] = {}
        self._chats: dict[tuple[int, int], TokenBucket | SlidingWindow] = {}
        self._global: dict[int, TokenBucket] = {}

    def configure(self, **changes: Any) -> LimitConfig:
        for name, value in changes.items():
            if value is not None and hasattr(self.config, name):
                setattr(self.config, name, type(getattr(self.config, name))(value))
        self._chats.clear()
        self._global.clear()
        return self.config

    def reset(self) -> None:
        self.config = LimitConfig()
        self.rejected = 0
        self.rejected_by_chat.clear()
        self.send_times.clear()
        self._chats.clear()
        self._global.clear()

    def check(self, bot_id: int, chat_id: int, is_group: bool) -> int | None:
        """Record one send; return ``retry_after`` seconds instead if it would flood."""
        now = time.monotonic()
        if self.config.enabled:
            wait = self._wait(bot_id, chat_id, is_group, now)
            if wait > 0:
                retry_after = max(1, math.ceil(wait))
                self.rejected += 1
                self.rejected_by_chat[chat_id] = self.rejected_by_chat.get(chat_id, 0) + 1
                return retry_after
        times = self.send_times.get(chat_id)
        if times is None:
            times = self.send_times[chat_id] = deque(maxlen=2000)
        times.append(now)
        return None

    def _wait(self, bot_id: int, chat_id: int, is_group: bool, now: float) -> float:
        cfg = self.config
        overall = self._global.get(bot_id)
        if overall is None:
            overall = TokenBucket(cfg.global_per_second, cfg.global_burst, now)
            self._global[bot_id] = overall
        key = (bot_id, chat_id)
        chat = self._chats.get(key)
        if chat is None:
            if is_group:
                chat = SlidingWindow(cfg.group_per_minute, 60.0)
            else:
                chat = TokenBucket(cfg.private_per_second, cfg.private_burst, now)
            self._chats[key] = chat
        wait = max(overall.wait_time(now), chat.wait_time(now))
        if wait <= 0:
            overall.take()
            if isinstance(chat, SlidingWindow):
                chat.take(now)
            else:
                chat.take()
        return wait

    def stats(self) -> dict[str, Any]:
        return {
            "config": asdict(self.config),
            "rejected": self.rejected,
            "rejected_by_chat": {str(k): v for k, v in self.rejected_by_chat.items()},
            "send_times": {str(k): list(v) for k, v in self.send_times.items()},
        }
