"""The demo (emulator + page + real bot runtime) on its own event loop in a background thread.

Playwright's sync API owns the test thread, so the demo cannot share its loop; a thread with
its own loop runs exactly what `python -m playground.demo` runs, on a free port and a
temporary SQLite file. Tests reset it between scenarios instead of restarting it (a reset
is a file copy and a runtime restart, well under a second).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from bot.ratelimit import Limits
from playground.demo import Demo

T = TypeVar("T")
START_TIMEOUT = 60.0
# The bot paces itself like in production (about 1 message/s per private chat); a story of
# forty messages would then take forty seconds. The emulator enforces no limits by default.
FAST = Limits(private_burst=50, private_window=1.0, group_per_minute=600)


class DemoThread:
    def __init__(self, database: Path, language: str = "en") -> None:
        # The public site too (a free port), as `make demo` serves it.
        self.demo = Demo(database=database, language=language, limits=FAST, web_port=0)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="playground-demo", daemon=True)
        self.url = ""

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run `coro` on the demo's loop and wait for its result."""
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout)

    def start(self) -> str:
        self._thread.start()
        self.url = self.call(self.demo.start("127.0.0.1", 0), START_TIMEOUT)
        return self.url

    def reset(self) -> None:
        self.call(self.demo.reset())

    def stop(self) -> None:
        try:
            self.call(self.demo.stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)
            self.loop.close()
