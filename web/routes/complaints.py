"""Public complaints: the map and list (`/complaints`) and one page per complaint (`/c/<code>`).

Both show only what storage.queries.public lets out. The map is drawn by Leaflet (served from
this site, never a CDN) from the list itself, so the list works without JavaScript and the
markers work when no map tile can load.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from storage.queries.public import (
    ComplaintFilter,
    count_public,
    list_public,
    public_complaint,
    public_timeline,
)
from storage.queries.public_photos import PublicPhoto
from web.cache import Page
from web.render import View, cached_page, render, view_of
from web.routes.common import HTML_RESPONSES, LangQuery, not_found_page, site_of
from web.site import Catalogue

router = APIRouter()

STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "waiting": ("submitted", "on_hold", "dispatched"),
    "in_progress": ("in_progress", "need_info"),
    "resolved": ("resolved",),
    "closed": ("closed",),
}
StatusGroup = Literal["waiting", "in_progress", "resolved", "closed"]
PeriodFilter = Literal["all", "month", "30d", "90d", "365d"]
MAX_PAGE = 10_000


def status_group(status: str) -> str:
    return next((g for g, members in STATUS_GROUPS.items() if status in members), "waiting")


def _since(period: str, now: datetime, view: View) -> datetime | None:
    if period == "month":
        local = now.astimezone(view.site.calendar.tz)
        return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if period.endswith("d"):
        return now - timedelta(days=int(period[:-1]))
    return None


def _filter(
    catalogue: Catalogue,
    category: str | None,
    agency: str | None,
    status: str | None,
    since: datetime | None,
) -> ComplaintFilter | None:
    """None when a filter names something that does not exist (nothing can match)."""
    category_ids: list[int] = []
    if category:
        found = catalogue.category_by_code(category)
        if found is None or found.id is None:
            return None
        category_ids = [found.id]
    agency_id = None
    if agency:
        found_agency = catalogue.agency_by_code(agency)
        if found_agency is None:
            return None
        agency_id = found_agency.id
    statuses = STATUS_GROUPS[status] if status else ()
    return ComplaintFilter(
        category_ids=category_ids, agency_id=agency_id, statuses=statuses, created_from=since
    )


@router.get("/complaints", responses=HTML_RESPONSES, summary="Map and list of public complaints")
async def complaints(
    request: Request,
    category: Annotated[str | None, Query(max_length=40, description="category code")] = None,
    agency: Annotated[str | None, Query(max_length=40, description="agency code")] = None,
    status: Annotated[StatusGroup | None, Query()] = None,
    period: Annotated[PeriodFilter, Query(description="filed within")] = "all",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    lang: LangQuery = None,
) -> Response:
    site = site_of(request)
    view = view_of(site, request)

    async def build() -> Page:
        catalogue = await site.catalogue()
        size = site.config.page_size
        wanted = _filter(catalogue, category, agency, status, _since(period, site.now(), view))
        items, total = [], 0
        if wanted is not None:
            async with site.db.uow(read_only=True) as uow:
                total = await count_public(uow, wanted)
                items = await list_public(uow, wanted, limit=size, offset=(page - 1) * size)
        pages = max(1, math.ceil(total / size))
        chosen = {"category": category, "agency": agency, "status": status, "period": period}
        return render(
            view,
            "complaints.html",
            catalogue=catalogue,
            items=items,
            total=total,
            page=page,
            pages=pages,
            chosen=chosen,
            status_groups=list(STATUS_GROUPS),
            periods=["all", "month", "30d", "90d", "365d"],
            group_of=status_group,
            tiles=site.config.tile_url,
            attribution=site.config.tile_attribution,
        )

    return await cached_page(site, request, view.lang, build)


def _by_event(photos: list[PublicPhoto]) -> dict[int | None, list[PublicPhoto]]:
    """The agency's photos under the reply or resolution they came with."""
    grouped: dict[int | None, list[PublicPhoto]] = {}
    for p in photos:
        grouped.setdefault(p.event_id, []).append(p)
    return grouped


@router.get("/c/{code}", responses=HTML_RESPONSES, summary="One public complaint")
async def complaint(
    request: Request,
    code: Annotated[str, Path(description="tracking code, e.g. ADU-7K3Q9X")],
    lang: LangQuery = None,
) -> Response:
    site = site_of(request)
    view = view_of(site, request)

    async def build() -> Page:
        async with site.db.uow(read_only=True) as uow:
            found = await public_complaint(uow, code.upper())
            if found is None:
                return not_found_page(view)
            timeline = await public_timeline(uow, found.id)
            photos = await site.photos.shown(uow, found.id)
        catalogue = await site.catalogue()
        return render(
            view,
            "complaint.html",
            catalogue=catalogue,
            c=found,
            group=status_group(found.status),
            timeline=timeline,
            photos=[p for p in photos if p.by_citizen],  # filed with the complaint
            event_photos=_by_event([p for p in photos if not p.by_citizen]),
            supporters=None,  # "me too" does not exist yet: no number is made up
            tiles=site.config.tile_url,
            attribution=site.config.tile_attribution,
        )

    return await cached_page(site, request, view.lang, build)
