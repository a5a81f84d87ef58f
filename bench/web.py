"""`bench web`: the public site's dashboard and Open311 `requests.json` over a big city, side by
side with a static file served by the same server, on SQLite and on PostgreSQL.

Method. A city of N tickets (bench/sla_data.py: two years, one agency share each, public and
verified, default 100,000) in a fresh database; the site in its own process exactly as `aduan
web` runs it (`bench.webserver`: uvicorn, one process, its in-memory page cache on); this
process is the load generator, C keep-alive HTTP/1.1 connections (default 16) sending one
request after another for D seconds (default 10) per target, after a warm-up. Reported per
target: requests/s, the server's CPU seconds per 1,000 requests, and the first (cold) request's
time, which is when the dashboard's twelve months of figures are computed. The ratio lines
divide each target's requests/s by the static file's: how close a page comes to the server's
own ceiling. Goal: ≥ 500 requests/s for the dashboard and requests.json from one process.

    python -m bench web [--quick] [--tickets N] [--seconds D] [--connections C]
                        [--backend sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import time
from pathlib import Path

from bench.common import CpuMeter, emit, progress, read_line, spawn, workdir
from bench.sla_data import PG_URL, big_city

TARGETS = {
    "dashboard": "/",
    "requests_json": "/open311/v2/requests.json",
    "static": "/static/css/site.css",
}
GOAL = 500
LENGTH = re.compile(rb"content-length:\s*(\d+)", re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    found = LENGTH.search(head)
    if found is None:
        raise RuntimeError(f"no content-length in {head[:200]!r}")
    await reader.readexactly(int(found.group(1)))
    return int(head[9:12])


async def hammer(port: int, path: str, seconds: float, connections: int) -> tuple[int, int]:
    """(answers with status 200, others) within `seconds`, over keep-alive connections."""
    raw = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: id\r\n\r\n".encode()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    counts = [0, 0]

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while loop.time() < deadline:
                counts[0 if await fetch(reader, writer, raw) == 200 else 1] += 1
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return counts[0], counts[1]


async def first_request_ms(port: int, path: str) -> float:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    raw = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    try:
        started = time.perf_counter()
        status = await fetch(reader, writer, raw)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return round((time.perf_counter() - started) * 1000, 1)
    finally:
        writer.close()


async def measure(
    backend: str, tickets: int, seconds: float, connections: int, folder: Path
) -> None:
    progress(f"web: {tickets} tickets on {backend}")
    async with big_city(backend, tickets) as db:
        url = str(db.url.render_as_string(hide_password=False)) if backend == "sqlite" else PG_URL
        port = free_port()
        args = ["-m", "bench.webserver", "--database", url, "--port", str(port)]
        if db.schema:
            args += ["--schema", db.schema]
        child = await spawn(args, folder / f"web-{backend}.log")
        try:
            await read_line(child, "ready")
            cold = {name: await first_request_ms(port, path) for name, path in TARGETS.items()}
            rates: dict[str, float] = {}
            for name, path in TARGETS.items():
                await hammer(port, path, min(1.0, seconds / 5), connections)  # warm-up
                pids = {"server": [child.process.pid], "load": [os.getpid()]}
                meter = CpuMeter(pids, postgres=backend == "postgres")
                meter.start()
                started = time.perf_counter()
                ok, other = await hammer(port, path, seconds, connections)
                elapsed = time.perf_counter() - started
                used = meter.stop()
                rates[name] = ok / elapsed
                emit(
                    {
                        "bench": "web",
                        "database": backend,
                        "tickets": tickets,
                        "target": name,
                        "path": path,
                        "requests": ok,
                        "not_200": other,
                        "requests_per_s": round(rates[name], 1),
                        "server_cpu_s_per_1k": round(1000 * used["server"] / max(ok, 1), 3),
                        "first_request_ms": cold[name],
                        "connections": connections,
                        "load_cpu_s_per_1k": round(1000 * used["load"] / max(ok, 1), 3),
                        "machine_cpu_busy": round(meter.machine_utilisation, 2),
                        "others_cpu_share": round(meter.others_share, 2),
                    }
                )
            emit(
                {
                    "bench": "web-ratio",
                    "database": backend,
                    "tickets": tickets,
                    "dashboard_per_s": round(rates["dashboard"], 1),
                    "requests_json_per_s": round(rates["requests_json"], 1),
                    "static_per_s": round(rates["static"], 1),
                    "dashboard_vs_static": round(rates["dashboard"] / rates["static"], 2),
                    "requests_json_vs_static": round(rates["requests_json"] / rates["static"], 2),
                    "goal_per_s": GOAL,
                    "goal_met": min(rates["dashboard"], rates["requests_json"]) >= GOAL,
                }
            )
        finally:
            await child.stop()


async def run(args: argparse.Namespace) -> None:
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    with workdir() as folder:
        for backend in backends:
            await measure(backend, args.tickets, args.seconds, args.connections, folder)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench web")
    parser.add_argument("--quick", action="store_true", help="5,000 tickets, 2 s per target")
    parser.add_argument("--tickets", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    args.tickets = args.tickets or (5_000 if args.quick else 100_000)
    args.seconds = args.seconds or (2.0 if args.quick else 10.0)
    try:
        import uvloop

        uvloop.install()  # the load generator must not be the bottleneck
    except ImportError:  # pragma: no cover
        pass
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
