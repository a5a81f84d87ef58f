"""The demo's public site (`aduan web`) on its own port, over the demo's database and clock.

A reset replaces the demo's SQLite file, so the site is pointed at a fresh engine each time
(an open connection would still read the deleted file) and forgets what it cached. Photos come
from the same database (the demo bot archives into it, EVIDENCE_STORE=database).
"""

from __future__ import annotations

import asyncio

import uvicorn

from bot.city_settings import read_city
from bot.settings import Settings
from domain.clock import Clock
from storage.database import Database
from web.config import WebConfig
from web.server import server
from web.site import Site


class PublicSite:
    def __init__(self, port: int) -> None:
        self.port = port  # 0: a free one
        self.host = "127.0.0.1"
        self.site: Site | None = None
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}" if self._server is not None else ""

    async def start(self, host: str, database_url: str, clock: Clock) -> None:
        self.host = host
        db = Database(database_url)
        city = await read_city(Settings(), db)  # the demo city's zone and area, as the bot's
        config = WebConfig.from_settings(city.apply(Settings()))
        config = WebConfig(
            **{
                **config.__dict__,
                "host": host,
                "port": self.port,
                "cache_seconds": 0,
                "evidence_store": "database",  # the demo bot's (EVIDENCE_STORE=database)
            }
        )
        self.site = Site(db, config, clock=clock)
        self._server = server(self.site, host=host, port=self.port)
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # the port was taken: say so
                raise OSError(f"public site did not start on port {self.port}")
            await asyncio.sleep(0.02)
        if self.port == 0:
            self.port = self._server.servers[0].sockets[0].getsockname()[1]

    async def follow(self, database_url: str) -> None:
        """Read the demo's new database from now on."""
        if self.site is not None:
            old = self.site.use_database(Database(database_url))
            await old.dispose()

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
        if self.site is not None:
            await self.site.close()
