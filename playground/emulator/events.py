"""``GET /_emulator/events``: a Server-Sent Events stream of everything that happens.

The web playground renders chats live from this stream: each new, edited or deleted
message, callback query and answer, chat action and membership change arrives as one SSE
event whose ``data`` is the JSON event record (the same records ``/events/log`` returns).
``id`` is the event's ``seq``, so a reconnecting browser resumes with ``Last-Event-ID``
(or ``?since=``) and misses nothing still in the log.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import web

from playground.emulator.models import JSON
from playground.emulator.state import EmulatorState
from playground.emulator.wire import dumps

STATE_KEY = web.AppKey("state", EmulatorState)
HEARTBEAT_SECONDS = 15.0
QUEUE_SIZE = 10_000


def _frame(event: JSON) -> bytes:
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (
        event["seq"],
        str(event["type"]).encode(),
        dumps(event),
    )


async def stream_events(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    since_raw = request.query.get("since") or request.headers.get("Last-Event-ID") or "0"
    try:
        since = int(since_raw)
    except ValueError:
        since = 0
    chat_filter = request.query.get("chat_id")
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    queue: asyncio.Queue[JSON | None] = asyncio.Queue(QUEUE_SIZE)
    state.subscribers.add(queue)
    try:
        await response.write(b": connected\n\n")
        for event in list(state.events):
            if event["seq"] > since and _wanted(event, chat_filter):
                await response.write(_frame(event))
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                await response.write(b": ping\n\n")
                continue
            if event is None:
                break
            if (event["seq"] > since and _wanted(event, chat_filter)) or event["type"] == "reset":
                await response.write(_frame(event))
    except ConnectionResetError:
        return response
    finally:
        state.subscribers.discard(queue)
    with contextlib.suppress(ConnectionResetError):
        await response.write_eof()
    return response


def _wanted(event: JSON, chat_filter: str | None) -> bool:
    return chat_filter is None or str(event["chat_id"]) == chat_filter


def close_streams(state: EmulatorState) -> None:
    """End every open stream (server shutdown)."""
    for queue in list(state.subscribers):
        with contextlib.suppress(asyncio.QueueFull):
            queue.put_nowait(None)
