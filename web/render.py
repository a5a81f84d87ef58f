"""Jinja2 templates (autoescaped), the per-request view context, and HTTP caching headers.

Every page goes through `respond`: a strong ETag of its bytes, `Cache-Control`, `Vary` on the
language header, and 304 Not Modified when the browser already has it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from web.cache import Page, cache_key
from web.redact import redact
from web.site import Site
from web.texts import Formats, negotiate

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTML = "text/html; charset=utf-8"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,  # every template, whatever its extension
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def agency_list(agency_ids: Any, catalogue: Any) -> str:
    return ", ".join(catalogue.agency_name(a) for a in agency_ids) or "-"


def zip_rows(labels: list[str], months: Any, kind: str, fmt: Formats) -> list[list[str]]:
    """The numbers behind a monthly chart, as table rows (for screen readers and copying)."""
    rows = []
    for label, (_, f) in zip(labels, months, strict=True):
        if kind == "volume":
            rows.append([label, fmt.number(f.filed), fmt.number(f.resolved)])
        elif kind == "hours":
            rows.append(
                [
                    label,
                    fmt.hours(f.median_verify),
                    fmt.hours(f.median_response),
                    fmt.hours(f.median_resolve),
                ]
            )
        else:
            rows.append([label, fmt.pct(f.in_time_pct)])
    return rows


environment.globals.update(redact=redact, agency_list=agency_list, zip_rows=zip_rows)


@dataclass
class View:
    """What a template needs about this request: language, texts, formats and links."""

    site: Site
    request: Request
    lang: str
    explicit_lang: bool

    def t(self, key: str, **args: Any) -> str:
        return self.site.texts.text(self.lang, key, **args)

    @property
    def fmt(self) -> Formats:
        return Formats(self.lang, self.site.config.timezone)

    def url(self, path: str, **params: Any) -> str:
        """A link on this site; keeps `?lang=` when the visitor chose the language."""
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.explicit_lang:
            query.setdefault("lang", self.lang)
        return path + ("?" + urlencode(query) if query else "")

    @property
    def map_center(self) -> str:
        """The middle of the service area ("lat,lon"), where an empty map opens."""
        area = self.site.config.service_area
        if area is None:
            return ""
        min_lon, min_lat, max_lon, max_lat = area.bbox
        return f"{(min_lat + max_lat) / 2:.4f},{(min_lon + max_lon) / 2:.4f}"

    def switch_lang(self, lang: str) -> str:
        query = dict(self.request.query_params)
        query["lang"] = lang
        return self.request.url.path + "?" + urlencode(query)


def view_of(site: Site, request: Request) -> View:
    asked = request.query_params.get("lang")
    lang = negotiate(asked, request.headers.get("accept-language"), site.config.default_language)
    return View(site, request, lang, explicit_lang=asked == lang)


def render(view: View, template: str, status: int = 200, **context: Any) -> Page:
    html = environment.get_template(template).render(v=view, t=view.t, fmt=view.fmt, **context)
    return Page.of(html.encode(), HTML, status)


def respond(request: Request, page: Page, cache_seconds: int) -> Response:
    control = f"public, max-age={cache_seconds}" if cache_seconds > 0 else "no-cache"
    headers = {"ETag": page.etag, "Cache-Control": control, "Vary": "Accept-Language"}
    match = request.headers.get("if-none-match", "")
    if page.status == 200 and page.etag and page.etag in (m.strip() for m in match.split(",")):
        return Response(status_code=304, headers=headers)
    return Response(page.body, status_code=page.status, media_type=page.media_type, headers=headers)


async def cached_page(
    site: Site,
    request: Request,
    lang: str,
    build: Callable[[], Awaitable[Page]],
    *,
    vary: str = "",
) -> Response:
    """The page for this request from the cache (built on a miss), with caching headers;
    `vary`: anything else the page depends on (this site's address, for absolute links)."""
    version = await site.version()
    key = cache_key(request.url.path, request.query_params.multi_items(), lang)
    if vary:
        key = (*key, vary)  # type: ignore[assignment]
    page = await site.pages.get(key, version, build)
    return respond(request, page, site.config.cache_seconds)
