"""The control side of the ``/_emulator/`` API: reset, bots, limits, faults, webhooks.

These switches change how the emulated Telegram behaves towards the bot (flood limits,
injected failures, webhook timeouts) and expose counters that tests assert on: calls per
method, every update produced, 429s given, webhook delivery attempts.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from playground.emulator.api_common import PREFIX, Body, as_bool, as_int, endpoint, respond
from playground.emulator.limits import LimitConfig
from playground.emulator.state import EmulatorState, WebhookSettings
from playground.emulator.views import summary


class ControlApi:
    def __init__(self, state: EmulatorState):
        self.state = state

    def routes(self) -> list[web.RouteDef]:
        get, post = web.get, web.post
        table = [
            (post, "/reset", self.reset),
            (get, "/state", self.get_state),
            (post, "/bots", self.configure_bot),
            (get, "/updates", self.updates),
            (get, "/calls", self.calls),
            (post, "/limits", self.set_limits),
            (get, "/limits", self.limits),
            (post, "/faults", self.add_fault),
            (get, "/faults", self.faults),
            (post, "/faults/clear", self.clear_faults),
            (post, "/webhook/settings", self.webhook_settings),
            (get, "/webhook/log", self.webhook_log),
            (get, "/files/{file_id}", self.file),
        ]
        return [verb(PREFIX + path, handler) for verb, path, handler in table]

    @endpoint
    async def reset(self, body: Body, request: web.Request) -> bool:
        self.state.reset()
        return True

    @endpoint
    async def get_state(self, body: Body, request: web.Request) -> Any:
        return summary(self.state)

    @endpoint
    async def configure_bot(self, body: Body, request: web.Request) -> Any:
        """Create or change a bot: ``bot_id``, ``username``, ``first_name``, ``privacy_mode``."""
        bot_id = as_int(body, "bot_id")
        bot = self.state.bots.get(bot_id) if bot_id is not None else self.state.bot()
        if bot is None:
            bot = self.state.add_bot(int(bot_id or 0), username=body.get("username"))
        if body.get("username"):
            bot.username = str(body["username"])
        if body.get("first_name"):
            bot.first_name = str(body["first_name"])
        if "privacy_mode" in body:
            bot.privacy_mode = as_bool(body, "privacy_mode")
        bot.refresh()
        return {**bot.me(), "privacy_mode": bot.privacy_mode}

    @endpoint
    async def updates(self, body: Body, request: web.Request) -> Any:
        return list(self.state.bot(as_int(body, "bot_id")).produced)

    @endpoint
    async def calls(self, body: Body, request: web.Request) -> Any:
        return dict(self.state.bot(as_int(body, "bot_id")).calls)

    @endpoint
    async def set_limits(self, body: Body, request: web.Request) -> Any:
        fields = set(LimitConfig.__slots__)  # type: ignore[attr-defined]
        self.state.limits.configure(**{k: v for k, v in body.items() if k in fields})
        return self.state.limits.stats()

    @endpoint
    async def limits(self, body: Body, request: web.Request) -> Any:
        return self.state.limits.stats()

    @endpoint
    async def add_fault(self, body: Body, request: web.Request) -> Any:
        options = {k: v for k, v in body.items() if k != "kind"}
        return self.state.faults.add(str(body["kind"]), **options).to_json()

    @endpoint
    async def faults(self, body: Body, request: web.Request) -> Any:
        return self.state.faults.to_json()

    @endpoint
    async def clear_faults(self, body: Body, request: web.Request) -> bool:
        chat_id = as_int(body, "chat_id")
        if chat_id is not None:
            self.state.faults.remove_chat_fault(chat_id)
        else:
            self.state.faults.clear()
        return True

    @endpoint
    async def webhook_settings(self, body: Body, request: web.Request) -> Any:
        settings = self.state.webhook_settings
        for name in WebhookSettings.__slots__:  # type: ignore[attr-defined]
            if body.get(name) is not None:
                setattr(settings, name, float(body[name]))
        return {name: getattr(settings, name) for name in ("timeout", "retry_base", "retry_max")}

    @endpoint
    async def webhook_log(self, body: Body, request: web.Request) -> Any:
        bot_id = as_int(body, "bot_id")
        return [e for e in self.state.webhook_log if bot_id is None or e["bot_id"] == bot_id]

    async def file(self, request: web.Request) -> web.StreamResponse:
        """Raw bytes of any stored file, e.g. a photo the bot sent."""
        record = self.state.files.get(request.match_info["file_id"])
        if record is None:
            return respond(404, {"ok": False, "error": "unknown file_id"})
        return web.Response(
            body=record.data, content_type=record.mime_type or "application/octet-stream"
        )
