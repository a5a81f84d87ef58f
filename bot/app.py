"""`aduan run`: one bot process, or several worker processes on PostgreSQL.

With `WORKERS=N`, N processes share the inbox and the outbox (claims use `FOR UPDATE SKIP
LOCKED` and keep per-chat order); one of them, elected by an advisory lock, takes updates
from Telegram. Each process sends at 1/N of Telegram's limits so together they stay under them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time

from bot.logs import configure_logging
from bot.runtime import BotRuntime
from bot.settings import Settings

log = logging.getLogger(__name__)


def run(settings: Settings) -> int:
    configure_logging(settings.log_level, settings.bot_token)
    if settings.workers <= 1:
        asyncio.run(BotRuntime(settings).run_until_signalled())
        leave_past_stray_threads()
        return 0
    return _run_workers(settings)


def _child(settings: Settings) -> None:
    configure_logging(settings.log_level, settings.bot_token)
    asyncio.run(BotRuntime(settings).run_until_signalled())
    leave_past_stray_threads()


def leave_past_stray_threads(grace: float = 5.0) -> None:
    """Exit even if a library thread would keep a stopped bot alive.

    aiosqlite runs each connection in a non-daemon thread, and Python waits for those at exit:
    one connection left open (a task cancelled mid-query) would keep the process up forever,
    and a supervisor's SIGTERM would seem ignored. By now everything is committed (the stop
    drained), so after `grace` seconds the process leaves anyway, saying which threads were left.
    """
    deadline = time.monotonic() + grace
    for thread in _stray_threads():
        thread.join(max(0.0, deadline - time.monotonic()))
    if stray := [thread.name for thread in _stray_threads()]:
        log.warning(
            "threads still running after the stop; exiting anyway",
            extra={"fields": {"threads": stray}},
        )
        logging.shutdown()
        os._exit(0)


def _stray_threads() -> list[threading.Thread]:
    main = threading.main_thread()
    return [t for t in threading.enumerate() if t is not main and not t.daemon and t.is_alive()]


def _worker_settings(settings: Settings, index: int) -> Settings:
    """Worker `index`'s settings: its own metrics port (METRICS_LISTEN's port + index)."""
    listen = settings.metrics_listen
    if listen is None:
        return settings
    moved = dataclasses.replace(listen, port=listen.port + index)
    return dataclasses.replace(settings, metrics_listen=moved)


def _run_workers(settings: Settings) -> int:
    """Start N processes and pass SIGTERM/SIGINT on; exit when all have drained."""
    ctx = multiprocessing.get_context("spawn")
    children = [
        ctx.Process(target=_child, args=(_worker_settings(settings, i),), name=f"aduan-worker-{i}")
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
