"""The aiohttp application and :class:`EmulatorServer`, the emulator's entry point.

Routes: ``/bot<token>/<method>`` (the Bot API), ``/file/bot<token>/<path>`` (downloads),
``/_emulator/...`` (the user side, see ``user_api``) and ``/_emulator/events`` (SSE).
Anything else answers Telegram's JSON 404, so a misconfigured client fails the same way it
would against api.telegram.org.

Call faults are applied here, around the method: a fault decides whether the method runs
at all, how late the answer comes, and whether an answer comes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from aiohttp import web

from playground.emulator import bot_methods, bot_send  # noqa: F401 - register methods
from playground.emulator.api_common import PREFIX
from playground.emulator.control_api import ControlApi
from playground.emulator.events import STATE_KEY, close_streams, stream_events
from playground.emulator.faults import FaultRule
from playground.emulator.registry import METHODS, Call, Described
from playground.emulator.state import EmulatorState
from playground.emulator.user_api import UserApi
from playground.emulator.validation import ApiError, Params, not_found
from playground.emulator.webhook import WebhookDelivery
from playground.emulator.wire import drop_connection, error, ok, read_params

if TYPE_CHECKING:
    from playground.emulator.client import EmulatorClient

DEFAULT_TOKEN = "123456789:AAEmulatorTestToken"  # noqa: S105 - a fake, public test token
MAX_UPLOAD = 50 * 1024 * 1024


class BotApi:
    """Request handlers for the Bot API side."""

    def __init__(self, state: EmulatorState, closing: asyncio.Event):
        self.state = state
        self.closing = closing

    async def handle(self, request: web.Request) -> web.StreamResponse:
        state = self.state
        bot = state.bot_for_token(request.match_info["token"])
        entry = METHODS.get(request.match_info["method"].lower())
        if bot is None or entry is None:
            return error(not_found())
        bot.calls[entry.name] = bot.calls.get(entry.name, 0) + 1
        try:
            params = Params(await read_params(request))
        except ApiError as exc:
            return error(exc)
        fault = None
        if state.faults.active:
            refusal = self._chat_fault(params)
            if refusal is not None:
                return refusal
            fault = state.faults.match(entry.name.lower(), params.raw("chat_id"))
            if fault is not None:
                answer = await self._before(request, fault)
                if answer is not None:
                    return answer
        call = Call(state, bot, params, entry.name)
        try:
            if entry.is_async:
                result = await entry.handler(call)  # type: ignore[misc]
            else:
                result = entry.handler(call)
        except ApiError as exc:
            return error(exc)
        if fault is not None and fault.kind == "lost_answer":
            raise drop_connection(request)
        if isinstance(result, Described):
            return ok(result.result, result.description)
        return ok(result)

    def _chat_fault(self, params: Params) -> web.StreamResponse | None:
        """The standing refusal injected for the addressed chat, if any."""
        chat_id = params.raw("chat_id")
        if chat_id is None:
            return None
        chat = self.state.groups.get(_as_int(chat_id))
        refusal = self.state.faults.chat_error(
            chat_id, chat is not None and chat.type == "supergroup"
        )
        return error(refusal) if refusal is not None else None

    async def _before(self, request: web.Request, fault: FaultRule) -> web.StreamResponse | None:
        """Apply a call fault before the method runs; a response means "answer this"."""
        if fault.kind in ("error", "retry_after"):
            return error(fault.error())
        if fault.kind in ("delay", "hang"):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closing.wait(), fault.delay_ms / 1000)
            if fault.kind == "hang":
                raise drop_connection(request)
        if fault.kind == "drop":
            raise drop_connection(request)
        return None

    async def download(self, request: web.Request) -> web.StreamResponse:
        bot = self.state.bot_for_token(request.match_info["token"])
        if bot is None:
            return error(not_found())
        record = self.state.files.by_path.get(request.match_info["path"])
        if record is None or not self.state.files.usable(record, bot.id):
            return error(not_found())
        return web.Response(
            body=record.data, content_type=record.mime_type or "application/octet-stream"
        )


def _as_int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return 0


async def _fallback(request: web.Request) -> web.StreamResponse:
    return error(not_found())


def build_app(
    state: EmulatorState,
    closing: asyncio.Event,
    mount: Callable[[web.Application], None] | None = None,
) -> web.Application:
    app = web.Application(client_max_size=MAX_UPLOAD)
    app[STATE_KEY] = state
    bot_api = BotApi(state, closing)
    app.router.add_route("*", r"/bot{token:\d+:[^/]+}/{method:[A-Za-z]+}", bot_api.handle)
    app.router.add_get(r"/file/bot{token:\d+:[^/]+}/{path:.+}", bot_api.download)
    app.router.add_get(f"{PREFIX}/events", stream_events)
    app.router.add_routes(UserApi(state).routes())
    app.router.add_routes(ControlApi(state).routes())
    if mount is not None:  # extra routes (the web playground), before the catch-all 404
        mount(app)
    app.router.add_route("*", "/{tail:.*}", _fallback)
    return app


class EmulatorServer:
    """A local Telegram Bot API server plus the user side, on one aiohttp app.

    ``tokens`` are pre-registered (the first is the default bot that user-side calls
    address); any other ``<digits>:<secret>`` token works too and becomes its own bot.
    """

    def __init__(
        self,
        *,
        tokens: tuple[str, ...] | list[str] = (DEFAULT_TOKEN,),
        bot_username: str = "aduan_bot",
        bot_first_name: str = "Aduan Bot",
        privacy_mode: bool = True,
        mount: Callable[[web.Application], None] | None = None,
    ) -> None:
        self.state = EmulatorState(bot_username=bot_username, bot_first_name=bot_first_name)
        self.tokens = list(tokens)
        for token in self.tokens:
            bot = self.state.bot_for_token(token)
            if bot is None:
                raise ValueError(f"not a bot token: {token!r} (expected <digits>:<secret>)")
            bot.privacy_mode = privacy_mode
            bot.refresh()
        self._closing = asyncio.Event()
        self.webhooks = WebhookDelivery(self.state)
        self.state.webhook_changed = self.webhooks.changed
        self.app = build_app(self.state, self._closing, mount)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    @property
    def token(self) -> str:
        """The default bot's token."""
        return self.tokens[0]

    @property
    def bot_id(self) -> int:
        return int(self.token.split(":", 1)[0])

    @property
    def api_url(self) -> str:
        """Base for python-telegram-bot's ``base_url`` (``{api_url}{token}/{method}``)."""
        return f"{self.base_url}/bot"

    @property
    def file_url(self) -> str:
        """Base for python-telegram-bot's ``base_file_url``."""
        return f"{self.base_url}/file/bot"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0 = a free port); returns the base URL."""
        self._closing.clear()
        runner = web.AppRunner(
            self.app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound = runner.addresses[0]
        self.base_url = f"http://{host}:{bound[1]}"
        return self.base_url

    async def stop(self) -> None:
        """Wake every parked request, end streams and webhook tasks, close the socket."""
        if self._runner is None:
            return
        self._closing.set()
        for bot in self.state.bots.values():
            if bot.poll_waiter is not None and not bot.poll_waiter.done():
                bot.poll_waiter.set_result("stop")
        close_streams(self.state)
        await self.webhooks.stop()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    def client(self, *, bot_id: int | None = None) -> EmulatorClient:
        from playground.emulator.client import EmulatorClient

        return EmulatorClient(self.base_url, bot_id=bot_id)

    async def __aenter__(self) -> EmulatorServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
