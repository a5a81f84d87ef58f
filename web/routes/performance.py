"""The city dashboard (`/`) and the agency league table (`/agencies`, `/agencies/<code>`).

Each agency's responsiveness measured and shown is one of the three things aduan exists for
(DESIGN.md): the league table ranks agencies by the share of complaints they resolved within
the SLA, and every column can be sorted, ascending or descending, without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from web.charts import Bars, bar_chart
from web.figures import Figures, Series
from web.render import View, cached_page, render, view_of
from web.routes.common import HTML_RESPONSES, LangQuery, not_found, site_of

router = APIRouter()

SortKey = Literal[
    "name", "received", "resolved", "in_time", "response", "resolution", "rating", "reopen"
]
Period = Literal["year", "month"]


@dataclass(frozen=True)
class Column:
    key: str
    value: Callable[[Figures], float | None]
    higher_is_better: bool


COLUMNS = {
    "received": Column("received", lambda f: f.filed, True),
    "resolved": Column("resolved", lambda f: f.resolved, True),
    "in_time": Column("in_time", lambda f: f.in_time_pct, True),
    "response": Column("response", lambda f: f.median_response, False),
    "resolution": Column("resolution", lambda f: f.median_resolve, False),
    "rating": Column("rating", lambda f: f.mean_rating, True),
    "reopen": Column("reopen", lambda f: f.reopen_pct, False),
}


def charts(view: View, series: Series, prefix: str) -> dict[str, object]:
    """The three monthly charts (volumes, working hours, SLA) for a city or an agency."""
    months = series.monthly()
    labels = [view.fmt.month(y, m) for (y, m), _ in months]
    t = view.t
    volumes = bar_chart(
        f"{prefix}-volume",
        t("chart-volume"),
        labels,
        [
            Bars(t("fig-filed"), [f.filed for _, f in months]),
            Bars(t("fig-resolved"), [f.resolved for _, f in months]),
        ],
        width=960,
    )
    hours = bar_chart(
        f"{prefix}-hours",
        t("chart-hours"),
        labels,
        [
            Bars(t("fig-median-verify-short"), [f.median_verify for _, f in months]),
            Bars(t("fig-median-response-short"), [f.median_response for _, f in months]),
            Bars(t("fig-median-resolve-short"), [f.median_resolve for _, f in months]),
        ],
        unit=" j" if view.lang == "id" else " h",
    )
    in_time = bar_chart(
        f"{prefix}-sla",
        t("chart-in-time"),
        labels,
        [Bars(t("fig-in-time"), [f.in_time_pct for _, f in months])],
        unit="%",
        ceiling=100,
    )
    return {"volume": volumes, "hours": hours, "in_time": in_time, "months": months}


@router.get("/", responses=HTML_RESPONSES, summary="City dashboard")
async def dashboard(request: Request, lang: LangQuery = None) -> Response:
    site = site_of(request)
    view = view_of(site, request)

    async def build():  # type: ignore[no-untyped-def]
        performance = await site.performance()
        catalogue = await site.catalogue()
        return render(
            view,
            "dashboard.html",
            catalogue=catalogue,
            city=performance.city,
            charts=charts(view, performance.city, "city"),
        )

    return await cached_page(site, request, view.lang, build)


def _sorted(
    rows: list[tuple[object, Figures]], sort: str, descending: bool
) -> list[tuple[object, Figures]]:
    if sort == "name":
        return sorted(rows, key=lambda r: r[0].name.lower(), reverse=descending)  # type: ignore[attr-defined]
    column = COLUMNS[sort]
    known = [r for r in rows if column.value(r[1]) is not None]
    unknown = [r for r in rows if column.value(r[1]) is None]  # no data: always last
    known.sort(key=lambda r: column.value(r[1]) or 0.0, reverse=descending)
    return known + sorted(unknown, key=lambda r: r[0].name.lower())  # type: ignore[attr-defined]


@router.get("/agencies", responses=HTML_RESPONSES, summary="Agency league table")
async def agencies(
    request: Request,
    sort: Annotated[SortKey, Query(description="column to sort by")] = "in_time",
    order: Annotated[Literal["asc", "desc"] | None, Query()] = None,
    period: Annotated[Period, Query(description="last 12 months or this month")] = "year",
    lang: LangQuery = None,
) -> Response:
    site = site_of(request)
    view = view_of(site, request)
    descending = order == "desc" if order else (sort != "name" and COLUMNS[sort].higher_is_better)

    async def build():  # type: ignore[no-untyped-def]
        performance = await site.performance()
        catalogue = await site.catalogue()
        rows: list[tuple[object, Figures]] = []
        for agency in catalogue.listed_agencies():
            series = performance.agencies.get(agency.id or 0)
            if series is not None:
                rows.append((agency, series.this_month if period == "month" else series.window))
        return render(
            view,
            "agencies.html",
            catalogue=catalogue,
            rows=_sorted(rows, sort, descending),
            sort=sort,
            descending=descending,
            period=period,
            columns=COLUMNS,
        )

    return await cached_page(site, request, view.lang, build)


@router.get("/agencies/{code}", responses=HTML_RESPONSES, summary="One agency's figures and trend")
async def agency(
    request: Request,
    code: Annotated[str, Path(max_length=40)],
    lang: LangQuery = None,
) -> Response:
    site = site_of(request)
    view = view_of(site, request)
    catalogue = await site.catalogue()
    found = catalogue.agency_by_code(code)
    if found is None or found.id is None or found not in catalogue.listed_agencies():
        return await not_found(site, request, view)

    async def build():  # type: ignore[no-untyped-def]
        performance = await site.performance()
        series = performance.agencies[found.id or 0]
        return render(
            view,
            "agency.html",
            catalogue=catalogue,
            agency=found,
            series=series,
            charts=charts(view, series, f"agency-{found.code}"),
        )

    return await cached_page(site, request, view.lang, build)
