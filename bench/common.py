"""What every benchmark shares: the emulator and the bot in processes of their own, a migrated
and seeded database, CPU accounting from /proc, percentiles, and one-JSON-object-per-line output.

Every process listens on 127.0.0.1 only, and every run is bounded in time: a benchmark that
stalls raises instead of hanging (`Deadline`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOKEN = "123456789:AAEmulatorTestToken"
ROOT = Path(__file__).resolve().parents[1]
CITY_FILE = ROOT / "examples" / "surakarta.toml"
RESULTS = ROOT / "bench" / "results"
DEFAULT_PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
_TICKS = os.sysconf("SC_CLK_TCK")


class BenchError(RuntimeError):
    """A benchmark could not measure what it set out to (it says why)."""


_T0 = time.perf_counter()


def progress(message: str) -> None:
    """A progress note on stderr (stdout carries only the JSON results)."""
    print(f"# {time.perf_counter() - _T0:6.1f}s {message}", file=sys.stderr, flush=True)


def emit(result: dict[str, Any]) -> dict[str, Any]:
    print(json.dumps(result), flush=True)
    return result


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of `values` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    return {f"latency_ms_p{p}": round(percentile(seconds, p) * 1000, 1) for p in (50, 95, 99)}


def machine() -> dict[str, Any]:
    """What the figures were measured on (they mean little without it)."""
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version()}


# --- CPU accounting ---------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one live process, from /proc/<pid>/stat."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores, from /proc/stat."""
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(x) for x in first[:8]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks) - idle) / _TICKS, sum(ticks) / _TICKS


def postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine (they do the benchmark's SQL)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
    return pids


class CpuMeter:
    """CPU used by groups of processes, and by the whole machine, between `start` and `stop`.

    `others_share` is the part of the machine that processes outside the benchmark used: on a
    shared machine it says how much the figures were squeezed (0: nothing else ran).
    """

    def __init__(self, pids: dict[str, list[int]], *, postgres: bool = False) -> None:
        self.pids = pids
        self.postgres = postgres
        self._start: dict[int, float] = {}
        self._machine: tuple[float, float] = (0.0, 0.0)
        self.used: dict[str, float] = {}
        self.machine_utilisation = 0.0  # 1.0 = every core busy the whole time
        self.others_share = 0.0

    def _groups(self) -> dict[str, list[int]]:
        groups = dict(self.pids)
        if self.postgres:
            groups["postgres"] = postgres_pids()
        return groups

    def _sample(self, pids: list[int]) -> dict[int, float]:
        sample = {}
        for pid in pids:
            with contextlib.suppress(OSError, ValueError, IndexError):
                sample[pid] = cpu_seconds(pid)
        return sample

    def start(self) -> None:
        self._start = self._sample([p for pids in self._groups().values() for p in pids])
        self._machine = machine_busy()

    def stop(self) -> dict[str, float]:
        groups = self._groups()
        now = self._sample([p for pids in groups.values() for p in pids])
        busy, total = machine_busy()
        self.used = {
            name: sum(now[p] - self._start.get(p, 0.0) for p in pids if p in now)
            for name, pids in groups.items()
        }
        spent_busy, spent_total = busy - self._machine[0], total - self._machine[1]
        if spent_total > 0:
            self.machine_utilisation = spent_busy / spent_total
            self.others_share = max(0.0, spent_busy - sum(self.used.values())) / spent_total
        return self.used


# --- processes --------------------------------------------------------------------------------


@dataclass
class Child:
    process: asyncio.subprocess.Process
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    async def stop(self, timeout: float = 20.0) -> None:  # noqa: ASYNC109 - a bound, not an API
        if self.process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()

    def tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""


async def spawn(args: list[str], log: Path, env: dict[str, str] | None = None) -> Child:
    """`python -m ...` in its own process; stdout is piped (for a ready line), stderr logged."""
    handle = log.open("wb")
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            stdout=asyncio.subprocess.PIPE,
            stderr=handle,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
    finally:
        handle.close()
    return Child(process, log)


async def read_line(child: Child, marker: str, timeout: float = 60.0) -> str:  # noqa: ASYNC109
    """The child's first stdout line containing `marker` (its ready signal)."""
    assert child.process.stdout is not None
    try:
        async with asyncio.timeout(timeout):
            while True:
                raw = await child.process.stdout.readline()
                if not raw:
                    raise BenchError(f"process exited before {marker!r}:\n{child.tail()}")
                line = raw.decode(errors="replace").strip()
                if marker in line:
                    return line
    except TimeoutError:
        raise BenchError(f"no {marker!r} within {timeout:.0f} s:\n{child.tail()}") from None


@contextlib.asynccontextmanager
async def emulator(workdir: Path) -> AsyncIterator[tuple[str, Child]]:
    """`python -m playground.emulator --port 0` in its own process: yields (base URL, child)."""
    child = await spawn(
        ["-m", "playground.emulator", "--port", "0", "--token", TOKEN],
        workdir / f"emulator-{uuid.uuid4().hex[:6]}.log",
    )
    try:
        line = await read_line(child, "listening on", timeout=30)
        yield line.rsplit(" ", 1)[-1].strip(), child
    finally:
        await child.stop()


@contextlib.contextmanager
def workdir(keep: bool = False) -> Iterator[Path]:
    """A scratch directory for databases and logs (kept with `--keep` to read the logs)."""
    path = Path(tempfile.mkdtemp(prefix="aduan-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"# logs and databases kept in {path}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


# --- databases --------------------------------------------------------------------------------


def postgres_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get(
        "TEST_DATABASE_URL", DEFAULT_PG_URL
    )


@contextlib.asynccontextmanager
async def database(backend: str, directory: Path, *, seed: bool = True) -> AsyncIterator[str]:
    """A migrated (and seeded) database of this run's own; yields its URL.

    PostgreSQL gets a whole database (`aduan_bench_<hex>`, dropped afterwards) rather than a
    schema, so that the bot can be started with nothing but DATABASE_URL, like in production.
    """
    from storage.migrate import upgrade

    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{directory / f'aduan-{uuid.uuid4().hex[:6]}.db'}"
        await upgrade(url)
        if seed:
            await _seed(url)
        yield url
        return
    if backend != "postgres":
        raise ValueError(f"unknown backend {backend!r}")
    import asyncpg

    from storage.database import normalise_url

    base = normalise_url(postgres_url())
    dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"aduan_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(dsn, timeout=10)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)
        await upgrade(url)
        if seed:
            await _seed(url)
        yield url
    finally:
        with contextlib.suppress(Exception):
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _seed(url: str) -> None:
    from storage.database import Database
    from storage.seed import seed_city
    from storage.seed_file import load_city_file

    db = Database(url)
    try:
        await seed_city(db.uow, load_city_file(CITY_FILE))
    finally:
        await db.dispose()


# --- profiling --------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def profiled(pid: int, output: Path | None, rate: int = 200) -> AsyncIterator[None]:
    """Sample `pid` with py-spy (collapsed stacks in `output`) while the block runs; a no-op
    without `output`. py-spy is a developer tool, not a dependency: `pip install py-spy`."""
    if output is None:
        yield
        return
    spy = Path(sys.executable).with_name("py-spy")
    process = await asyncio.create_subprocess_exec(
        str(spy if spy.exists() else "py-spy"),
        "record",
        "--pid",
        str(pid),
        "--rate",
        str(rate),
        "--format",
        "raw",
        "--output",
        str(output),
        "--nonblocking",
        "--gil",  # samples of the thread running Python: where the CPU goes, not the waits
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), 30)
