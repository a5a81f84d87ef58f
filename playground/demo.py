"""`python -m playground.demo --port 8080`: try aduan in a browser, without Telegram.

One process runs the Bot API emulator, the web playground on the emulator's own HTTP server,
and the real bot runtime (the same composition root as `aduan run`) polling the emulator.
The demo city is `examples/surakarta.toml` in a SQLite file (`data/demo.db`), with a cast of
staff already linked to their groups (playground/demo_world.py). The bot's domain clock is an
`OffsetClock`, so the page's "time travel" moves the bot's time and nothing else.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.logs import configure_logging
from bot.ratelimit import Limits
from bot.runtime import BotRuntime, RunOptions
from bot.settings import ServiceArea, Settings
from domain.clock import OffsetClock
from handlers.texts import Catalogue
from handlers.turn import Area, CityInfo
from playground.clockwork import TimeMachine
from playground.demo_history import add_history
from playground.demo_public import PublicSite
from playground.demo_store import DemoStore
from playground.demo_world import ADMIN_GROUP, describe, populate_database, populate_emulator
from playground.emulator.server import EmulatorServer
from playground.emulator.signals import until_signalled
from playground.webapp import PlaygroundWeb
from storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
CITY_FILE = ROOT / "examples" / "surakarta.toml"

log = logging.getLogger(__name__)


class Demo:
    """The emulator, the page and the bot; `reset()` starts the story over."""

    def __init__(
        self,
        *,
        database: Path = ROOT / "data" / "demo.db",
        city_file: Path = CITY_FILE,
        language: str = "en",
        library: str = "ptb",
        limits: Limits | None = None,
        web_port: int | None = None,
        history: bool = False,
    ) -> None:
        self.language = language
        self.public = PublicSite(web_port) if web_port is not None else None
        self.history = history  # a year of finished complaints, for the public site
        self.library = library
        self.limits = limits  # None: Telegram's own sending limits, as in production
        self.store = DemoStore(database, city_file)
        self.clock = OffsetClock()
        self.time = TimeMachine(self.clock)
        self.web = PlaygroundWeb(self)
        self.emulator = EmulatorServer(mount=self.web.mount)
        self.runtime: BotRuntime | None = None
        self.settings: Settings | None = None
        self.lock = asyncio.Lock()  # one reset / travel at a time; the page waits on it

    @property
    def url(self) -> str:
        return self.emulator.base_url

    async def start(self, host: str = "127.0.0.1", port: int = 8080) -> str:
        await self.store.build_template()
        await self.emulator.start(host, port)
        async with self.lock:
            await self._fresh_story()
        if self.public is not None:
            await self.public.start(host, self.store.url, self.clock)
        return self.url

    async def stop(self) -> None:
        async with self.lock:
            await self._stop_bot()
        if self.public is not None:
            await self.public.stop()
        await self.emulator.stop()

    async def reset(self) -> None:
        """A fresh database, fresh chats, the clock back to now, the bot restarted."""
        async with self.lock:
            await self._stop_bot()
            self.emulator.state.reset()
            await self._fresh_story()

    async def travel(self, days: float = 1.0) -> dict[str, Any]:
        async with self.lock:
            outcome = await self.time.travel(self.runtime, timedelta(days=days))
        return {**outcome, **self.clock_info()}

    def clock_info(self) -> dict[str, Any]:
        return {"now": self.clock.now().isoformat(), "offset_days": self.time.days}

    async def world(self) -> dict[str, Any]:
        """What the page needs to draw itself (waits for a reset in progress)."""
        async with self.lock:
            bot = self.emulator.state.bot()
            # The running bot's own view: the seeded city file, unless the environment overrides.
            city = self.runtime.conversations.city if self.runtime else CityInfo()
            return {
                **describe({"id": bot.id, "username": bot.username, "first_name": bot.first_name}),
                "service_area": _area(city.service_area),
                "clock": self.clock_info(),
                "timezone": city.timezone,
                "language": self.language,
                "public_site": self.public.url if self.public else "",
            }

    async def _fresh_story(self) -> None:
        self.time.reset()
        url = self.store.fresh()
        populate_emulator(self.emulator.state, self.language)
        db = Database(url)
        try:
            await populate_database(db.uow, self.clock)
            if self.history:
                await add_history(db, self.clock.now())
        finally:
            await db.dispose()
        if self.public is not None:
            await self.public.follow(url)
        self.settings = Settings.load(
            {
                "BOT_TOKEN": self.emulator.token,
                "TELEGRAM_API_BASE_URL": self.emulator.base_url,
                "TELEGRAM_LIBRARY": self.library,
                "DATABASE_URL": url,
                "ADMIN_CHAT_ID": str(ADMIN_GROUP.chat_id),
                "DEFAULT_LANGUAGE": self.language,
                "EVIDENCE_STORE": "database",  # reset with the demo's database
            },
            require_token=True,
            env_file=None,
        )
        runtime = BotRuntime(
            self.settings,
            options=RunOptions(poll_timeout=10, worker_poll_interval=0.2, limits=self.limits),
            clock=self.clock,
            db=Database(url),
            texts=Catalogue(default=self.language),  # group chats speak the cast's language
        )
        await runtime.start()
        self.runtime = runtime

    async def _stop_bot(self) -> None:
        runtime, self.runtime = self.runtime, None
        if runtime is not None:
            await runtime.stop()


def _area(area: Area | None) -> dict[str, Any] | None:
    """The outline the page's offline map draws: the box, and each ring of each polygon."""
    if not isinstance(area, ServiceArea):
        return None  # every location is accepted: the page keeps its own map
    rings = [[list(point) for point in ring] for polygon in area.polygons for ring in polygon]
    return {"bbox": list(area.bbox), "polygons": rings}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m playground.demo", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "demo.db", help="SQLite file")
    parser.add_argument("--city", type=Path, default=CITY_FILE, help="city TOML file")
    parser.add_argument("--lang", choices=("en", "id"), default="en", help="the cast's language")
    parser.add_argument("--library", choices=("ptb", "aiogram"), default="ptb")
    parser.add_argument("--web-port", type=int, default=8090, help="the public site (-1: none)")
    parser.add_argument(
        "--no-history", action="store_true", help="no year of past complaints for the site"
    )
    parser.add_argument("--log-level", default="WARNING")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    demo = Demo(
        database=args.db,
        city_file=args.city,
        language=args.lang,
        library=args.library,
        web_port=args.web_port if args.web_port >= 0 else None,
        history=not args.no_history,
    )
    configure_logging(args.log_level.upper(), demo.emulator.token)
    try:
        url = await demo.start(args.host, args.port)
    except OSError as exc:  # most likely the port is taken: one line, not a traceback
        await demo.stop()
        message = f"playground: cannot listen on {args.host}:{args.port}: {exc.strerror}"
        raise SystemExit(message) from None
    print(f"Open {url}", flush=True)
    if demo.public is not None:
        print(f"Public site: {demo.public.url}", flush=True)
    try:
        await until_signalled()
    finally:
        await demo.stop()


def main(argv: list[str] | None = None) -> int:
    asyncio.run(serve(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
