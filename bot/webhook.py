"""Webhook mode: Telegram POSTs each update; we answer 200 only after it is committed.

The server answers at the path of WEBHOOK_URL, whatever it is (`/` when the URL has none): that
is where Telegram posts, and a reverse proxy in front passes the path on unchanged. Any other
path gets 404, which Telegram reports in getWebhookInfo (bot.webhook_watch tells the admins).

The secret token is compared in constant time, and a mismatch gets 401 without touching the
database. A non-2xx answer makes Telegram (and the emulator) deliver the update again later.
"""

from __future__ import annotations

import hmac
import json
import logging
from urllib.parse import unquote, urlsplit

from aiohttp import web

from bot.inbox import Inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Where the server answers when no WEBHOOK_URL is given and the URL is derived from the bound
# address (a Bot API server on this machine, such as the emulator; see RunOptions).
LOCAL_PATH = "/telegram/webhook"


def path_of(url: str) -> str:
    """The path Telegram posts to for this webhook URL: its own, or `/` when it has none
    (decoded, as the server matches it; the query string is not part of it)."""
    return unquote(urlsplit(url).path) or "/"


def secret_matches(expected: str, given: str | None) -> bool:
    return hmac.compare_digest(expected.encode(), (given or "").encode())


class WebhookServer:
    def __init__(self, inbox: Inbox, secret: str, *, path: str = LOCAL_PATH) -> None:
        self.inbox = inbox
        self.secret = secret
        self.path = path
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=2 * 1024 * 1024)
        app.router.add_post(self.path, self.receive)
        app.router.add_get("/healthz", self.health)
        return app

    async def receive(self, request: web.Request) -> web.Response:
        if not secret_matches(self.secret, request.headers.get(SECRET_HEADER)):
            log.warning("webhook call with a wrong secret token refused")
            return web.Response(status=401, text="unauthorized")
        try:
            update = json.loads(await request.read())
            int(update["update_id"])
        except (ValueError, KeyError, TypeError):
            return web.Response(status=400, text="not a Telegram update")
        try:
            await self.inbox.store([update])
        except Exception:
            log.exception("could not store a webhook update; Telegram will retry")
            return web.Response(status=503, text="try again")
        return web.Response(status=200, text="ok")

    async def health(self, _request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def start(self, host: str, port: int) -> int:
        # A webhook request only commits a row; on SIGTERM don't wait a minute for stragglers.
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else port
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
