"""`aduan run`: one bot process, or several worker processes on PostgreSQL.

With `WORKERS=N`, N processes share the inbox and the outbox (claims use `FOR UPDATE SKIP
LOCKED` and keep per-chat order); one of them, elected by an advisory lock, takes updates
from Telegram. Each process sends at 1/N of Telegram's limits so together they stay under them.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import sys

from bot.logs import configure_logging
from bot.runtime import BotRuntime
from bot.settings import Settings

log = logging.getLogger(__name__)


def run(settings: Settings) -> int:
    configure_logging(settings.log_level, settings.bot_token)
    if settings.workers <= 1:
        asyncio.run(BotRuntime(settings).run_until_signalled())
        return 0
    return _run_workers(settings)


def _child(settings: Settings) -> None:
    configure_logging(settings.log_level, settings.bot_token)
    asyncio.run(BotRuntime(settings).run_until_signalled())


def _run_workers(settings: Settings) -> int:
    """Start N processes and pass SIGTERM/SIGINT on; exit when all have drained."""
    ctx = multiprocessing.get_context("spawn")
    children = [
        ctx.Process(target=_child, args=(settings,), name=f"aduan-worker-{i}")
        for i in range(settings.workers)
    ]
    for child in children:
        child.start()

    def forward(_signum: int, _frame: object) -> None:
        """Both SIGTERM and Ctrl-C drain every worker (SIGTERM to each child)."""
        for child in children:
            if child.is_alive():
                child.terminate()

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    for child in children:
        child.join()
    failed = [c.name for c in children if c.exitcode not in (0, -signal.SIGTERM)]
    if failed:
        print(f"aduan run: workers failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
