"""The public site over real HTTP: uvicorn on a free port, in a thread with its own event loop,
over the test city on SQLite (for tools that speak HTTP, like schemathesis)."""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path

from storage.database import Database
from storage.evidence import FolderEvidenceStore
from tests.backends import sqlite_file
from tests.usecases.world import build_world
from tests.web.city import Bbox, archive, populate
from web.config import WebConfig
from web.server import server
from web.site import Site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveSite:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready = threading.Event()
        self.codes: dict[str, str] = {}
        self.hashes: dict[str, str] = {}
        self.error: BaseException | None = None
        self._server = None
        self._thread = threading.Thread(target=self._run, name="live-site", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported by start()
            self.error = exc
            self.ready.set()

    async def _serve(self) -> None:
        async with sqlite_file(self.tmp_path) as path:
            db = Database(f"sqlite+aiosqlite:///{path}")
            world = await build_world(db.uow)
            self.codes = await populate(world)
            store = FolderEvidenceStore(self.tmp_path / "evidence")
            self.hashes = await archive(world, store)
            config = WebConfig(cache_seconds=0, service_area=Bbox())
            site = Site(db, config, clock=world.clock, evidence=store)
            self._server = server(site, host="127.0.0.1", port=self.port)
            serving = asyncio.create_task(self._server.serve())
            while not self._server.started:  # noqa: ASYNC110  (uvicorn offers no event)
                await asyncio.sleep(0.01)
            self.ready.set()
            await serving
            await site.close()

    def start(self) -> str:
        self._thread.start()
        if not self.ready.wait(60) or self.error is not None:
            raise RuntimeError(f"the live site did not start: {self.error!r}")
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        self._thread.join(15)
