"""Taking updates from Telegram, by long polling or a webhook, in exactly one process: the
holder of the intake lock (storage.locks). The others handle and send, and take over when
the holder is gone.

A holder whose lock connection is cut must stop taking updates: another process may hold the
lock by then, and two pollers would fight over getUpdates with 409 Conflict. So the lock is
checked every `leader_check` seconds, and a lost one ends this process's term: the poller
stops, the webhook server closes, and the process waits for the lock like the others.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets

from bot.gateway.errors import GatewayError
from bot.gateway.protocol import TelegramGateway
from bot.inbox import ALLOWED_UPDATES, Inbox, Poller
from bot.run_options import RunOptions
from bot.settings import Settings
from bot.webhook import LOCAL_PATH, WebhookServer, path_of
from bot.webhook_watch import WebhookWatch
from domain.clock import pause
from handlers.commands import command_menus
from handlers.texts import Catalogue
from handlers.turn import CityInfo
from storage.database import Database
from storage.locks import AdvisoryLock

log = logging.getLogger(__name__)

INTAKE_LOCK = 0x616475616E01  # "aduan" + 1: the election of the process that takes updates


class Intake:
    def __init__(
        self,
        db: Database,
        gateway: TelegramGateway,
        inbox: Inbox,
        texts: Catalogue,
        settings: Settings,
        options: RunOptions,
        city: CityInfo,
    ) -> None:
        self.gateway = gateway
        self.inbox = inbox
        self.texts = texts
        self.settings = settings
        self.options = options
        self.lock = AdvisoryLock(db, INTAKE_LOCK, name="intake")
        self.poller: asyncio.Task[None] | None = None
        self.webhook: WebhookServer | None = None
        self.watch = WebhookWatch(db, gateway, texts, city)

    async def run(self, stop: asyncio.Event) -> None:
        """Take updates while holding the lock, until `stop`; wait for the lock when not."""
        while await self.lock.wait(stop, self.options.leader_check):
            log.info(
                "this process leads: taking Telegram updates",
                extra={"fields": {"pid": os.getpid()}},
            )
            term = asyncio.Event()  # this term of leadership is over
            failed = False
            try:
                await self._register_commands()
                await self._start(term)
                await self._hold(stop)
            except Exception:  # e.g. Telegram unreachable: setWebhook failed
                log.exception("could not start taking updates; retrying")
                failed = True
            finally:
                term.set()
                await self._end_term()
            if stop.is_set():
                return
            await self.lock.release()  # another process may fare better meanwhile
            if failed:
                await pause(stop, self.options.intake_retry)
            else:
                log.warning("stopped taking updates: lost the intake lock")

    async def close_webhook(self) -> None:
        """No more updates by webhook (the first step of stopping)."""
        webhook, self.webhook = self.webhook, None
        if webhook is not None:
            await webhook.stop()

    async def _hold(self, stop: asyncio.Event) -> None:
        """Return when stopping or when the lock is lost; meanwhile, by webhook, ask Telegram
        every `webhook_check` seconds whether its deliveries fail."""
        loop = asyncio.get_running_loop()
        next_check = loop.time() + self.options.webhook_check
        while not stop.is_set():
            await pause(stop, min(self.options.leader_check, self.options.webhook_check))
            if stop.is_set() or not await self.lock.still_held():
                return
            if self.webhook is not None and loop.time() >= next_check:
                await self.watch.check()
                next_check = loop.time() + self.options.webhook_check

    async def _register_commands(self) -> None:
        """The command menus; a failure only leaves Telegram's menu as it was."""
        try:
            for scope, language, commands in command_menus(self.texts):
                await self.gateway.set_commands(commands, scope, language)
        except GatewayError as exc:
            log.warning("could not set the command menus: %s", type(exc).__name__)

    async def _start(self, term: asyncio.Event) -> None:
        if self.options.webhook:
            # What went wrong while nobody listened, before setWebhook replaces the record.
            self.watch.new_term()
            await self.watch.check()
            # Without a configured secret, a random one: we tell Telegram ourselves, and an
            # unauthenticated webhook would let anyone inject updates.
            secret = self.settings.webhook_secret or secrets.token_urlsafe(32)
            url = self.options.webhook_url
            path = path_of(url) if url else LOCAL_PATH
            self.webhook = WebhookServer(self.inbox, secret, path=path)
            listen = self.options.webhook_listen or self.settings.webhook_listen
            port = await self.webhook.start(listen.host, listen.port)
            log.info(
                "webhook server listening",
                extra={"fields": {"host": listen.host, "port": port, "path": path}},
            )
            url = url or _local_url(listen.host, port, path)
            await self.gateway.set_webhook(url, secret, ALLOWED_UPDATES)
        else:
            await self.gateway.delete_webhook()
            poller = Poller(self.gateway, self.inbox, timeout=self.options.poll_timeout)
            self.poller = asyncio.create_task(poller.run(term), name="poller")

    async def _end_term(self) -> None:
        """The term is over (its event is set): the poller ends, the webhook server closes."""
        poller, self.poller = self.poller, None
        if poller is not None:
            await asyncio.gather(poller, return_exceptions=True)
        await self.close_webhook()


def _local_url(host: str, port: int, path: str) -> str:
    """The webhook URL of a server bound on this machine (see `RunOptions`)."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - naming the wildcard, not binding it
        host = "127.0.0.1"
    return f"http://[{host}]:{port}{path}" if ":" in host else f"http://{host}:{port}{path}"
