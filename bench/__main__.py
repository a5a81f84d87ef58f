"""`python -m bench <name> [options]`: run one benchmark, or `all` of them side by side.

    python -m bench intake|outbox|scale|roundtrip|sla|report|web|retention [--quick] [...]
    python -m bench all [--quick] [--only intake,outbox] [--output PATH]

`all` runs each benchmark in a process of its own, one after the other, passes their JSON lines
through, writes every result object to bench/results/latest.json (or `--output`), and ends
with the ratios the goals are about. `sla` and `report` are the scheduler's benchmarks; they
are part of `all` when their modules exist.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import runpy
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import RESULTS, machine

MODULES = {
    "intake": "bench.intake",
    "outbox": "bench.outbox",
    "scale": "bench.scale",
    "sla": "bench.sla",
    "report": "bench.report",
    "roundtrip": "bench.emulator_roundtrip",
    "web": "bench.web",
    "retention": "bench.retention",
}
ALL = ("intake", "outbox", "scale", "sla", "report", "web", "retention")
# `make bench` must finish within 15 minutes on the 2-core machine: the outbox's 10,000
# messages take ~6 of them at 30/s, so the others run smaller than their own defaults.
FULL_ARGS = {
    "intake": ["--citizens", "150", "--rounds", "3"],
    "scale": ["--citizens", "80"],
    "sla": ["--tickets", "200000"],
    "report": ["--tickets", "200000"],
    "retention": ["--tickets", "200000"],
}
PER_BENCHMARK_SECONDS = 900.0


def available(name: str) -> bool:
    return importlib.util.find_spec(MODULES[name]) is not None


async def run_one(name: str, args: list[str]) -> tuple[list[dict[str, Any]], str | None]:
    """One benchmark in a child process: its JSON lines (echoed as they come), and an error."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", MODULES[name], *args, stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    lines: list[dict[str, Any]] = []
    try:
        async with asyncio.timeout(PER_BENCHMARK_SECONDS):
            async for raw in process.stdout:
                text = raw.decode(errors="replace").strip()
                try:
                    parsed = json.loads(text)
                except ValueError:
                    print(text, file=sys.stderr, flush=True)
                    continue
                if isinstance(parsed, dict):
                    lines.append(parsed)
                    print(text, flush=True)
            code = await process.wait()
    except TimeoutError:
        process.kill()
        await process.wait()
        return lines, f"{name}: stopped after {PER_BENCHMARK_SECONDS:.0f} s"
    return lines, None if code == 0 else f"{name}: exited with {code}"


def ratios(lines: list[dict[str, Any]]) -> list[str]:
    """The figures the goals are about, one human line each."""
    out = []
    for x in lines:
        bench = x.get("bench")
        if bench == "intake-ratio":
            ratio = x["cpu_per_update_vs_echo"]
            goal = x.get("cpu_ratio_goal", 1.5)
            out.append(
                f"intake {x['library']}/{x['database']}: CPU per update {ratio}x the echo "
                f"bot's (goal <= {goal}, direction 1.5), {x['complaints_per_min']} "
                f"complaints/min, {x.get('statements_per_update')} SQL statements per update, "
                f"{x.get('answers_per_complaint')} answers per complaint"
            )
        elif bench == "outbox":
            out.append(
                f"outbox: {x['messages_per_s']}/s = {x['of_ceiling']:.0%} of 30/s (goal >= 95%), "
                f"{x['retry_after_429s']} x 429 (goal 0), busiest group {x['max_group_per_minute']}"
                "/min (limit 20)"
            )
        elif bench == "web-ratio":
            out.append(
                f"web {x['database']} ({x['tickets']} tickets): dashboard {x['dashboard_per_s']}/s,"
                f" requests.json {x['requests_json_per_s']}/s (goal >= {x['goal_per_s']}/s), "
                f"static {x['static_per_s']}/s; vs static {x['dashboard_vs_static']}x and "
                f"{x['requests_json_vs_static']}x"
            )
        elif bench == "retention":
            out.append(
                f"retention {x['backend']} ({x['tickets']} closed complaints, batches of "
                f"{x['batch']}): slowest batch {x['batch_ms_max']} ms, a writer beside it took "
                f"{x['writer_wait_ms_p50']} ms (p50), {x['writer_wait_ms_max']} ms at most (alone: "
                f"{x['writer_alone_ms_p50']}, {x['writer_alone_ms_max']}); inbox "
                f"{x['before']['inbox_update']} -> "
                f"{x['after']['inbox_update']}, outbox {x['before']['outbox_message']} -> "
                f"{x['after']['outbox_message']}; index ranges: {all(x['index_range'].values())}"
                f" (ok: {x['ok']})"
            )
        elif bench == "scale-ratio":
            speedups = ", ".join(f"{k}={v}x" for k, v in x.items() if k.startswith("speedup_"))
            out.append(
                f"scale: {speedups} on {x['nproc']} cores (goal 2 workers >= 1.7x); "
                f"per-chat order held: {x['order_held_everywhere']}"
            )
    return out


async def run_all(quick: bool, only: list[str] | None) -> dict[str, Any]:
    names = [n for n in (only or ALL) if available(n)]
    skipped = [n for n in (only or ALL) if n not in names]
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    errors: list[str] = []
    for name in names:
        lines, error = await run_one(name, ["--quick"] if quick else FULL_ARGS.get(name, []))
        results += lines
        if error:
            errors.append(error)
    seconds = time.perf_counter() - started
    record = {
        "machine": machine(),
        "quick": quick,
        "seconds": round(seconds, 1),
        "benchmarks": names,
        "skipped": skipped,
        "errors": errors,
        "results": results,
    }
    return record


def write_and_summarise(record: dict[str, Any], output: Path) -> int:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(record, indent=1) + "\n")
    print(f"\n== ratios ({record['seconds']:.0f} s, written to {output})", file=sys.stderr)
    for line in ratios(record["results"]):
        print(line, file=sys.stderr)
    for name in record["skipped"]:
        print(f"{name}: not available (no {MODULES[name]} module)", file=sys.stderr)
    for error in record["errors"]:
        print(f"FAILED {error}", file=sys.stderr)
    return 1 if record["errors"] else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name == "all":
        parser = argparse.ArgumentParser(prog="python -m bench all")
        parser.add_argument("--quick", action="store_true", help="a tiny smoke of each")
        parser.add_argument("--only", help="comma-separated benchmark names")
        parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
        args = parser.parse_args(rest)
        only = args.only.split(",") if args.only else None
        return write_and_summarise(asyncio.run(run_all(args.quick, only)), args.output)
    if name not in MODULES:
        print(f"unknown benchmark {name!r}; one of: {', '.join(MODULES)}, all", file=sys.stderr)
        return 2
    if not available(name):
        print(f"{name}: {MODULES[name]} does not exist yet", file=sys.stderr)
        return 2
    sys.argv = [f"python -m bench {name}", *rest]  # each module parses its own arguments
    runpy.run_module(MODULES[name], run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
