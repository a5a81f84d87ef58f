"""The e2e harness: a seeded city database, the emulator, and the real bot runtime wired to it
over HTTP, for one Telegram library and one database.

Tests use it through the `bot` fixture (tests/e2e/conftest.py), parametrised over both
gateways and both databases, so every e2e test proves the same behaviour four ways.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.runtime import BotRuntime, RunOptions
from bot.settings import Settings
from domain.clock import FakeClock
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer
from storage.database import Database
from storage.seed import seed_city
from storage.seed_file import load_city_file
from tests.backends import postgres_schema, sqlite_file

CITY_FILE = Path(__file__).resolve().parents[2] / "examples" / "surakarta.toml"


@dataclass
class Harness:
    emulator: EmulatorServer
    client: EmulatorClient
    db: Database
    url: str
    schema: str | None
    library: str
    backend: str
    clock: FakeClock
    runtime: BotRuntime | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    def settings(self, **env: str) -> Settings:
        values = {
            "BOT_TOKEN": self.emulator.token,
            "TELEGRAM_API_BASE_URL": self.emulator.base_url,
            "TELEGRAM_LIBRARY": self.library,
            "DATABASE_URL": self.url,
            **self.extra_env,
            **env,
        }
        return Settings.load(values, require_token=True, env_file=None)

    async def start_bot(self, options: RunOptions | None = None, **env: str) -> BotRuntime:
        """Start the real runtime (polling unless `options` say webhook)."""
        settings = self.settings(**env)
        runtime = BotRuntime(
            settings,
            options=options or RunOptions(poll_timeout=1, worker_poll_interval=0.2),
            clock=self.clock,
            db=Database(self.url, schema=self.schema),
        )
        await runtime.start()
        self.runtime = runtime
        return runtime

    async def stop_bot(self) -> None:
        if self.runtime is not None:
            await self.runtime.stop()
            self.runtime = None

    async def citizen(self, first_name: str = "Budi", language: str = "id") -> dict[str, Any]:
        """A Telegram user who has pressed /start (so the bot may write to them)."""
        return await self.client.create_user(first_name, language_code=language)


@contextlib.asynccontextmanager
async def database(backend: str, tmp_path: Path) -> AsyncIterator[tuple[str, str | None]]:
    """A migrated, seeded database: yields (url, schema)."""
    if backend == "sqlite":
        async with sqlite_file(tmp_path) as path:
            url = f"sqlite+aiosqlite:///{path}"
            await _seed(url, None)
            yield url, None
    else:
        async with postgres_schema(migrated=True) as (url, schema):
            await _seed(url, schema)
            yield url, schema


async def _seed(url: str, schema: str | None) -> None:
    db = Database(url, schema=schema)
    try:
        await seed_city(db.uow, load_city_file(CITY_FILE))
    finally:
        await db.dispose()


@contextlib.asynccontextmanager
async def harness(library: str, backend: str, tmp_path: Path) -> AsyncIterator[Harness]:
    async with database(backend, tmp_path) as (url, schema), EmulatorServer() as emulator:
        client = emulator.client()
        db = Database(url, schema=schema)
        h = Harness(
            emulator=emulator,
            client=client,
            db=db,
            url=url,
            schema=schema,
            library=library,
            backend=backend,
            clock=FakeClock(),
            extra_env={"EVIDENCE_DIR": str(tmp_path / "evidence")},
        )
        try:
            yield h
        finally:
            await h.stop_bot()
            await client.aclose()
            await db.dispose()
