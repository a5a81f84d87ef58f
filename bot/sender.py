"""The sender: drains the outbox through the gateway within Telegram's limits.

A row is marked sent only after Telegram accepted it, with the message ids it gave back (they
route replies to the ticket). What Telegram says decides what happens next (DESIGN, hand-off 3):
429 waits `retry_after`; 5xx, timeouts and dropped connections back off exponentially; 403
marks the chat unreachable and tells the admins; a group that became a supergroup is rewritten
and resent; any other 400 fails the row with Telegram's reason and tells the admins.

The outbox hands out at most one row per chat per claim, so per-chat order holds even when the
rows of one claim are sent concurrently. Rate limits are enforced here, before sending, so the
bot is not told 429 in the first place.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot import metrics
from bot.delivery import UploadFile, deliver, resolve_link_targets, unresolved_edit
from bot.gateway.errors import (
    BadRequest,
    ChatMigrated,
    GatewayError,
    MalformedUpdate,
    NotModified,
    RetryAfter,
    Unreachable,
)
from bot.gateway.protocol import TelegramGateway
from bot.ratelimit import SendLimiter
from domain.clock import pause
from domain.outbound import OutboundKind
from handlers.alerts import alert_admins
from handlers.texts import Catalogue
from storage.database import Database
from storage.queries.uploads import load_upload
from storage.records import OutboxItem
from storage.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from bot.takeover import Takeover

log = logging.getLogger(__name__)

_RECLAIMS = 3  # claims per round at most, when rows wait for their chats (see _claim_sendable)


@dataclass
class Sent:
    message_ids: list[int]


@dataclass
class Retry:
    delay: float
    error: str


@dataclass
class Migrated:
    new_chat_id: int


@dataclass
class Gone:
    """403: the chat is unreachable."""

    error: str


@dataclass
class Failed:
    error: str


Unsent = Retry | Migrated | Gone | Failed
Outcome = Sent | Unsent


def backoff(attempts: int) -> float:
    """1 s, 2 s, 4 s … capped at 5 minutes, with jitter so retries don't stampede."""
    base = min(300.0, 2.0 ** max(0, attempts - 1))
    return base * random.uniform(0.8, 1.2)


class Sender:
    def __init__(
        self,
        db: Database,
        gateway: TelegramGateway,
        texts: Catalogue,
        *,
        limiter: SendLimiter | None = None,
        worker_id: str | None = None,
        batch: int = 60,
        concurrency: int = 32,
        poll_interval: float = 1.0,
        takeover: Takeover | None = None,
    ) -> None:
        self.db = db
        self.takeover = takeover  # a refused file id or old card: see bot/takeover.py
        self.gateway = gateway
        self.texts = texts
        self.limiter = limiter or SendLimiter()
        self.worker_id = worker_id or f"{os.getpid()}-sender"
        self.batch = batch
        self.poll_interval = poll_interval
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._backlog = False  # the last claim took all it asked for: more is waiting
        self.sent = 0
        self.retry_after_seen = 0

    def wake(self) -> None:
        """Called right after a handler committed new outbox rows: the reply feels instant."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, *, drain_seconds: float = 5.0) -> None:
        """Send until `stop`, then flush. A failing round (the database went away) is logged
        and retried: the sender must outlive a hiccup, and its claimed rows come back by lease."""
        while not stop.is_set():
            try:
                # Forget earlier wake-ups *before* looking at the queue: one that comes while
                # we look must not be lost, or a fresh reply waits a whole poll interval.
                self._wake.clear()
                if not await self.send_round():
                    await self._idle(stop)
            except Exception:
                log.exception("sender round failed; retrying")
                await pause(stop, 1.0)
        await self.flush(drain_seconds)

    async def flush(self, seconds: float) -> None:
        """SIGTERM: send what is due now, for at most `seconds`, then stop."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        try:
            while self.limiter.global_ready_at(loop.time()) < deadline:
                if not await self.send_round():
                    break
        except Exception:
            log.exception("sender flush failed; the rest is sent after the restart")

    async def send_round(self) -> bool:
        """Claim what the overall limit allows next (at most a batch), send what the per-chat
        limits allow, record every outcome. False when nothing was due.

        Claiming no more than the limit allows keeps rows from being taken off the queue only
        to be put back (on SQLite each round trip is a write transaction). The claim is made
        while the limit is still spent, then the round waits for it: the claim's time then
        overlaps the wait instead of adding to every burst, which keeps the rate near 30/s.
        """
        loop = asyncio.get_running_loop()
        # With a backlog, wait for a whole burst: rounds of one message each would spend the
        # time on bookkeeping. Otherwise go as soon as one message may: a reply is waiting.
        wanted = self.limiter.burst if self._backlog else 1
        ready_at = self.limiter.global_ready_at(loop.time(), wanted)
        room = min(self.batch, self.limiter.room(ready_at))
        # Each claim is one statement, the rest reads and put-backs: each commits on its own
        # (a lease a crash leaves behind just expires).
        async with self.db.uow(each_statement=True) as uow:
            items, history, full = await self._claim_sendable(uow, room, ready_at)
            await uow.commit()
        self._backlog = full
        if not items:
            return full  # all claimed rows wait for their chats: others may be due
        if (wait := ready_at - loop.time()) > 0:
            await asyncio.sleep(wait)  # the rows are leased to us meanwhile
        now, wall = loop.time(), self.db.clock.now()
        ready: list[OutboxItem] = []
        deferred: list[tuple[OutboxItem, float]] = []
        for item in items:
            recent = [now - (wall - sent).total_seconds() for sent in history[item.chat_id]]
            at = self.limiter.ready_at(item.chat_id, now, recent)
            if at <= now:
                ready.append(item)
            else:
                deferred.append((item, at - now))
        outcomes = await asyncio.gather(*(self._send(item) for item in ready))
        # Counted when Telegram has answered, not when the requests left: the next messages
        # are then timed from when these arrived, however late the network delivered them,
        # so Telegram never sees more than the limits (rounds run one after the other).
        answered = loop.time()
        self.limiter.record(answered, sum(_message_count(item) for item in ready))
        async with self.db.uow() as uow:
            sent = [
                (i, o.message_ids)
                for i, o in zip(ready, outcomes, strict=True)
                if isinstance(o, Sent)
            ]
            await uow.outbox_queue.mark_sent_many(sent)  # one statement for the whole round
            self.sent += len(sent)
            metrics.MESSAGES_SENT.inc(len(sent))
            for item, outcome in zip(ready, outcomes, strict=True):
                if not isinstance(outcome, Sent):
                    metrics.MESSAGES_FAILED.labels(type(outcome).__name__.lower()).inc()
                    await self._record(uow, item, outcome)
            for item, delay in deferred:
                await uow.outbox_queue.defer(item.id, at=self._wall(delay))
            await uow.commit()
        return True

    async def _claim_sendable(
        self, uow: SqlUnitOfWork, room: int, ready_at: float
    ) -> tuple[list[OutboxItem], dict[int, list[datetime]], bool]:
        """Claim up to `room` rows whose chats may have a message at `ready_at`, with their
        chats' recent sends; and whether the queue had that many due.

        A row whose chat is still at its own limit (a private chat's burst of 3, a group's
        19 a minute) goes back to the queue until it may go, and another is claimed in its
        place, a few times at most: left in the round, it would take the slot of a message
        that could go now, and a queue with busy chats would drain below 30/s.
        """
        loop = asyncio.get_running_loop()
        items: list[OutboxItem] = []
        history: dict[int, list[datetime]] = {}
        full = False
        for _ in range(_RECLAIMS):
            want = room - len(items)
            claimed = await uow.outbox_queue.claim(worker=self.worker_id, limit=want)
            full = len(claimed) >= want
            recent = await uow.outbox_queue.recent_sends(
                {item.chat_id: self.limiter.chat_limit(item.chat_id)[0] for item in claimed}
            )
            now, wall = loop.time(), self.db.clock.now()
            waiting = False
            for item in claimed:
                times = [now - (wall - sent).total_seconds() for sent in recent[item.chat_id]]
                at = self.limiter.chat_ready_at(item.chat_id, ready_at, times)
                if at > ready_at:
                    await uow.outbox_queue.defer(item.id, at=self._wall(at - now))
                    waiting = True
                    continue
                item.message = await resolve_link_targets(uow.links, item.message)
                items.append(item)
                history[item.chat_id] = recent[item.chat_id]
            if not (waiting and full):
                break
        return items, history, full

    async def _send(self, item: OutboxItem) -> Outcome:
        async with self._slots:
            if unresolved_edit(item.message):
                return Sent([])  # the message to edit was never sent: nothing to update
            try:
                return Sent(await self._deliver(item))
            except NotModified:
                return Sent([item.message.edit_message_id or 0])
            except RetryAfter as exc:
                self.retry_after_seen += 1
                return Retry(exc.seconds, exc.description)
            except ChatMigrated as exc:
                return Migrated(exc.new_chat_id)
            except Unreachable as exc:
                return Gone(exc.description)
            except GatewayError as exc:
                if _is_permanent(exc):
                    return Failed(exc.description or type(exc).__name__)
                return Retry(backoff(item.attempts), f"{type(exc).__name__}: {exc.description}")
            except (ValueError, TypeError, KeyError) as exc:  # a malformed queued message
                return Failed(f"{type(exc).__name__}: {exc}")
            except Exception as exc:  # a library bug must not strand the whole round
                log.exception("unexpected error while sending outbox row %s", item.id)
                return Retry(backoff(item.attempts), f"{type(exc).__name__}: {exc}")

    async def _deliver(self, item: OutboxItem) -> list[int]:
        """Deliver; a refusal a new bot meets (its predecessor's file ids and cards) is
        delivered another way when it can be (bot/takeover.py)."""
        upload = await self._upload(item)
        try:
            return await deliver(self.gateway, item.message, upload)
        except NotModified:
            raise
        except BadRequest as exc:
            rescued = None
            if self.takeover is not None:
                rescued = await self.takeover.rescue(item, exc)
            if rescued is None:
                raise
            return rescued

    async def _record(self, uow: SqlUnitOfWork, item: OutboxItem, outcome: Unsent) -> None:
        """What Telegram's refusal means for the row (sent rows are marked in one batch)."""
        queue = uow.outbox_queue
        match outcome:
            case Retry(delay, error):
                await queue.reschedule(item.id, at=self._wall(delay), error=error)
            case Migrated(new_chat_id):
                await queue.migrate_chat(item.chat_id, new_chat_id)
                await queue.reschedule(item.id, at=self._wall(0), error="migrated")
                await alert_admins(
                    uow,
                    self.texts,
                    "staff-alert-migrated",
                    exclude_chat=item.chat_id,
                    old_id=_as_id(item.chat_id),
                    new_id=_as_id(new_chat_id),
                )
            case Gone(error):
                await queue.mark_chat_unreachable(item.chat_id, error=error)
                await alert_admins(
                    uow,
                    self.texts,
                    "staff-alert-unreachable",
                    exclude_chat=item.chat_id,
                    chat_id=_as_id(item.chat_id),
                    reason=error,
                )
            case Failed(error):
                await queue.mark_failed(item.id, error=error)
                await alert_admins(
                    uow,
                    self.texts,
                    "staff-alert-failed",
                    exclude_chat=item.chat_id,
                    chat_id=_as_id(item.chat_id),
                    reason=error,
                )
        log.warning(
            "outbox row not sent",
            extra={"fields": {"outbox_id": item.id, "outcome": type(outcome).__name__}},
        )

    async def _upload(self, item: OutboxItem) -> UploadFile | None:
        """The stored file a report chart or export uploads (None for every other row)."""
        if item.message.upload_id is None:
            return None
        async with self.db.uow(read_only=True) as uow:
            found = await load_upload(uow, item.message.upload_id)
        return None if found is None else UploadFile(found.name, found.data)

    def _wall(self, delay: float) -> datetime:
        """Machinery time (real time), not the domain's possibly time-travelling clock."""
        return self.db.clock.now() + timedelta(seconds=delay)

    async def _idle(self, stop: asyncio.Event) -> None:
        """Sleep until woken, until the next deferred row is due, or the poll interval."""
        async with self.db.uow(read_only=True) as uow:
            due = await uow.outbox_queue.next_due_at()
        timeout = self.poll_interval
        if due is not None:
            timeout = max(0.0, min(timeout, (due - self.db.clock.now()).total_seconds()))
        waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                w.cancel()


def _as_id(chat_id: int) -> str:
    """Ids go into alerts as text: as numbers the catalogue would group their digits
    ("-100.123.456"), and an admin could not copy or search for them."""
    return str(chat_id)


def _message_count(item: OutboxItem) -> int:
    """Telegram counts every photo of an album against the limits."""
    if item.message.kind is OutboundKind.ALBUM:
        return max(1, len(item.message.photos))
    return 1


def _is_permanent(exc: GatewayError) -> bool:
    return isinstance(exc, BadRequest | MalformedUpdate)
