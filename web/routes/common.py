"""What every page route shares: the site, the `lang` parameter, and the error pages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import Response

from web.cache import Page
from web.render import HTML, View, render, respond
from web.site import Site

LangQuery = Annotated[
    Literal["id", "en"] | None,
    Query(description="page language (default: Accept-Language, else Indonesian)"),
]

_HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}
HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the page", **_HTML},
    304: {"description": "not modified (If-None-Match)"},
    400: {"description": "a parameter is not valid", **_HTML},
    404: {"description": "no such page", **_HTML},
}


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def not_found_page(view: View) -> Page:
    """The one "not found" page: the same bytes for an unknown, a private and an unverified
    complaint, so nothing can be learnt from it (it never repeats what was asked for)."""
    return render(view, "error.html", status=404, title=view.t("error-404-title"))


async def not_found(site: Site, request: Request, view: View) -> Response:
    version = await site.version()

    async def build() -> Page:
        return not_found_page(view)

    page = await site.pages.get(("404", view.lang), version, build)
    return respond(request, page, site.config.cache_seconds)


def bad_request(view: View) -> Response:
    page = render(view, "error.html", status=400, title=view.t("error-400-title"))
    return Response(page.body, status_code=400, media_type=HTML)
