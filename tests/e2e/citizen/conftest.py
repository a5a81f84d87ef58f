"""`bot` for the citizen e2e tests: the real runtime, with the sender's pacing relaxed.

The citizen conversation sends many messages to one private chat (a review alone is an album,
a map and a summary), and Telegram's pace of about one message per second per chat would make
each scenario last half a minute. What these tests check is the conversation, not the pacing
(tests/e2e/runtime covers the limiter), so the sender gets generous limits here. The
scheduler is off: its jobs would run on the harness's frozen clock and add messages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.ratelimit import Limits
from bot.runtime import BotRuntime, RunOptions
from tests.e2e.harness import Harness

FAST_SENDING = Limits(
    global_per_second=1000.0, private_burst=1000, private_window=1.0, group_per_minute=1000
)


def fast_options() -> RunOptions:
    return RunOptions(
        poll_timeout=1, worker_poll_interval=0.2, limits=FAST_SENDING, scheduler=False
    )


async def start_fast(h: Harness) -> BotRuntime:
    return await h.start_bot(fast_options())


@pytest.fixture
async def bot(h: Harness) -> AsyncIterator[Harness]:
    await start_fast(h)
    yield h
