"""Asking Telegram how its webhook deliveries fare (getWebhookInfo).

A delivery that never reaches us (a wrong path, a reverse proxy answering 404 or 502, an
expired certificate, the bot down) leaves no trace here: Telegram retries for a while, then
drops the update. Only getWebhookInfo's `last_error_message` says so. So the process taking
updates asks at the start of its term, before setWebhook (what happened while nobody listened),
and then every `RunOptions.webhook_check` seconds while it serves.

Each new error is logged at ERROR. The complaint unit is told once: at most one alert per
term, and never twice for the same error (a job marker keyed by its date, so a restart or
another process does not repeat it).
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.gateway.errors import GatewayError
from bot.gateway.protocol import TelegramGateway, WebhookInfo
from handlers.alerts import alert_admins
from handlers.texts import Catalogue
from handlers.turn import CityInfo
from storage.database import Database
from storage.queries.marks import claim_mark

log = logging.getLogger(__name__)

MARK = "webhook-error"


class WebhookWatch:
    def __init__(
        self, db: Database, gateway: TelegramGateway, texts: Catalogue, city: CityInfo
    ) -> None:
        self.db = db
        self.gateway = gateway
        self.texts = texts
        self.city = city  # the city's zone as in use now (a re-seed changes it in place)
        self._last_error: datetime | None = None  # the latest error logged
        self._told = False  # the admins were alerted in this term

    def new_term(self) -> None:
        self._told = False

    async def check(self) -> WebhookInfo | None:
        """Ask Telegram; log a new delivery error and tell the admins. Never raises: the
        answer only informs, and taking updates must not depend on it."""
        try:
            info = await self.gateway.get_webhook_info()
        except GatewayError as exc:
            log.warning("could not ask Telegram about webhook deliveries: %s", type(exc).__name__)
            return None
        when = info.last_error_date
        if not info.last_error_message or when is None or when == self._last_error:
            return info
        self._last_error = when
        log.error(
            "Telegram reports failed webhook deliveries",
            extra={
                "fields": {
                    "error": info.last_error_message,
                    "at": when.isoformat(),
                    "pending_updates": info.pending_update_count,
                }
            },
        )
        if not self._told:
            try:
                self._told = await self._tell_admins(info.last_error_message, when)
            except Exception:
                log.exception("could not queue the webhook alert")
        return info

    async def _tell_admins(self, error: str, when: datetime) -> bool:
        async with self.db.uow() as uow:
            if not await claim_mark(uow, MARK, when.isoformat(), uow.clock.now()):
                return True  # already told, by this process before a restart or another
            await alert_admins(
                uow,
                self.texts,
                "staff-alert-webhook-error",
                error=error,
                when=when.astimezone(ZoneInfo(self.city.timezone)).strftime("%Y-%m-%d %H:%M %Z"),
            )
            await uow.commit()
        return True
