"""The evidence archiver: copies every attached file from Telegram into the city's store, and
fetches the photos named by URL (Open311's `media_url`, through bot.media_fetch's checks).

It drains `evidence_download` (storage.repositories.evidence) in the background of every worker
process, never in a conversation's path: a handler only queues the download, in the same
transaction as the attachment. Each file is fetched once, hashed, stored (durably) and then
recorded on its attachment; a process killed anywhere in between leaves the row leased, and it
is fetched again after the lease (the store keeps the same bytes once).

Downloads are paced (`per_second`, `concurrency`): archiving a backlog must not compete with
the replies citizens wait for. Telegram's answer decides what happens to a failed one: 429
waits as told, 5xx and network errors back off, and a file Telegram will never give (not this
bot's file id, gone, too big) fails the row with the reason, for `aduan evidence verify`.
A URL is retried the same way (timeouts, 5xx, 429) up to `MAX_URL_ATTEMPTS` times, and given up
at once when it can never give an image (a 404, too big, not an image, a forbidden address).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import filetype

from bot.gateway.errors import BadRequest, GatewayError, RetryAfter, Unauthorized
from bot.gateway.protocol import TelegramGateway
from bot.media_fetch import FetchFailed, FetchRefused, MediaFetcher
from bot.sender import backoff
from domain.clock import pause
from domain.evidence import EvidenceStore, StoredEvidence
from storage.database import Database
from storage.repositories.evidence import DownloadItem

log = logging.getLogger(__name__)

OCTET_STREAM = "application/octet-stream"
MAX_URL_ATTEMPTS = 20  # with backoff capped at 5 minutes: about an hour of trying


def sniff_mime(data: bytes) -> str:
    """The MIME type from the bytes themselves (what Telegram's metadata says can lie)."""
    return filetype.guess_mime(data) or OCTET_STREAM


@dataclass(frozen=True)
class Archived:
    stored: StoredEvidence


@dataclass(frozen=True)
class TryLater:
    delay: float
    error: str


@dataclass(frozen=True)
class GaveUp:
    error: str


Outcome = Archived | TryLater | GaveUp


class EvidenceArchiver:
    def __init__(
        self,
        db: Database,
        gateway: TelegramGateway,
        store: EvidenceStore,
        *,
        bot_id: int,
        worker_id: str | None = None,
        batch: int = 8,
        concurrency: int = 4,
        per_second: float = 4.0,
        poll_interval: float = 1.0,
        fetcher: MediaFetcher | None = None,
    ) -> None:
        self.db, self.gateway, self.store = db, gateway, store
        self.fetcher = fetcher or MediaFetcher()
        self.bot_id = bot_id
        self.worker_id = worker_id or f"{os.getpid()}-evidence"
        self.batch = batch
        self.poll_interval = poll_interval
        self._slots = asyncio.Semaphore(concurrency)
        self._interval = 1.0 / per_second
        self._next_start = 0.0
        self.archived = 0

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                if not await self.archive_round():
                    await pause(stop, await self._idle_seconds())
            except Exception:
                log.exception("evidence round failed; retrying")
                await pause(stop, 1.0)

    async def drain(self, progress: Callable[[int], None] = lambda n: None) -> int:
        """Archive until nothing is due (the backfill command); `progress` gets each round's
        count. Rows waiting for a retry later are left to the running bot."""
        total = 0
        while done := await self.archive_round():
            total += done
            progress(done)
        return total

    async def archive_round(self) -> int:
        """Claim a batch, fetch and store it, record every outcome. Returns how many rows were
        handled (0: nothing was due)."""
        async with self.db.uow() as uow:
            items = await uow.evidence_queue.claim(
                worker=self.worker_id, limit=self.batch, lease=timedelta(minutes=2)
            )
            await uow.commit()
        if not items:
            return 0
        outcomes = await asyncio.gather(*(self._archive(item) for item in items))
        async with self.db.uow() as uow:
            queue = uow.evidence_queue
            for item, outcome in zip(items, outcomes, strict=True):
                match outcome:
                    case Archived(stored):
                        await queue.mark_done(item, stored, bot_id=self.bot_id)
                        self.archived += 1
                    case TryLater(delay, error):
                        at = self.db.clock.now() + timedelta(seconds=delay)
                        await queue.reschedule(item.id, at=at, error=error)
                    case GaveUp(error):
                        await queue.mark_failed(item.id, error=error)
            await uow.commit()
        for item, outcome in zip(items, outcomes, strict=True):
            if not isinstance(outcome, Archived):
                log.warning(
                    "evidence not archived",
                    extra={
                        "fields": {
                            "download_id": item.id,
                            "attachment_id": item.attachment_id,
                            "outcome": type(outcome).__name__,
                            "error": outcome.error,
                        }
                    },
                )
        return len(items)

    async def _archive(self, item: DownloadItem) -> Outcome:
        if item.url is not None:
            return await self._archive_url(item, item.url)
        assert item.file_id is not None
        async with self._slots:
            await self._wait_turn()
            try:
                data = await self.gateway.download_file(item.file_id)
            except RetryAfter as exc:
                return TryLater(exc.seconds, exc.description)
            except (BadRequest, Unauthorized) as exc:
                return GaveUp(exc.description or type(exc).__name__)
            except GatewayError as exc:
                return TryLater(backoff(item.attempts), f"{type(exc).__name__}: {exc.description}")
            except Exception as exc:  # a library bug must not strand the round
                log.exception("unexpected error downloading evidence %s", item.id)
                return TryLater(backoff(item.attempts), f"{type(exc).__name__}: {exc}")
        return await self._store(item, data, sniff_mime(data))

    async def _archive_url(self, item: DownloadItem, url: str) -> Outcome:
        async with self._slots:
            await self._wait_turn()
            try:
                data, mime = await self.fetcher.fetch(url)
            except FetchRefused as exc:
                return GaveUp(f"url: {exc}")
            except FetchFailed as exc:
                if item.attempts >= MAX_URL_ATTEMPTS:
                    return GaveUp(f"url: {exc} (after {item.attempts} attempts)")
                delay = exc.retry_after if exc.retry_after is not None else backoff(item.attempts)
                return TryLater(min(delay, 3600.0), f"url: {exc}")
            except Exception as exc:  # a library bug must not strand the round
                log.exception("unexpected error fetching evidence %s", item.id)
                return TryLater(backoff(item.attempts), f"url: {type(exc).__name__}: {exc}")
        return await self._store(item, data, mime)

    async def _store(self, item: DownloadItem, data: bytes, mime: str) -> Outcome:
        try:
            sha256 = await self.store.put(data)
        except Exception as exc:  # a full disk, the database gone: keep the row, try later
            log.exception("could not store evidence %s", item.id)
            return TryLater(backoff(item.attempts), f"store: {type(exc).__name__}: {exc}")
        return Archived(StoredEvidence(sha256, len(data), mime))

    async def _wait_turn(self) -> None:
        """At most `per_second` downloads start in any second."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next_start)
        self._next_start = start + self._interval
        if start > now:
            await asyncio.sleep(start - now)

    async def _idle_seconds(self) -> float:
        async with self.db.uow(read_only=True) as uow:
            due = await uow.evidence_queue.next_due_at()
        if due is None:
            return self.poll_interval
        wait = (due - self.db.clock.now()).total_seconds()
        return max(0.05, min(self.poll_interval, wait))
