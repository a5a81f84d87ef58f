"""The bot as the operator runs it: `python -m bot.cli run` in a subprocess, against the
emulator on 127.0.0.1 and a database of its own, so it can be SIGKILLed and SIGTERMed.

`aduan run` takes its settings from the environment and has no schema setting. On PostgreSQL
each test gets a login role and a schema of its own (`aduan_e2e_<hex>`, the role's
`search_path`), migrated and seeded: the bot is given a plain URL naming that role. (A fresh
database per test would do as well, but DROP DATABASE waits for a checkpoint, which takes
seconds on a busy machine; dropping a schema and a role does not.) Each bot runs in a session of
its own, so a test that fails half-way can still end the bot and every worker it started, by
that session's id.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer
from storage.database import Database
from storage.migrate import upgrade
from storage.seed import seed_city
from storage.seed_file import load_city_file
from tests.backends import postgres_unavailable, postgres_url, sqlite_file
from tests.e2e.harness import CITY_FILE

ROOT = Path(__file__).resolve().parents[3]
LogLine = dict[str, Any]


@dataclass
class BotProcess:
    """One `aduan run` (with `--workers N`, a parent and N workers) and its JSON log."""

    proc: asyncio.subprocess.Process
    log_path: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def running(self) -> bool:
        return self.proc.returncode is None

    def lines(self, msg: str | None = None) -> list[LogLine]:
        found = []
        for raw in self.log_path.read_text(errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                line = json.loads(raw)
                if isinstance(line, dict) and (msg is None or line.get("msg") == msg):
                    found.append(line)
        return found

    async def wait_for_log(
        self, msg: str, count: int = 1, *, within: float = 60.0, where: Callable[..., bool] = bool
    ) -> list[LogLine]:
        """Bounded wait for `count` log lines `msg` (matching `where`); fails early if the
        process exits, showing the end of its log."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            found = [line for line in self.lines(msg) if where(line)]
            if len(found) >= count:
                return found
            if not self.running or loop.time() > deadline:
                tail = self.log_path.read_text(errors="replace")[-3000:]
                state = "exited" if not self.running else f"still waiting after {within} s"
                raise AssertionError(f"bot {state} before logging {msg!r} x{count}:\n{tail}")
            await asyncio.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed or released."""
        self.proc.send_signal(signal.SIGKILL)

    async def stop(self, *, within: float) -> tuple[int, float]:
        """SIGTERM, then wait: returns (exit code, seconds it took). Past `within`, fails
        with the end of the bot's log (where the runtime reports what it still waits for)."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            tail = self.log_path.read_text(errors="replace")[-4000:]
            raise AssertionError(f"bot still running {within} s after SIGTERM:\n{tail}") from None
        return code, loop.time() - started

    async def end(self) -> None:
        """Teardown: whatever is left of this bot's session (workers too) is killed."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.proc.wait(), 10)


@dataclass
class Deployment:
    library: str
    backend: str
    url: str  # DATABASE_URL of the bot processes
    db: Database  # the test's own view of the same database
    emulator: EmulatorServer
    client: EmulatorClient
    logs: Path
    bots: list[BotProcess] = field(default_factory=list)

    def env(self, **settings: str) -> dict[str, str]:
        return {
            **os.environ,
            "BOT_TOKEN": self.emulator.token,
            "TELEGRAM_API_BASE_URL": self.emulator.base_url,
            "TELEGRAM_LIBRARY": self.library,
            "DATABASE_URL": self.url,
            "LOG_LEVEL": "INFO",
            "EVIDENCE_DIR": str(self.logs / "evidence"),
            **settings,
        }

    async def launch(self, *args: str, **settings: str) -> BotProcess:
        """`aduan run [args]` with these settings on top, not waiting for anything."""
        log_path = self.logs / f"bot-{len(self.bots) + 1}.log"
        with log_path.open("wb") as log:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "--env-file", os.devnull, "run", *args,
                cwd=ROOT, env=self.env(**settings), stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL, stderr=log, start_new_session=True,
            )  # fmt: skip
        bot = BotProcess(proc, log_path)
        self.bots.append(bot)
        return bot

    async def start(self, *args: str, leads: bool = True, **settings: str) -> BotProcess:
        """`launch`, then wait until it started (and, with `leads`, took the intake)."""
        bot = await self.launch(*args, **settings)
        await bot.wait_for_log("aduan started", within=90)
        if leads:
            await bot.wait_for_log("this process leads: taking Telegram updates", within=30)
        return bot


async def _seed(url: str) -> None:
    db = Database(url)
    try:
        await seed_city(db.uow, load_city_file(CITY_FILE))
    finally:
        await db.dispose()


@contextlib.asynccontextmanager
async def own_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated, seeded database the bot processes can reach by URL alone."""
    if backend == "sqlite":
        async with sqlite_file(tmp_path) as path:
            url = f"sqlite+aiosqlite:///{path}"
            await _seed(url)
            yield url
        return
    admin_url = make_url(postgres_url()).set(drivername="postgresql")
    try:
        admin = await asyncpg.connect(admin_url.render_as_string(hide_password=False), timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        postgres_unavailable(f"PostgreSQL not reachable: {exc}")
    name = f"aduan_e2e_{uuid.uuid4().hex[:12]}"
    url = make_url(postgres_url()).set(username=name).render_as_string(hide_password=False)
    try:
        await admin.execute(f'CREATE ROLE "{name}" LOGIN')
        await admin.execute(f'CREATE SCHEMA "{name}" AUTHORIZATION "{name}"')
        await admin.execute(f'ALTER ROLE "{name}" SET search_path = "{name}"')
        await upgrade(url)
        await _seed(url)
        yield url
    finally:
        try:
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", name
            )
            await admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
            await admin.execute(f'DROP ROLE IF EXISTS "{name}"')
        finally:
            await admin.close()


@contextlib.asynccontextmanager
async def deployment(library: str, backend: str, tmp_path: Path) -> AsyncIterator[Deployment]:
    async with own_database(backend, tmp_path) as url, EmulatorServer() as emulator:
        d = Deployment(
            library=library,
            backend=backend,
            url=url,
            db=Database(url),
            emulator=emulator,
            client=emulator.client(),
            logs=tmp_path,
        )
        try:
            yield d
        finally:
            for bot in d.bots:
                await bot.end()
            await d.client.aclose()
            await d.db.dispose()
