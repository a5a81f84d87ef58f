"""`aduan run`: one bot process, or several worker processes on PostgreSQL.

With `WORKERS=N`, N processes share the inbox and the outbox (claims use `FOR UPDATE SKIP
LOCKED` and keep per-chat order); one of them, elected by an advisory lock, takes updates
from Telegram. Each process sends at 1/N of Telegram's limits so together they stay under them.
This process only supervises them (bot.supervisor): it never opens the database itself.
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
from bot.supervisor import Supervisor

log = logging.getLogger(__name__)


def run(settings: Settings) -> int:
    configure_logging(settings.log_level, settings.bot_token)
    if settings.workers <= 1:
        asyncio.run(BotRuntime(settings).run_until_signalled())
        leave_past_stray_threads()
        return 0
    return _run_workers(settings)


def _child(settings: Settings) -> None:
    """One worker. A failure is logged as one JSON line (why it died, for the supervisor's
    reader) and ends the process with 1; the supervisor decides what comes next."""
    configure_logging(settings.log_level, settings.bot_token)
    try:
        asyncio.run(BotRuntime(settings).run_until_signalled())
    except Exception:
        log.exception("worker failed", extra={"fields": {"pid": os.getpid()}})
        logging.shutdown()
        sys.exit(1)
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
    """Start N processes and keep them running (bot.supervisor); SIGTERM/SIGINT drain them."""
    ctx = multiprocessing.get_context("spawn")

    def start(slot: int) -> multiprocessing.process.BaseProcess:
        worker = ctx.Process(
            target=_child, args=(_worker_settings(settings, slot),), name=f"aduan-worker-{slot}"
        )
        worker.start()
        return worker

    supervisor = Supervisor(start, settings.workers)

    def forward(_signum: int, _frame: object) -> None:
        supervisor.stop()

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    code = supervisor.run()
    if supervisor.gave_up is not None:
        print(f"aduan run: {supervisor.gave_up}; stopped every worker", file=sys.stderr)
    elif code != 0:
        print("aduan run: a worker did not stop cleanly (see the log)", file=sys.stderr)
    return code
