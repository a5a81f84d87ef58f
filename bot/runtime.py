"""The composition root: wires settings, storage, a gateway, the conversations, the inbox
worker and the sender into one running bot, and stops it cleanly.

Both `aduan run` and the e2e tests start the bot through this class, so the tests exercise the
exact production wiring.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Coroutine
from typing import Any

from bot.archiver import EvidenceArchiver
from bot.city_settings import CitySettings, read_city
from bot.evidence import open_evidence_store
from bot.gateway import make_gateway
from bot.gateway.protocol import BotInfo, TelegramGateway
from bot.inbox import Inbox
from bot.intake import Intake
from bot.media_fetch import FetchPolicy, MediaFetcher
from bot.metrics import MetricsServer
from bot.presence import Presence
from bot.ratelimit import Limits, SendLimiter
from bot.run_options import RunOptions
from bot.sender import Sender
from bot.settings import Settings
from bot.takeover import Takeover, forget_predecessor_updates
from bot.webhook import WebhookServer
from bot.worker import BATCH, InboxWorker
from domain.calendar import WorkingCalendar
from domain.clock import Clock, SystemClock
from domain.evidence import EvidenceStore
from domain.sla import SlaPolicy
from domain.usecases.context import Lifecycle
from handlers.conversations import Conversations
from handlers.notices import TicketNotifier
from handlers.routes import build_router
from handlers.staff.bootstrap import ensure_superadmins
from handlers.texts import Catalogue, default_catalogue
from scheduler.service import Scheduler, SchedulerConfig
from storage import channels
from storage.database import Database
from storage.wakeups import WakeupListener

log = logging.getLogger(__name__)

STOP_REPORT_AFTER = 8.0  # seconds; see BotRuntime.stop


class BotRuntime:
    def __init__(
        self,
        settings: Settings,
        *,
        options: RunOptions | None = None,
        clock: Clock | None = None,
        gateway: TelegramGateway | None = None,
        texts: Catalogue | None = None,
        db: Database | None = None,
    ) -> None:
        self.settings = settings
        self.options = options or RunOptions(
            webhook_url=settings.webhook_url if settings.mode == "webhook" else None,
            limits_share=settings.workers,
        )
        self.clock = clock or SystemClock()
        self.texts = texts or default_catalogue()
        self.db = db or Database(settings.database_url)  # machinery runs on real time
        self.gateway = gateway or make_gateway(
            settings.telegram_library, settings.bot_token or "", settings.telegram_api_base_url
        )
        self.stop_event = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = ""  # the step `stop` is at, for the slow-stop report
        self.intake: Intake | None = None  # once started, if this process may take updates
        self.metrics: MetricsServer | None = None  # with METRICS_LISTEN
        self.me: BotInfo | None = None
        self.presence = Presence(self.db)
        self.worker: InboxWorker
        self.sender: Sender
        self.wakeups = WakeupListener(self.db)  # other processes' news, on PostgreSQL
        self.conversations: Conversations
        self._settings_changed = asyncio.Event()
        self.inbox: Inbox
        self.scheduler: Scheduler
        self.evidence: EvidenceStore
        self.archiver: EvidenceArchiver

    @property
    def webhook(self) -> WebhookServer | None:
        """The webhook server, while this process takes updates by webhook."""
        return self.intake.webhook if self.intake is not None else None

    @property
    def mode(self) -> str:
        return "webhook" if self.options.webhook else "polling"

    async def start(self) -> None:
        self.me = await self.gateway.start()
        if self.settings.superadmin_ids:
            async with self.db.uow() as uow:
                await ensure_superadmins(uow, self.settings.superadmin_ids, self.clock.now())
                await uow.commit()
        conversations = await self.build_conversations()
        await forget_predecessor_updates(self.db, self.me.id)
        await self.presence.start()
        limits = self.options.limits or Limits(share=self.options.limits_share)
        self.evidence = open_evidence_store(self.settings, self.db)
        self.archiver = EvidenceArchiver(
            self.db,
            self.gateway,
            self.evidence,
            bot_id=self.me.id,
            worker_id=self.presence.worker_id("evidence"),
            fetcher=MediaFetcher(FetchPolicy(allow_loopback=self.settings.evidence_fetch_loopback)),
        )
        self.sender = Sender(
            self.db,
            self.gateway,
            self.texts,
            limiter=SendLimiter(limits),
            worker_id=self.presence.worker_id("sender"),
            takeover=Takeover(self.db, self.gateway, self.evidence, bot_id=self.me.id),
        )
        self.worker = InboxWorker(
            self.db,
            self.gateway,
            conversations,
            self.texts,
            worker_id=self.presence.worker_id("inbox"),
            max_concurrency=self.settings.max_concurrent_chats,
            poll_interval=self.options.worker_poll_interval,
            on_committed=self.sender.wake,
            batch=BATCH,
        )
        self.inbox = Inbox(self.db, self.worker.wake, bot_id=self.me.id)
        # What other processes did: stored updates wake this worker at once (not at its next
        # poll), a changed setting is reloaded.
        listening = await self.wakeups.start(
            {channels.INBOX: self.worker.wake, channels.SETTINGS: self._settings_changed.set}
        )
        self.conversations = conversations
        if listening:
            self._spawn(self._follow_settings(), "settings")
        self.scheduler = Scheduler(
            self.db,
            conversations.life,
            self.texts,
            SchedulerConfig.from_settings(self.settings),
            on_committed=self.sender.wake,
            evidence=self.evidence,
        )
        if self.options.scheduler:
            self._spawn(self.scheduler.run(self.stop_event), "scheduler")
        self._spawn(self.presence.run(self.stop_event), "presence")
        self._spawn(self.worker.run(self.stop_event), "worker")
        self._spawn(self.sender.run(self.stop_event), "sender")
        self._spawn(self.archiver.run(self.stop_event), "evidence")
        if self.settings.metrics_listen is not None:
            self.metrics = MetricsServer(self.db, self.settings.metrics_listen)
            self.metrics.start()
            self._spawn(self.metrics.run(self.stop_event), "metrics")
        if self.options.intake:
            self.intake = Intake(
                self.db,
                self.gateway,
                self.inbox,
                self.texts,
                self.settings,
                self.options,
                conversations.city,
            )
            self._spawn(self.intake.run(self.stop_event), "intake")
        log.info(
            "aduan started",
            extra={
                "fields": {
                    "library": self.gateway.library,
                    "database": self.db.dialect,
                    "mode": self.mode,
                    "bot": self.me.username,
                    "pid": os.getpid(),
                    "instance": self.presence.instance,
                }
            },
        )

    def _spawn(self, job: Coroutine[Any, Any, None], name: str) -> None:
        self._tasks.append(asyncio.create_task(job, name=name))

    async def _follow_settings(self) -> None:
        """An admin changed a setting in some process (/sla): use it here too, at once."""
        while not self.stop_event.is_set():
            waiters = [
                asyncio.ensure_future(self._settings_changed.wait()),
                asyncio.ensure_future(self.stop_event.wait()),
            ]
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
            if self.stop_event.is_set():
                return
            self._settings_changed.clear()
            try:
                async with self.db.uow(read_only=True) as uow:
                    sla = await uow.settings.get("sla") or {}
                self.conversations.life.sla.use_defaults(sla)
                self.use_city(await read_city(self.settings, self.db))  # a re-seeded city
                log.info("settings reloaded")
            except Exception:
                log.exception("could not reload the settings; keeping the ones in use")

    async def build_conversations(self) -> Conversations:
        """The conversations for the city as configured now: its seeded city file (time zone,
        service area, SLA), unless TIMEZONE or SERVICE_AREA override it."""
        async with self.db.uow(read_only=True) as uow:
            sla_cfg = await uow.settings.get("sla") or {}
        found = await read_city(self.settings, self.db)  # the city file, unless overridden
        city = found.info(self.me.username if self.me else "")
        city.retention = self.settings.retention  # /privacy states the periods
        life = Lifecycle(
            clock=self.clock,
            sla=SlaPolicy(self._calendar(found.timezone), sla_cfg),
            notifier=TicketNotifier(self.texts, city),
        )
        return Conversations(build_router(), life, self.texts, city)

    def _calendar(self, timezone: str) -> WorkingCalendar:
        s = self.settings
        return WorkingCalendar(
            tz=timezone,
            work_start=s.working_hours.start,
            work_end=s.working_hours.end,
            extra_holidays=s.extra_holidays,
        )

    def use_city(self, found: CitySettings) -> None:
        """Switch to a re-seeded city's zone and area, in place: the handlers, the notifier
        and the scheduler share these objects (called when the settings' NOTIFY arrives)."""
        city, sla = self.conversations.city, self.conversations.life.sla
        city.name, city.service_area = found.name, found.service_area
        if found.timezone != city.timezone:
            city.timezone = found.timezone
            sla.calendar = self._calendar(found.timezone)

    async def stop(self) -> None:
        """Stop taking updates, finish in-flight handlers, flush due messages, close.

        Every step is bounded (the sender's flush at 5 s, the scheduler's drain at 10 s), so
        this takes seconds. Should it ever take longer, a watchdog logs what it still waits
        for: an operator (or a test) then sees the stuck piece instead of a silent process.
        """
        self.stop_event.set()
        watchdog = asyncio.get_running_loop().call_later(STOP_REPORT_AFTER, self._report_slow_stop)
        try:
            self._stopping = "webhook"
            await self._close_webhook()  # first: take no more updates while draining
            self._stopping = "tasks"
            # A task may start another while stopping (the leader starting the poller): loop.
            while pending := [task for task in self._tasks if not task.done()]:
                await asyncio.gather(*pending, return_exceptions=True)
            await self._close_webhook()
            if self.metrics is not None:
                self.metrics.stop()
            closers = (
                ("wake-ups", self.wakeups.stop),
                ("presence", self.presence.stop),
                ("intake lock", self._release_intake),
                ("gateway", self.gateway.close),
                ("evidence store", self.evidence.close),
                ("database", self.db.dispose),
            )
            for step, close in closers:
                self._stopping = step
                await close()
        finally:
            watchdog.cancel()
        log.info("aduan stopped")

    def _report_slow_stop(self) -> None:
        waiting = {
            task.get_name(): _awaiting(task) for task in asyncio.all_tasks() if not task.done()
        }
        log.warning(
            "still stopping",
            extra={"fields": {"after_s": STOP_REPORT_AFTER, "step": self._stopping, **waiting}},
        )

    async def _close_webhook(self) -> None:
        if self.intake is not None:
            await self.intake.close_webhook()

    async def _release_intake(self) -> None:
        if self.intake is not None:
            await self.intake.lock.release()

    async def run_until_signalled(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop_event.set)
        await self.start()
        await self.stop_event.wait()
        await self.stop()


def _awaiting(task: asyncio.Task[Any]) -> str:
    """Where a task is suspended, outermost first: its chain of awaited coroutines."""
    where: list[str] = []
    step: Any = task.get_coro()
    while step is not None and len(where) < 12:
        frame = getattr(step, "cr_frame", None) or getattr(step, "gi_frame", None)
        if frame is not None:
            where.append(f"{frame.f_code.co_name}:{frame.f_lineno}")
        step = getattr(step, "cr_await", None) or getattr(step, "gi_yieldfrom", None)
    return " > ".join(where)
