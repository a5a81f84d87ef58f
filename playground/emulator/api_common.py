"""Shared plumbing of the ``/_emulator/`` JSON API: body parsing, typed fields, errors.

Every endpoint takes one dict (query string merged with the JSON body) and returns a value
wrapped as ``{"ok": true, "result": ...}``; user mistakes become ``{"ok": false, "error":
...}`` with a 4xx status, so the playground can show them and tests fail readably.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web

from playground.emulator.group_actions import UserError
from playground.emulator.wire import dumps

PREFIX = "/_emulator"
Body = dict[str, Any]
Api = TypeVar("Api")
Endpoint = Callable[[Api, Body, web.Request], Awaitable[Any]]


def as_int(body: Body, name: str, default: int | None = None) -> int | None:
    value = body.get(name)
    return default if value is None or value == "" else int(value)


def as_float(body: Body, name: str, default: float) -> float:
    value = body.get(name)
    return default if value is None or value == "" else float(value)


def as_bool(body: Body, name: str, default: bool = False) -> bool:
    value = body.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes", "on")
    return bool(value)


def as_bytes(value: Any) -> bytes:
    if not isinstance(value, str):
        raise UserError("file data must be a base64 string")
    return base64.b64decode(value)


def where_of(body: Body) -> Body:
    return {
        "chat_id": as_int(body, "chat_id"),
        "bot_id": as_int(body, "bot_id"),
        "reply_to": as_int(body, "reply_to"),
        "thread_id": as_int(body, "thread_id"),
    }


def respond(status: int, payload: Any) -> web.Response:
    return web.Response(status=status, body=dumps(payload), content_type="application/json")


def endpoint(func: Endpoint[Api]) -> Callable[[Api, web.Request], Awaitable[web.Response]]:
    """Parse query + JSON body into one dict, wrap the result, map errors to 4xx."""

    async def handler(self: Api, request: web.Request) -> web.Response:
        body: Body = dict(request.query)
        if request.can_read_body:
            try:
                loaded = await request.json()
            except ValueError:
                return respond(400, {"ok": False, "error": "body must be JSON"})
            if isinstance(loaded, dict):
                body.update(loaded)
        try:
            result = await func(self, body, request)
        except UserError as exc:
            return respond(exc.status, {"ok": False, "error": str(exc)})
        except (KeyError, ValueError, TypeError) as exc:
            return respond(400, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        return respond(200, {"ok": True, "result": result})

    handler.__doc__ = func.__doc__
    return handler
