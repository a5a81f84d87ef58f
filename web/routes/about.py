"""`/api`: how to read and file complaints through Open311 (examples built for this host)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.cache import Page
from web.render import cached_page, render, view_of
from web.routes.common import HTML_RESPONSES, LangQuery, site_of

router = APIRouter()


@router.get("/api", responses=HTML_RESPONSES, summary="About the Open311 API")
async def api_page(request: Request, lang: LangQuery = None) -> Response:
    site = site_of(request)
    view = view_of(site, request)

    address = site.base_url(request)

    async def build() -> Page:
        catalogue = await site.catalogue()
        base = address + "/open311/v2"
        first = next(iter(catalogue.listed_categories()), None)
        return render(
            view,
            "api.html",
            catalogue=catalogue,
            base=base,
            example_service=first.code if first else "jalan",
        )

    return await cached_page(site, request, view.lang, build, vary=address)
