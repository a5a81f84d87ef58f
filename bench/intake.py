"""`bench intake`: citizens filing complaints at once, aduan against a bare echo bot.

Method. For each library, in one run: the echo bot, then aduan on SQLite, then aduan on
PostgreSQL. Each gets a fresh emulator process and its own bot process; N simulated citizens
(bench/load.py, default 500) each send a full complaint (9 updates: a command, four button
presses, a text, a photo, a location and a contact), waiting for the bot's answer to each
update before sending the next; the echo bot gets the same kinds of update from the same
number of citizens. Measured between the first update and the last answer:
- updates/s and complaints/min;
- the bot process's CPU seconds (utime + stime from /proc) per 1,000 updates, and aduan's
  ratio to the echo bot of its library (goal ≤ 1.5);
- p50/p95/p99 latency from the emulator storing a user's update to it storing the bot's answer.
aduan runs with the sender's rate limits lifted: otherwise the answers of 500 citizens queue
behind Telegram's 30 messages/s, and the benchmark would measure the limit, not the bot. The
`telegram_cap_complaints_per_min` figure says what that limit allows for the messages a
complaint takes.

    python -m bench intake [--quick] [--citizens N] [--libraries ptb,aiogram]
                           [--databases sqlite,postgres] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import os
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
    profiled,
    read_line,
    spawn,
    workdir,
)
from bench.feed import Feed, UserApi, connect
from bench.load import SCRIPTS, Step, create_users, mirror, probe_script, run_citizens

TELEGRAM_PER_SECOND = 30
WARMUP_CITIZENS = 3


async def start_bot(
    kind: str, library: str, base: str, url: str, directory: Path, limits: str = "lifted"
) -> Child:
    args = ["-m", "bench.botproc", kind, "--library", library, "--base-url", base]
    if kind == "aduan":
        args += ["--database", url, "--limits", limits]
    child = await spawn(args, directory / f"{kind}-{library}-{os.urandom(3).hex()}.log")
    await read_line(child, "ready", timeout=60)
    return child


async def measure(
    kind: str,
    library: str,
    backend: str | None,
    citizens: int,
    script: str | None,
    directory: Path,
    profile: Path | None = None,
) -> dict[str, Any]:
    """One bot, one fresh emulator, one database: the figures of one line of output."""
    out = profile / f"{kind}-{library}-{backend}.txt" if profile else None
    async with emulator(directory) as (base, emu):
        if backend is None:
            bot = await start_bot(kind, library, base, "", directory)
            return await _drive(kind, library, None, citizens, script, base, emu, bot, out)
        async with database(backend, directory) as url:
            bot = await start_bot(kind, library, base, url, directory)
            return await _drive(kind, library, backend, citizens, script, base, emu, bot, out)


async def _drive(
    kind: str,
    library: str,
    backend: str | None,
    citizens: int,
    script: str | None,
    base: str,
    emu: Child,
    bot: Child,
    profile: Path | None = None,
) -> dict[str, Any]:
    try:
        async with connect(base) as session:
            api, feed = UserApi(session), Feed(session)
            await feed.start()
            try:
                probe = (await create_users(api, 1, "Probe"))[0]
                if script is None:
                    script = await probe_script(api, feed, probe)
                steps: Sequence[Step] = SCRIPTS[script]
                if kind == "echo":
                    steps = mirror(steps)
                warm = await create_users(api, WARMUP_CITIZENS, "Warm")
                warmup = await run_citizens(api, feed, warm, steps, deadline=120)
                if warmup.errors:
                    raise BenchError(f"warm-up failed: {warmup.errors[0]}")
                users = await create_users(api, citizens)
                meter = CpuMeter(
                    {"bot": [bot.pid], "emulator": [emu.pid], "load": [os.getpid()]},
                    postgres=backend == "postgres",
                )
                async with profiled(bot.pid, profile):
                    meter.start()
                    result = await run_citizens(api, feed, users, steps)
                    used = meter.stop()
                answers = sum(
                    1
                    for user in users
                    for event in feed.chat(int(user["id"])).bot_events
                    if event["type"] == "message"
                )
            finally:
                await feed.stop()
    except BenchError as exc:
        raise BenchError(f"{kind}/{library}/{backend}: {exc}\n--- bot log:\n{bot.tail()}") from exc
    finally:
        await bot.stop()
    seconds = result.seconds
    per_complaint = answers / max(1, result.completed)
    line: dict[str, Any] = {
        "bench": "intake",
        "bot": kind,
        "library": library,
        "database": backend,
        "script": script,
        "citizens": citizens,
        "completed": result.completed,
        "updates": result.updates,
        "seconds": round(seconds, 2),
        "updates_per_s": round(result.updates / seconds, 1),
        "complaints_per_min": round(result.completed / seconds * 60, 1),
        "bot_cpu_s": round(used["bot"], 2),
        "cpu_s_per_1k_updates": round(used["bot"] / max(1, result.updates) * 1000, 2),
        **latency_summary(result.latencies),
        "answers_per_complaint": round(per_complaint, 2),
        "emulator_cpu_s": round(used["emulator"], 2),
        "load_cpu_s": round(used["load"], 2),
        "machine_cpu_busy": round(meter.machine_utilisation, 2),
        "others_cpu_share": round(meter.others_share, 2),
    }
    if "postgres" in used:
        line["postgres_cpu_s"] = round(used["postgres"], 2)
    if kind == "aduan" and per_complaint:
        line["telegram_cap_complaints_per_min"] = round(TELEGRAM_PER_SECOND * 60 / per_complaint)
    if result.errors:
        line["errors"] = len(result.errors)
        line["first_error"] = result.errors[0][:300]
    return line


def summarise(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """aduan against the echo bot of its library: the ratios the goals are about."""
    out = []
    echo = {x["library"]: x for x in lines if x["bot"] == "echo"}
    for line in lines:
        base = echo.get(line["library"])
        if line["bot"] != "aduan" or base is None or not base["cpu_s_per_1k_updates"]:
            continue
        ratio = line["cpu_s_per_1k_updates"] / base["cpu_s_per_1k_updates"]
        summary: dict[str, Any] = {
            "bench": "intake-ratio",
            "library": line["library"],
            "database": line["database"],
            "cpu_per_update_vs_echo": round(ratio, 2),
            "goal_cpu_ratio_le_1_5": ratio <= 1.5,
            "updates_per_s_vs_echo": round(line["updates_per_s"] / base["updates_per_s"], 2),
            "complaints_per_min": line["complaints_per_min"],
        }
        if line["database"] == "sqlite":
            summary["goal_200_complaints_per_min"] = line["complaints_per_min"] >= 200
        out.append(summary)
    return out


async def run(
    citizens: int,
    libraries: Sequence[str],
    backends: Sequence[str],
    keep: bool = False,
    profile: Path | None = None,
) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    with workdir(keep) as directory:
        for library in libraries:
            script: str | None = None
            for backend in backends:
                line = emit(
                    await measure("aduan", library, backend, citizens, None, directory, profile)
                )
                script = script or line["script"]
                lines.append(line)
            # The echo bot last, with the script aduan could follow (the same update kinds).
            lines.append(
                emit(await measure("echo", library, None, citizens, script, directory, profile))
            )
    for summary in summarise(lines):
        lines.append(emit(summary))
    return lines


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(prog="python -m bench intake", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 citizens, SQLite, one library")
    parser.add_argument("--citizens", type=int)
    parser.add_argument("--libraries", default=None, help="comma-separated: ptb,aiogram")
    parser.add_argument("--databases", default=None, help="comma-separated: sqlite,postgres")
    parser.add_argument("--keep", action="store_true", help="keep logs and databases")
    parser.add_argument("--profile", type=Path, help="py-spy the bots into this directory")
    args = parser.parse_args(argv)
    citizens = args.citizens or (20 if args.quick else 500)
    libraries = (args.libraries or ("ptb" if args.quick else "ptb,aiogram")).split(",")
    backends = (args.databases or ("sqlite" if args.quick else "sqlite,postgres")).split(",")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    return asyncio.run(run(citizens, libraries, backends, args.keep, args.profile))


if __name__ == "__main__":
    main()
