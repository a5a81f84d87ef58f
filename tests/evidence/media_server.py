"""A small web server on 127.0.0.1 serving what a `media_url` may point at: a photo, a page, a
huge file, a stalled answer, redirects (also to forbidden places), errors, a flaky host."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

from tests.web.pictures import phone_jpeg

PHOTO = phone_jpeg("Phone media-server", (30, 140, 200))
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
    b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
BIG = 11 * 2**20


@dataclass
class MediaServer:
    url: str
    hits: dict[str, int] = field(default_factory=dict)
    flaky_failures: int = 2  # /flaky answers 503 this many times, then the photo

    def at(self, path: str) -> str:
        return f"{self.url}{path}"


def _app(state: MediaServer, stalled: asyncio.Event) -> web.Application:
    def count(request: web.Request) -> None:
        state.hits[request.path] = state.hits.get(request.path, 0) + 1

    async def photo(request: web.Request) -> web.Response:
        count(request)
        return web.Response(body=PHOTO, content_type="image/jpeg")

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html><body>not a photo</body></html>", content_type="text/html")

    async def gif(request: web.Request) -> web.Response:
        return web.Response(body=GIF, content_type="image/gif")

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"\xff\xd8\xff" + bytes(BIG), content_type="image/jpeg")

    async def big_chunked(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = bytes(2**20)
        try:
            for _ in range(BIG // len(chunk) + 1):
                await response.write(chunk)
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the fetcher hung up, as it should
        return response

    async def stall(request: web.Request) -> web.Response:
        await stalled.wait()
        return web.Response(body=PHOTO, content_type="image/jpeg")

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["to"])

    async def loop(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/loop/{n + 1}")

    async def busy(request: web.Request) -> web.Response:
        return web.Response(status=503, headers={"Retry-After": "7"})

    async def missing(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def flaky(request: web.Request) -> web.Response:
        count(request)
        if state.hits[request.path] <= state.flaky_failures:
            return web.Response(status=503)
        return web.Response(body=PHOTO, content_type="image/jpeg")

    app = web.Application()
    app.add_routes(
        [
            web.get("/photo.jpg", photo),
            web.get("/page.html", page),
            web.get("/anim.gif", gif),
            web.get("/big.jpg", big),
            web.get("/big-chunked.jpg", big_chunked),
            web.get("/stall.jpg", stall),
            web.get("/redirect", redirect),
            web.get("/loop/{n}", loop),
            web.get("/busy.jpg", busy),
            web.get("/missing.jpg", missing),
            web.get("/flaky.jpg", flaky),
        ]
    )
    return app


@asynccontextmanager
async def media_server() -> AsyncIterator[MediaServer]:
    stalled = asyncio.Event()
    state = MediaServer("")
    runner = web.AppRunner(_app(state, stalled), shutdown_timeout=1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state.url = f"http://127.0.0.1:{port}"
    try:
        yield state
    finally:
        stalled.set()
        await runner.cleanup()
