"""The inbox worker: takes committed updates and runs the conversations on them.

Updates of one chat are handled one at a time in update_id order (the inbox only hands out a
chat's lowest unfinished update); different chats run concurrently up to a bound. Handling an
update and marking it done commit together, so after a crash an update is either fully handled
or handled again from scratch — its effect appears once.

Several claimed updates (of different chats) are handled one after the other in one
transaction (`BATCH`): a transaction's fixed cost (its session, BEGIN and COMMIT, marking the
update done; on PostgreSQL their round trips) was over a third of an update's CPU in `bench
intake`. If any of them fails, or one needs a rollback of its own (a ConcurrentUpdate), the
transaction is dropped whole and each update is handled again on its own, so one update's
failure never touches another's. The same goes for a deadlock between two processes' batches
on PostgreSQL (it detects one within a second): both are handled again one by one. A batch
holds its rows until its COMMIT, a few milliseconds longer than one update would.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from bot import metrics
from bot.gateway.errors import GatewayError
from bot.gateway.protocol import TelegramGateway
from handlers.alerts import alert_admins
from handlers.conversations import Conversations
from handlers.incoming import Incoming
from handlers.texts import Catalogue
from handlers.turn import Turn
from storage.database import Database
from storage.records import InboxItem

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Updates per transaction. A batch reads its citizens, counts their bursts and writes its
# answers and drafts in one statement each: with 16, `bench intake` on PostgreSQL made 2.75
# statements per update, against 2.96 with 8.
BATCH = 16


class InboxWorker:
    def __init__(
        self,
        db: Database,
        gateway: TelegramGateway,
        conversations: Conversations,
        texts: Catalogue,
        *,
        worker_id: str | None = None,
        max_concurrency: int = 64,
        poll_interval: float = 1.0,
        on_committed: Callable[[], None] | None = None,
        batch: int = 1,
    ) -> None:
        self.db = db
        self.gateway = gateway
        self.conversations = conversations
        self.texts = texts
        self.worker_id = worker_id or f"{os.getpid()}-inbox"
        self.max_concurrency = max_concurrency
        self.poll_interval = poll_interval
        self.on_committed = on_committed or (lambda: None)
        self.batch = max(1, batch)  # updates handled in one transaction
        self._wake = asyncio.Event()
        self._in_flight: set[asyncio.Task[None]] = set()
        self._busy = 0  # updates claimed and not yet finished
        self.handled = 0

    def wake(self) -> None:
        """Called by the inbox right after it committed new updates."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Claim and handle until `stop` is set, then finish what is in flight."""
        while not stop.is_set():
            free = self.max_concurrency - self._busy
            # Forget earlier wake-ups *before* claiming: one that comes while we claim (a new
            # update committed, a chat's update finished) must not be lost, or that update
            # waits a whole poll interval.
            self._wake.clear()
            claimed = await self._claim(free) if free > 0 else []
            for start in range(0, len(claimed), self.batch):
                group = claimed[start : start + self.batch]
                self._busy += len(group)
                task = asyncio.create_task(self._handle_batch(group))
                self._in_flight.add(task)
                task.add_done_callback(partial(self._finished, len(group)))
            if not claimed or free <= 0:
                await self._sleep(stop)
        await self.drain()

    async def drain(self) -> None:
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    def _finished(self, count: int, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._busy -= count
        self._wake.set()  # a chat's next update may be claimable now

    async def _sleep(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(
                waiters, timeout=self.poll_interval, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for w in waiters:
                w.cancel()

    async def _claim(self, limit: int) -> list[InboxItem]:
        try:
            async with self.db.uow(each_statement=True) as uow:  # one UPDATE
                items = await uow.inbox.claim(worker=self.worker_id, limit=limit)
                await uow.commit()
                return items
        except Exception:
            log.exception("inbox claim failed; retrying")
            return []

    async def _handle_batch(self, items: list[InboxItem]) -> None:
        """Several updates in one transaction; if it cannot commit whole, each on its own."""
        if len(items) == 1:
            await self._handle(items[0])
            return
        started = time.perf_counter()
        try:
            incomings = [self.gateway.parse(item.payload) for item in items]
            async with self.db.uow(shared=True) as uow:
                await self.conversations.read_ahead(incomings, uow)
                turns = [await self.conversations.handle(i, uow) for i in incomings]
                await uow.inbox.mark_done([item.update_id for item in items])
                await uow.commit()
        except Exception as exc:
            log.info(
                "a batch of updates is handled one by one",
                extra={"fields": {"updates": len(items), "error": type(exc).__name__}},
            )
            for item in items:
                await self._handle(item)
            return
        self._handled(len(items), time.perf_counter() - started)
        answers = zip(incomings, turns, strict=True)
        await asyncio.gather(*(self._answer(incoming, turn) for incoming, turn in answers))

    async def _handle(self, item: InboxItem) -> None:
        started = time.perf_counter()
        try:
            incoming = self.gateway.parse(item.payload)
            async with self.db.uow() as uow:
                turn = await self.conversations.handle(incoming, uow)
                await uow.inbox.mark_done([item.update_id])
                await uow.commit()
        except Exception as exc:
            metrics.UPDATES_FAILED.inc()
            await self._failed(item, exc)
            return
        self._handled(1, time.perf_counter() - started)
        await self._answer(incoming, turn)

    def _handled(self, count: int, seconds: float) -> None:
        """`count` updates committed, after `seconds` (each of them waited that long)."""
        self.handled += count
        metrics.UPDATES_HANDLED.inc(count)
        for _ in range(count):
            metrics.HANDLE_SECONDS.observe(seconds)
        self.on_committed()

    async def _answer(self, incoming: Incoming, turn: Turn) -> None:
        answer = turn.callback_answer
        if answer is not None and incoming.callback_id:
            await self._answer_callback(incoming.callback_id, answer.text, answer.alert)

    async def _answer_callback(self, callback_id: str, text: str | None, alert: bool) -> None:
        """Best effort: a callback answer can't be queued (it expires), and losing one only
        leaves a spinner on the button."""
        try:
            await self.gateway.answer_callback(callback_id, text, alert)
        except GatewayError as exc:
            log.warning("answerCallbackQuery failed: %s", type(exc).__name__)

    async def _failed(self, item: InboxItem, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"[:500]
        log.error(
            "update failed",
            exc_info=exc,
            extra={"fields": {"update_id": item.update_id, "attempt": item.attempts}},
        )
        try:
            async with self.db.uow() as uow:
                if item.attempts >= MAX_ATTEMPTS:
                    await uow.inbox.dead(item.update_id, error=error)
                    await alert_admins(
                        uow,
                        self.texts,
                        "staff-alert-dead-letter",
                        attempts=item.attempts,
                        update_id=str(item.update_id),  # as text: no digit grouping
                        error=type(exc).__name__,
                    )
                else:
                    delay = timedelta(seconds=0.5 * 4 ** (item.attempts - 1))
                    await uow.inbox.retry(item.update_id, error=error, delay=delay)
                await uow.commit()
            self.on_committed()
        except Exception:
            log.exception("could not record the failure of update %s", item.update_id)

    def stats(self) -> dict[str, Any]:
        return {"handled": self.handled, "in_flight": self._busy}
