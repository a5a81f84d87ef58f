"""HTTP wire helpers: JSON encoding, reading Bot API parameters, dropping a connection.

Kept apart from routing so the hot path (one ``getUpdates`` or ``sendMessage``) is easy to
see and to keep lean: one JSON encode per answer, no logging, and a body parser that
handles the four encodings Telegram accepts.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from playground.emulator.validation import ApiError, UploadedFile, bad_request

try:  # pragma: no cover - optional speed-up, used only if the environment has it
    import orjson

    def dumps(value: Any) -> bytes:
        return orjson.dumps(value)

except ImportError:  # pragma: no cover
    _encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)

    def dumps(value: Any) -> bytes:
        return _encoder.encode(value).encode()


_FORMS = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


async def read_params(request: web.Request) -> dict[str, Any]:
    """Query string merged with a JSON, form-encoded or multipart body."""
    data: dict[str, Any] = dict(request.query) if request.query_string else {}
    if not request.can_read_body:
        return data
    content_type = request.content_type
    if content_type == "application/json":
        raw = await request.read()
        if raw.strip():
            try:
                loaded = json.loads(raw)
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(loaded, dict):
                raise bad_request("JSON object expected")
            data.update(loaded)
    elif content_type in _FORMS:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                data[name] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                data[name] = value
    else:
        await request.read()
    return data


def ok(result: Any, description: str | None = None) -> web.Response:
    payload: dict[str, Any] = {"ok": True, "result": result}
    if description:
        payload["description"] = description
    return web.Response(body=dumps(payload), content_type="application/json")


def error(exc: ApiError) -> web.Response:
    return web.Response(status=exc.code, body=dumps(exc.payload()), content_type="application/json")


class ConnectionDropped(web.HTTPException):
    """Raised after the transport is closed, so aiohttp writes nothing more."""

    status_code = 599


def drop_connection(request: web.Request) -> ConnectionDropped:
    """Close the socket without an answer, like a proxy dying mid-request."""
    transport = request.transport
    if transport is not None:
        transport.abort()
    return ConnectionDropped()
