"""`bench scale`: 1, 2 and 4 worker processes sharing one PostgreSQL inbox and outbox.

Method. For each process count N, a fresh emulator process, a fresh PostgreSQL database and N
separate aduan processes (`bench.botproc`, the real runtime; one wins the leader lock and
polls, all of them claim updates and send). The same load each time: C citizens (default 150)
each file a complaint (bench/load.py) and then send five /ping at once, whose answers must come
back in order. Reported per N: updates/s, the bot processes' CPU, how the handled updates were
spread over the processes, and two order checks read back from the database:
- inbox: within every chat, updates were handled (`handled_at`) in `update_id` order;
- outbox: within every chat, messages reached Telegram (the message ids the emulator gave)
  in the order they were queued.
Goal: 2 processes ≥ 1.7× one, CPU permitting: `machine_cpu_busy` (1.0 = every core busy)
says whether there was CPU left to scale into.

    python -m bench scale [--quick] [--citizens C] [--workers 1,2,4] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import (
    BenchError,
    Child,
    CpuMeter,
    database,
    emit,
    emulator,
    latency_summary,
    progress,
    read_line,
    spawn,
    workdir,
)
from bench.feed import Feed, UserApi, connect
from bench.load import BURST, COMPLAINT, create_users, run_citizens

NEW_MESSAGES = ("text", "photo", "location", "album", "document")


async def start_workers(count: int, base: str, url: str, directory: Path) -> list[Child]:
    children = []
    for n in range(count):
        args = ["-m", "bench.botproc", "aduan", "--base-url", base, "--database", url]
        args += ["--limits", "lifted", "--share", str(count)]
        children.append(await spawn(args, directory / f"worker-{count}-{n}.log"))
    for child in children:
        await read_line(child, "ready", timeout=60)
    return children


async def measure(count: int, citizens: int, directory: Path, warmup: int) -> dict[str, Any]:
    progress(f"scale: {count} worker(s), {citizens} citizens")
    async with emulator(directory) as (base, emu), database("postgres", directory) as url:
        progress("scale: database ready")
        workers = await start_workers(count, base, url, directory)
        progress("scale: workers ready")
        try:
            async with connect(base) as session:
                api, feed = UserApi(session), Feed(session)
                await feed.start()
                try:
                    script = (*COMPLAINT, BURST)
                    warm = await create_users(api, warmup, "Warm")
                    warmup = await run_citizens(api, feed, warm, script, deadline=120)
                    if warmup.errors:
                        raise BenchError(f"warm-up failed: {warmup.errors[0]}")
                    users = await create_users(api, citizens)
                    progress("scale: warmed up, measuring")
                    meter = CpuMeter(
                        {"bots": [w.pid for w in workers], "emulator": [emu.pid]},
                        postgres=True,
                    )
                    meter.start()
                    result = await run_citizens(api, feed, users, script)
                    used = meter.stop()
                finally:
                    await feed.stop()
        except BenchError as exc:
            raise BenchError(f"{count} workers: {exc}\n--- log:\n{workers[0].tail()}") from exc
        finally:
            progress("scale: stopping")
            await asyncio.gather(*(w.stop() for w in workers))
        order = await check_order(url)
        progress("scale: checked")
    progress("scale: cleaned up")
    line: dict[str, Any] = {
        "bench": "scale",
        "workers": count,
        "citizens": citizens,
        "completed": result.completed,
        "updates": result.updates,
        "seconds": round(result.seconds, 2),
        "updates_per_s": round(result.updates / result.seconds, 1),
        "bots_cpu_s": round(used["bots"], 2),
        "cpu_s_per_1k_updates": round(used["bots"] / max(1, result.updates) * 1000, 2),
        **latency_summary(result.latencies),
        "emulator_cpu_s": round(used["emulator"], 2),
        "postgres_cpu_s": round(used["postgres"], 2),
        "machine_cpu_busy": round(meter.machine_utilisation, 2),
        "others_cpu_share": round(meter.others_share, 2),
        "nproc": os.cpu_count(),
        **order,
    }
    if result.errors:
        line["errors"] = len(result.errors)
        line["first_error"] = result.errors[0][:300]
    return line


async def check_order(url: str) -> dict[str, Any]:
    """Per-chat order, read back from the inbox and the outbox."""
    from sqlalchemy import text

    from storage.database import Database

    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            inbox = (
                await conn.execute(
                    text(
                        "SELECT chat_id, update_id, handled_at, locked_by FROM inbox_update "
                        "WHERE status = 'done' AND chat_id IS NOT NULL "
                        "ORDER BY chat_id, update_id"
                    )
                )
            ).all()
            outbox = (
                await conn.execute(
                    text(
                        "SELECT chat_id, id, payload, message_ids FROM outbox_message "
                        "WHERE status = 'sent' ORDER BY chat_id, id"
                    )
                )
            ).all()
    finally:
        await db.dispose()
    return order_breaks(inbox, outbox)


def order_breaks(inbox: Sequence[Any], outbox: Sequence[Any]) -> dict[str, Any]:
    """Count the places where a chat's order broke. `inbox`: rows (chat_id, handled_at,
    locked_by) in (chat_id, update_id) order; `outbox`: rows (chat_id, payload, message_ids)
    of sent messages in (chat_id, id) order. Edits are skipped: they reuse an old id."""
    inbox_breaks = sum(
        1
        for a, b in itertools.pairwise(inbox)
        if a.chat_id == b.chat_id and b.handled_at < a.handled_at
    )
    sent = [r for r in outbox if r.message_ids and (r.payload or {}).get("kind") in NEW_MESSAGES]
    outbox_breaks = sum(
        1
        for a, b in itertools.pairwise(sent)
        if a.chat_id == b.chat_id and min(b.message_ids) < max(a.message_ids)
    )
    handlers = Counter((r.locked_by or "?").rsplit("/", 1)[0] for r in inbox)
    return {
        "inbox_order_breaks": inbox_breaks,
        "outbox_order_breaks": outbox_breaks,
        "order_held": inbox_breaks == 0 and outbox_breaks == 0,
        "updates_by_process": sorted(handlers.values(), reverse=True),
    }


async def run(
    citizens: int, counts: list[int], keep: bool, warmup: int = 3
) -> list[dict[str, Any]]:
    lines = []
    with workdir(keep) as directory:
        for count in counts:
            lines.append(emit(await measure(count, citizens, directory, warmup)))
    one = next((x for x in lines if x["workers"] == 1), None)
    if one:
        speedups = {
            f"speedup_{x['workers']}": round(x["updates_per_s"] / one["updates_per_s"], 2)
            for x in lines
            if x["workers"] != 1
        }
        summary: dict[str, Any] = {"bench": "scale-ratio", **speedups, "nproc": os.cpu_count()}
        if "speedup_2" in speedups:
            summary["goal_2_workers_ge_1_7x"] = speedups["speedup_2"] >= 1.7
        summary["order_held_everywhere"] = all(x["order_held"] for x in lines)
        lines.append(emit(summary))
    return lines


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(prog="python -m bench scale", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 citizens, 1 and 2 workers")
    parser.add_argument("--citizens", type=int)
    parser.add_argument("--workers", help="comma-separated process counts (default 1,2,4)")
    parser.add_argument("--keep", action="store_true", help="keep logs")
    args = parser.parse_args(argv)
    citizens = args.citizens or (5 if args.quick else 150)
    counts = [int(n) for n in (args.workers or ("1,2" if args.quick else "1,2,4")).split(",")]
    return asyncio.run(run(citizens, counts, args.keep, 1 if args.quick else 3))


if __name__ == "__main__":
    main()
