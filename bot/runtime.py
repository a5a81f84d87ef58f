"""The composition root: wires settings, storage, a gateway, the conversations, the inbox
worker and the sender into one running bot, and stops it cleanly.

Both `aduan run` and the e2e tests start the bot through this class, so the tests exercise the
exact production wiring.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from bot.gateway import make_gateway
from bot.gateway.errors import GatewayError
from bot.gateway.protocol import BotInfo, TelegramGateway
from bot.inbox import ALLOWED_UPDATES, Inbox, Poller
from bot.presence import Presence
from bot.ratelimit import Limits, SendLimiter
from bot.sender import Sender
from bot.settings import Settings
from bot.settings_values import ListenAddress
from bot.webhook import WebhookServer
from bot.worker import InboxWorker
from domain.calendar import WorkingCalendar
from domain.clock import Clock, SystemClock
from domain.sla import SlaPolicy
from domain.usecases.context import Lifecycle
from handlers.commands import command_menus
from handlers.conversations import Conversations
from handlers.notices import TicketNotifier
from handlers.routes import build_router
from handlers.staff.bootstrap import ensure_superadmins
from handlers.texts import Catalogue, default_catalogue
from handlers.turn import CityInfo
from scheduler.service import Scheduler, SchedulerConfig
from storage import channels
from storage.database import Database
from storage.locks import AdvisoryLock
from storage.wakeups import WakeupListener

log = logging.getLogger(__name__)

INTAKE_LOCK = 0x616475616E01  # "aduan" + 1: the election of the process that takes updates

STOP_REPORT_AFTER = 8.0  # seconds; see BotRuntime.stop


@dataclass
class RunOptions:
    """How this process runs; `aduan run` fills it from the settings, tests set it directly.

    Webhook mode is chosen by `webhook_url` (the public URL Telegram posts to) or by
    `webhook_listen` alone: then the server binds there (port 0: any free port) and the URL is
    derived from the bound address. That is for a Bot API server on this machine, such as the
    emulator; real Telegram needs WEBHOOK_URL, an https address in front of the server.
    """

    webhook_url: str | None = None
    webhook_listen: ListenAddress | None = None  # default: the WEBHOOK_LISTEN setting
    intake: bool = True  # this process may poll / serve the webhook once it leads
    limits_share: int = 1  # how many processes send at once (splits the rate limits)
    limits: Limits | None = None  # default: Telegram's, divided by `limits_share`
    poll_timeout: int = 25
    worker_poll_interval: float = 1.0
    scheduler: bool = True  # compete for the scheduler's lock and run its jobs when leading
    leader_check: float = 5.0  # seconds between tries for the intake lock, and checks of it
    intake_retry: float = 10.0  # seconds before trying again when starting intake failed

    @property
    def webhook(self) -> bool:
        return self.webhook_url is not None or self.webhook_listen is not None


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
        self._poller: asyncio.Task[None] | None = None
        self.webhook: WebhookServer | None = None
        self.me: BotInfo | None = None
        self.leader = AdvisoryLock(self.db, INTAKE_LOCK, name="intake")
        self.presence = Presence(self.db)
        self.worker: InboxWorker
        self.sender: Sender
        self.wakeups = WakeupListener(self.db, channels.INBOX)
        self.conversations: Conversations
        self.settings_changes = WakeupListener(self.db, channels.SETTINGS)
        self._settings_changed = asyncio.Event()
        self.inbox: Inbox
        self.scheduler: Scheduler

    @property
    def mode(self) -> str:
        return "webhook" if self.options.webhook else "polling"

    async def start(self) -> None:
        self.me = await self.gateway.start()
        if self.settings.superadmin_ids:
            async with self.db.uow() as uow:
                await ensure_superadmins(uow, self.settings.superadmin_ids, self.clock.now())
                await uow.commit()
        conversations = await self._conversations()
        await self.presence.start()
        limits = self.options.limits or Limits(share=self.options.limits_share)
        self.sender = Sender(
            self.db,
            self.gateway,
            self.texts,
            limiter=SendLimiter(limits),
            worker_id=self.presence.worker_id("sender"),
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
        )
        self.inbox = Inbox(self.db, self.worker.wake, bot_id=self.me.id)
        # Updates another process stored wake this worker at once, not at its next poll.
        await self.wakeups.start(self.worker.wake)
        self.conversations = conversations
        if await self.settings_changes.start(self._settings_changed.set):
            self._spawn(self._follow_settings(), "settings")
        self.scheduler = Scheduler(
            self.db,
            conversations.life,
            self.texts,
            SchedulerConfig.from_settings(self.settings),
            on_committed=self.sender.wake,
        )
        if self.options.scheduler:
            self._spawn(self.scheduler.run(self.stop_event), "scheduler")
        self._spawn(self.presence.run(self.stop_event), "presence")
        self._spawn(self.worker.run(self.stop_event), "worker")
        self._spawn(self.sender.run(self.stop_event), "sender")
        if self.options.intake:
            self._spawn(self._lead(), "intake")
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
                log.info("settings reloaded")
            except Exception:
                log.exception("could not reload the settings; keeping the ones in use")

    async def _conversations(self) -> Conversations:
        async with self.db.uow(read_only=True) as uow:
            city_cfg = await uow.settings.get("city") or {}
            sla_cfg = await uow.settings.get("sla") or {}
        city = CityInfo(
            name=city_cfg.get("name", "Kota"),
            timezone=self.settings.timezone,
            bot_username=self.me.username if self.me else "",
            service_area=self.settings.service_area,
        )
        s = self.settings
        calendar = WorkingCalendar(
            tz=s.timezone,
            work_start=s.working_hours.start,
            work_end=s.working_hours.end,
            extra_holidays=s.extra_holidays,
        )
        life = Lifecycle(
            clock=self.clock,
            sla=SlaPolicy(calendar, sla_cfg),
            notifier=TicketNotifier(self.texts, city),
        )
        return Conversations(build_router(), life, self.texts, city)

    async def _lead(self) -> None:
        """Take updates (poll, or serve the webhook) only while this process holds the intake
        lock. If the lock's connection is lost, another process may hold it now: stop taking
        updates (two pollers would fight with 409 Conflict) and wait for the lock again."""
        while await self.leader.wait(self.stop_event, self.options.leader_check):
            log.info(
                "this process leads: taking Telegram updates",
                extra={"fields": {"pid": os.getpid(), "instance": self.presence.instance}},
            )
            term = asyncio.Event()  # this term of leadership is over
            failed = False
            try:
                await self._register_commands()
                await self._start_intake(term)
                await self._hold_lead()
            except Exception:  # e.g. Telegram unreachable: setWebhook failed
                log.exception("could not start taking updates; retrying")
                failed = True
            finally:
                term.set()
                await self._stop_intake()
            if self.stop_event.is_set():
                return
            await self.leader.release()  # another process may fare better meanwhile
            if failed:
                await _wait(self.stop_event, self.options.intake_retry)
            else:
                log.warning("stopped taking updates: lost the intake lock")

    async def _hold_lead(self) -> None:
        """Return when stopping or when the lock is lost."""
        while not self.stop_event.is_set():
            await _wait(self.stop_event, self.options.leader_check)
            if not self.stop_event.is_set() and not await self.leader.still_held():
                return

    async def _register_commands(self) -> None:
        """The command menus; a failure only leaves Telegram's menu as it was."""
        try:
            for scope, language, commands in command_menus(self.texts):
                await self.gateway.set_commands(commands, scope, language)
        except GatewayError as exc:
            log.warning("could not set the command menus: %s", type(exc).__name__)

    async def _start_intake(self, term: asyncio.Event) -> None:
        if self.options.webhook:
            # Without a configured secret, a random one: we tell Telegram ourselves, and an
            # unauthenticated webhook would let anyone inject updates.
            secret = self.settings.webhook_secret or secrets.token_urlsafe(32)
            self.webhook = WebhookServer(self.inbox, secret)
            listen = self.options.webhook_listen or self.settings.webhook_listen
            port = await self.webhook.start(listen.host, listen.port)
            url = self.options.webhook_url or _local_url(listen.host, port, self.webhook.path)
            await self.gateway.set_webhook(url, secret, ALLOWED_UPDATES)
        else:
            await self.gateway.delete_webhook()
            poller = Poller(self.gateway, self.inbox, timeout=self.options.poll_timeout)
            self._poller = asyncio.create_task(poller.run(term), name="poller")

    async def _stop_intake(self) -> None:
        """The term is over (`term` is set): the poller ends, the webhook server closes."""
        poller, self._poller = self._poller, None
        if poller is not None:
            await asyncio.gather(poller, return_exceptions=True)
        await self._stop_webhook()

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
            await self._stop_webhook()  # first: take no more updates while draining
            self._stopping = "tasks"
            # A task may start another while stopping (the leader starting the poller): loop.
            while pending := [task for task in self._tasks if not task.done()]:
                await asyncio.gather(*pending, return_exceptions=True)
            await self._stop_webhook()
            closers = (
                ("wake-ups", self.wakeups.stop),
                ("settings listener", self.settings_changes.stop),
                ("presence", self.presence.stop),
                ("leader lock", self.leader.release),
                ("gateway", self.gateway.close),
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

    async def _stop_webhook(self) -> None:
        webhook, self.webhook = self.webhook, None
        if webhook is not None:
            await webhook.stop()

    async def run_until_signalled(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop_event.set)
        await self.start()
        await self.stop_event.wait()
        await self.stop()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


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


def _local_url(host: str, port: int, path: str) -> str:
    """The webhook URL of a server bound on this machine (see `RunOptions`)."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - naming the wildcard, not binding it
        host = "127.0.0.1"
    return f"http://[{host}]:{port}{path}" if ":" in host else f"http://{host}:{port}{path}"
