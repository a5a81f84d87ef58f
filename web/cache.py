"""Rendered responses kept in memory until the data they show changes.

The site is stateless (any number of processes behind a load balancer), so this is only a
cache: every process keeps its own, keyed by the request (path, query, language) and stamped
with the database's data version (storage.queries.public.data_version). The version is probed at
most once a second, however many requests come, so a page is at most about a second stale
and a busy process asks the database one tiny question per second instead of one per request.
An entry also expires after `max_age` seconds, for changes no ticket event records (a renamed
agency). Building is single-flight: concurrent requests for the same key wait for one build.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any

Version = Hashable


@dataclass(frozen=True)
class Page:
    body: bytes
    media_type: str
    status: int = 200
    etag: str = ""

    @classmethod
    def of(cls, body: bytes, media_type: str, status: int = 200) -> Page:
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        return cls(body, media_type, status, f'"{digest}"')


@dataclass
class _Entry:
    page: Page
    version: Version
    born: float


class VersionProbe:
    """The database's data version, asked at most once per `interval` seconds."""

    def __init__(self, read: Callable[[], Awaitable[Version]], interval: float = 1.0) -> None:
        self._read = read
        self.interval = interval
        self._value: Version = None
        self._at = -1e9
        self._pending: asyncio.Future[Version] | None = None

    def forget(self) -> None:
        self._at = -1e9

    async def current(self) -> Version:
        if time.monotonic() - self._at < self.interval:
            return self._value
        if self._pending is None:
            self._pending = asyncio.ensure_future(self._refresh())
        pending = self._pending
        try:
            return await asyncio.shield(pending)
        finally:
            if pending.done() and self._pending is pending:
                self._pending = None

    async def _refresh(self) -> Version:
        value = await self._read()
        self._value, self._at = value, time.monotonic()
        return value


class PageCache:
    """An LRU of built pages, bounded in bytes."""

    def __init__(self, *, max_bytes: int = 64 * 2**20, max_age: float = 300.0) -> None:
        self.max_bytes = max_bytes
        self.max_age = max_age
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._size = 0
        self._building: dict[Hashable, asyncio.Future[Page]] = {}
        self.hits = 0
        self.builds = 0

    def clear(self) -> None:
        self._entries.clear()
        self._size = 0

    async def get(
        self, key: Hashable, version: Version, build: Callable[[], Awaitable[Page]]
    ) -> Page:
        entry = self._entries.get(key)
        if (
            entry is not None
            and entry.version == version
            and time.monotonic() - entry.born < self.max_age
        ):
            self._entries.move_to_end(key)
            self.hits += 1
            return entry.page
        waiting = self._building.get(key)
        if waiting is not None:
            return await asyncio.shield(waiting)
        future: asyncio.Future[Page] = asyncio.get_running_loop().create_future()
        self._building[key] = future
        try:
            page = await build()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: waiters re-raise it, nobody logs it as lost
            raise
        finally:
            self._building.pop(key, None)
        future.set_result(page)
        self.builds += 1
        self._store(key, _Entry(page, version, time.monotonic()))
        return page

    def _store(self, key: Hashable, entry: _Entry) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= len(old.page.body)
        if len(entry.page.body) > self.max_bytes // 4:
            return  # too big to be worth keeping
        self._entries[key] = entry
        self._size += len(entry.page.body)
        while self._size > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped.page.body)


def cache_key(path: str, query: Any, lang: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Equal for the same request whatever the order of its query parameters."""
    return (path, lang, tuple(sorted((str(k), str(v)) for k, v in query)))
