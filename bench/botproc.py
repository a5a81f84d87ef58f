"""The bot under test, in a process of its own so that its CPU time can be read from /proc.

    python -m bench.botproc aduan --library ptb --base-url URL --database URL [--limits lifted]
    python -m bench.botproc echo --library aiogram --base-url URL

`aduan` is the real runtime (`BotRuntime`, the composition root `aduan run` uses) with the
production defaults; only the sender's rate limits may be lifted (`--limits lifted`), so that
`bench intake` measures what the bot can process rather than Telegram's 30 messages/s.
`echo` is the baseline: a bare echo bot of the same library (bench/echo.py).
Prints `ready <pid>` on stdout once started; stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import runpy
import signal
import sys
from typing import Any

from bench.common import TOKEN

# Far above anything a benchmark sends: the limiter still runs, it just never waits. Bursts
# stay small (1,000 per millisecond): a sender with a backlog waits for a whole burst window.
LIFTED = {
    "global_per_second": 1_000_000.0,
    "global_burst": 1_000,
    "private_burst": 1_000,
    "private_window": 0.001,
    "group_per_minute": 1_000,
}


async def run_aduan(args: argparse.Namespace) -> None:
    from bot.logs import configure_logging
    from bot.ratelimit import Limits
    from bot.runtime import BotRuntime, RunOptions
    from bot.settings import Settings

    if patch := os.environ.get("BENCH_PATCH"):  # an experiment to A/B (see bench/README.md)
        runpy.run_path(patch)
    if os.environ.get("BENCH_SQL_STATS"):
        count_sql()
    env = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": args.base_url,
        "TELEGRAM_LIBRARY": args.library,
        "DATABASE_URL": args.database,
        "EVIDENCE_STORE": "database",  # nothing written outside the benchmark's database
        "LOG_LEVEL": args.log_level,
    }
    settings = Settings.load(env, require_token=True, env_file=None)
    configure_logging(settings.log_level, settings.bot_token)
    limits = Limits(**LIFTED) if args.limits == "lifted" else Limits(share=args.share)  # type: ignore[arg-type]
    runtime = BotRuntime(settings, options=RunOptions(limits=limits, limits_share=args.share))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, runtime.stop_event.set)
    await runtime.start()
    print(f"ready {os.getpid()}", flush=True)
    await runtime.stop_event.wait()
    await runtime.stop()


def count_sql() -> None:
    """Count SQL statements and transactions, and which of the bot's tasks ran them; each
    SIGUSR1 prints the totals so far on stdout (`sql {...}`), so the benchmark can take the
    difference over its measurement. A task is named by its coroutine (`InboxWorker._handle`
    handles an update, `InboxWorker.run` claims, `Sender.run` sends, `Poller.run` stores)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    counts: dict[str, Any] = {"statements": 0, "transactions": 0, "by_task": {}}
    by_task: dict[str, int] = counts["by_task"]

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if sql.startswith("BEGIN"):  # SQLite's BEGIN is a statement, PostgreSQL's is not
            return
        counts["statements"] += 1
        task = asyncio.current_task()
        name = task.get_coro().__qualname__ if task is not None else "other"  # type: ignore[union-attr]
        by_task[name] = by_task.get(name, 0) + 1

    def transaction(*_: object) -> None:
        counts["transactions"] += 1

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Engine, "begin", transaction)

    def dump(*_: object) -> None:
        print(f"sql {json.dumps(counts)}", flush=True)

    signal.signal(signal.SIGUSR1, dump)


async def run_echo(args: argparse.Namespace) -> None:
    from bench.echo import run_echo_bot

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await run_echo_bot(args.library, args.base_url, TOKEN, stop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.botproc")
    parser.add_argument("kind", choices=("aduan", "echo"))
    parser.add_argument("--library", choices=("ptb", "aiogram"), default="ptb")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--database", default="")
    parser.add_argument("--limits", choices=("telegram", "lifted"), default="telegram")
    parser.add_argument("--share", type=int, default=1, help="processes sending at once")
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    asyncio.run(run_aduan(args) if args.kind == "aduan" else run_echo(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
