"""Webhook delivery: POST each update to the bot's URL, in order, until it is accepted.

Like Telegram, one update is in flight per bot at a time; the next is sent only after the
previous got a 2xx. A non-2xx answer, a connection error or no answer within the webhook
timeout counts as a failure: the same update is sent again after an exponential backoff,
and ``getWebhookInfo`` reports ``last_error_date``/``last_error_message``. Every attempt is
logged so tests can see redeliveries.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import aiohttp

from playground.emulator.models import JSON, BotRecord, WebhookConfig
from playground.emulator.state import EmulatorState
from playground.emulator.wire import dumps

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


class WebhookDelivery:
    """One delivery task per bot that has a webhook."""

    def __init__(self, state: EmulatorState):
        self.state = state
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._session: aiohttp.ClientSession | None = None

    def changed(self, bot: BotRecord) -> None:
        """(Re)start or stop the bot's delivery after setWebhook/deleteWebhook/reset."""
        task = self._tasks.pop(bot.id, None)
        if task is not None:
            task.cancel()
        if bot.webhook is not None:
            loop = asyncio.get_running_loop()
            self._tasks[bot.id] = loop.create_task(self._run(bot, bot.webhook))

    async def stop(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self, bot: BotRecord, hook: WebhookConfig) -> None:
        failures = 0
        while bot.webhook is hook:
            if not bot.pending:
                await bot.update_pulse.wait(None)
                continue
            update = bot.pending[0]
            error = await self._post(bot, hook, update, failures + 1)
            if bot.webhook is not hook:
                return
            if error is None:
                if bot.pending and bot.pending[0] is update:
                    bot.pending.popleft()
                failures = 0
                continue
            failures += 1
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            settings = self.state.webhook_settings
            await asyncio.sleep(min(settings.retry_max, settings.retry_base * 2 ** (failures - 1)))

    async def _post(
        self, bot: BotRecord, hook: WebhookConfig, update: JSON, attempt: int
    ) -> str | None:
        """Send one update; ``None`` if accepted, else Telegram's wording of the failure."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        timeout = aiohttp.ClientTimeout(total=self.state.webhook_settings.timeout)
        started = time.monotonic()
        status: int | None = None
        error: str | None = None
        try:
            async with self._session.post(
                hook.url, data=dumps(update), headers=headers, timeout=timeout
            ) as response:
                status = response.status
                await response.read()
                if not 200 <= status < 300:
                    error = f"Wrong response from the webhook: {status} {response.reason}"
        except TimeoutError:
            error = "Read timeout expired"
        except aiohttp.ClientConnectorError:
            error = "Connection refused"
        except aiohttp.ClientError as exc:
            error = f"Connection error: {type(exc).__name__}"
        self.state.webhook_log.append(
            {
                "bot_id": bot.id,
                "update_id": update["update_id"],
                "attempt": attempt,
                "ok": error is None,
                "status": status,
                "error": error,
                "seconds": round(time.monotonic() - started, 4),
                "at": time.time(),
            }
        )
        self.state.activity.fire()
        return error
