"""The FastAPI application: pages, the Open311 API, static files, errors and the OpenAPI document.

`create_app(site)` is all a server (uvicorn in `aduan web`, the demo, the tests) needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.open311 import filing as _filing  # noqa: F401  (registers POST requests)
from web.open311.reading import router as open311_router
from web.open311.wire import errors, format_of
from web.render import respond, view_of
from web.routes import about, complaints, evidence, performance
from web.routes.common import bad_request, not_found
from web.site import Site

STATIC = Path(__file__).resolve().parent / "static"
STATIC_MAX_AGE = 86_400


class Static(StaticFiles):
    """Vendored Leaflet, the stylesheet and the map script: cached for a day (with ETag)."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
        return response


class SecurityHeaders:
    """Nothing but this site's own files may run; tiles come from the configured server."""

    def __init__(self, app: ASGIApp, tile_url: str) -> None:
        self.app = app
        tiles = urlsplit(tile_url.replace("{s}", "a"))
        tile_origin = f"{tiles.scheme}://{tiles.netloc}" if tiles.netloc else ""
        tile_origin = tile_origin.replace("://a.", "://*.")
        policy = (
            "default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src 'self' data: {tile_origin}; frame-ancestors 'none'; base-uri 'none'"
        )
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def _is_open311(request: Request) -> bool:
    return request.url.path.startswith("/open311/")


def create_app(site: Site) -> FastAPI:
    app = FastAPI(
        title="aduan public site and Open311 GeoReport v2 API",
        version="2",
        docs_url=None,  # Swagger UI loads from a CDN; the API page is /api
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.site = site
    app.include_router(performance.router)
    app.include_router(complaints.router)
    app.include_router(about.router)
    app.include_router(evidence.router)
    app.include_router(open311_router)
    app.mount("/static", Static(directory=STATIC), name="static")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_open311(request):
            problems = [_describe(e) for e in exc.errors()][:10]
            return respond(request, errors(format_of(request.url.path), 400, problems), 0)
        return bad_request(view_of(site, request))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        extra = dict(exc.headers or {})
        if exc.status_code == 405:  # Allow lists every method of the path (RFC 9110)
            extra["Allow"] = ", ".join(_methods_of(app, request))
        if _is_open311(request):
            page = errors(format_of(request.url.path), exc.status_code, [str(exc.detail)])
            response = respond(request, page, 0)
        elif exc.status_code == 404:
            response = await not_found(site, request, view_of(site, request))
        else:
            response = Response(str(exc.detail), exc.status_code, media_type="text/plain")
        response.headers.update(extra)
        return response

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _without_422(
                get_openapi(title=app.title, version=app.version, routes=app.routes)
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _methods_of(app: FastAPI, request: Request) -> list[str]:
    """Starlette names only the first route matching the path; a path may have several."""
    methods: set[str] = set()
    for route in app.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
    return f"{where}: {error.get('msg', 'invalid')}"


def _without_422(schema: dict[str, Any]) -> dict[str, Any]:
    """Validation errors are answered with 400 (Open311's errors, or the HTML error page)."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    for name in ("HTTPValidationError", "ValidationError"):
        schema.get("components", {}).get("schemas", {}).pop(name, None)
    return schema


def secured(app: FastAPI, site: Site) -> ASGIApp:
    """The app behind its security headers (what servers run)."""
    return SecurityHeaders(app, site.config.tile_url)
