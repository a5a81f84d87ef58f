"""The web playground's routes, mounted on the emulator's aiohttp app (one port, one origin).

The page itself is static (playground/web/: plain HTML, CSS and ES modules, no build step, no
CDN) and acts as Telegram users through the emulator's own `/_emulator/` API and SSE stream,
exactly like the tests do. Only what the emulator cannot know lives here, under `/_demo/`:
the cast, the service area, the bot's commands, reset and time travel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from playground.demo import Demo

WEB = Path(__file__).resolve().parent / "web"
NO_STORE = {"Cache-Control": "no-store"}


def _json(payload: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status, text=json.dumps(payload), content_type="application/json", headers=NO_STORE
    )


def _as_int(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text


class PlaygroundWeb:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo

    def mount(self, app: web.Application) -> None:
        """The emulator's hook: add the page and `/_demo/` before its catch-all 404."""
        app.router.add_get("/", self.index)
        app.router.add_static("/web/", WEB, append_version=False)
        app.router.add_get("/_demo/world", self.world)
        app.router.add_get("/_demo/commands", self.commands)
        app.router.add_post("/_demo/reset", self.reset)
        app.router.add_post("/_demo/travel", self.travel)

    async def index(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(WEB / "index.html", headers=NO_STORE)

    async def world(self, request: web.Request) -> web.Response:
        return _json(await self.demo.world())

    async def commands(self, request: web.Request) -> web.Response:
        """The command menu the bot registered (setMyCommands) for a kind of chat, resolved
        the way Telegram resolves scopes: the chat's own, then its kind's, then the default;
        each in the cast's language first."""
        bot = self.demo.emulator.state.bot()
        chat_id = request.query.get("chat_id", "")
        group = request.query.get("kind") == "group"
        scopes: list[dict[str, Any]] = [{"type": "chat", "chat_id": _as_int(chat_id)}]
        scopes.append({"type": "all_group_chats" if group else "all_private_chats"})
        scopes.append({"type": "default"})
        for scope in scopes:
            for language in (self.demo.language, ""):
                menu = bot.commands.get(json.dumps(scope, sort_keys=True) + "|" + language)
                if menu:
                    return _json(menu)
        return _json([])

    async def reset(self, request: web.Request) -> web.Response:
        await self.demo.reset()
        return _json({"ok": True})

    async def travel(self, request: web.Request) -> web.Response:
        try:
            days = float(request.query.get("days", "1"))
        except ValueError:
            return _json({"ok": False, "error": "days must be a number"}, 400)
        if not 0 < days <= 30:
            return _json({"ok": False, "error": "days must be in (0, 30]"}, 400)
        return _json({"ok": True, **await self.demo.travel(days)})
