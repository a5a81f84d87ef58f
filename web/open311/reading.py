"""Open311 GET endpoints: discovery, services, a service's definition, requests, tokens.

`service_request_id` is the tracking code. Status is `closed` only once the citizen confirmed
the fix or the confirmation window ran out: a fix the agency documented but the citizen may
still reopen is `open`, with the resolution note in `status_notes` (the point of aduan is that
"resolved" is not the agency's word alone). Only public complaints are listed; a private or
unverified one is "not found" exactly like an unknown code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from storage.queries.open311 import posted_request
from storage.queries.public import (
    ComplaintFilter,
    PublicComplaint,
    list_public,
    resolution_notes,
)
from storage.queries.public_photos import first_public_photos
from web.cache import Page, cache_key
from web.open311 import schemas
from web.open311.attributes import definition
from web.open311.wire import Format, body, errors
from web.redact import redact
from web.render import respond, view_of
from web.routes.common import LangQuery, site_of
from web.site import Catalogue, Site

router = APIRouter(prefix="/open311/v2", tags=["Open311 GeoReport v2"])

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00+00:00"  # when this endpoint's behaviour last changed
WINDOW = timedelta(days=90)
PAGE_SIZE, MAX_PAGE_SIZE, MAX_IDS = 100, 500, 100
CLOSED = ("closed",)

FormatPath = Annotated[Format, Path(description="json or xml")]
DateTimeQuery = Query(
    max_length=40, description="ISO 8601", json_schema_extra={"format": "date-time"}
)


class Refused(Exception):
    """A request the spec says to answer with an error list."""

    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__(descriptions)
        self.status = status
        self.descriptions = list(descriptions)


def _iso(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # no complaint is older, none is this far ahead
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
ISO_8601 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"([Zz]|[+-]\d{2}:?\d{2})?"
)


def _instant(name: str, raw: str | None, tz: ZoneInfo) -> datetime | None:
    """An ISO 8601 date or date-time (RFC 3339 included: `Z`, any fraction, a leap second);
    one without an offset is taken in the city's time zone."""
    if raw is None:
        return None
    found = ISO_8601.fullmatch(raw.strip())
    if found is None:
        raise Refused(400, f"{name} is not an ISO 8601 date-time")
    year, month, day, hour, minute, second, fraction, offset = found.groups()
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            min(int(second or 0), 59),  # 23:59:60, a leap second
            int((fraction or "0")[:6].ljust(6, "0")),
        )
        if offset and offset.upper() != "Z":
            zone = datetime.strptime(offset.replace(":", ""), "%z").tzinfo
            moment = moment.replace(tzinfo=zone)
        else:
            moment = moment.replace(tzinfo=UTC if offset else tz)
        if not EARLIEST <= moment.astimezone(UTC) <= LATEST:
            raise ValueError("out of range")
    except (ValueError, OverflowError):
        raise Refused(400, f"{name} is not a valid date-time from 1970 to 2200") from None
    return moment


def window(
    start: str | None, end: str | None, now: datetime, tz: ZoneInfo
) -> tuple[datetime, datetime]:
    """The spec's default: the last 90 days; a range may not span more than 90 days."""
    lo, hi = _instant("start_date", start, tz), _instant("end_date", end, tz)
    if lo is None and hi is None:
        hi = now
    if lo is None:
        assert hi is not None
        lo = hi - WINDOW
    if hi is None:
        hi = lo + WINDOW
    if hi < lo:
        raise Refused(400, "end_date is before start_date")
    if hi - lo > WINDOW:
        raise Refused(400, "start_date and end_date may not span more than 90 days")
    return lo, hi


def service_request(
    site: Site,
    lang: str,
    catalogue: Catalogue,
    c: PublicComplaint,
    note: str | None,
    media_url: str | None = None,
) -> dict[str, Any]:
    tz = site.calendar.tz
    agencies = [catalogue.agency_name(a) for a in c.agency_ids]
    category = catalogue.categories.get(c.category_id)
    deadlines = [s.deadline for s in c.shares if s.stage == "resolve" and s.deadline is not None]
    if c.status in ("resolved", "closed") and note:
        notes = redact(note)
    else:
        notes = site.texts.text(lang, f"status-{c.status}", agencies=", ".join(agencies) or "-")
    return {
        "service_request_id": c.code,
        "status": "closed" if c.status in CLOSED else "open",
        "status_notes": notes,
        "service_name": catalogue.category_name(c.category_id, lang),
        "service_code": category.code if category else "",
        "description": redact(c.description),
        "agency_responsible": ", ".join(agencies) or None,
        "service_notice": None,
        "requested_datetime": _iso(c.created_at, tz),
        "updated_datetime": _iso(c.updated_at, tz),
        "expected_datetime": _iso(max(deadlines), tz)
        if deadlines and c.status != "closed"
        else None,
        "address": None,  # what the citizen typed may be their home: never published
        "address_id": None,
        "zipcode": None,
        "lat": c.latitude,
        "long": c.longitude,
        "media_url": media_url,  # the first public photo (web/routes/evidence.py)
    }


async def _answer(
    request: Request, fmt: Format, build_value: Any, root: str, *, cache: bool = True
) -> Response:
    """Run `build_value()` (cached per request and data version) into a JSON or XML body."""
    site = site_of(request)
    view = view_of(site, request)

    async def build() -> Page:
        try:
            return body(fmt, root, await build_value(view.lang))
        except Refused as refused:
            return errors(fmt, refused.status, refused.descriptions)

    if not cache:
        return respond(request, await build(), site.config.cache_seconds)
    version = await site.version()
    key = (cache_key(request.url.path, request.query_params.multi_items(), view.lang),)
    if site.config.public_url is None:  # answers carry this site's address (media_url)
        key += (site.base_url(request),)
    page = await site.pages.get(key, version, build)
    return respond(request, page, site.config.cache_seconds)


@router.get(
    "/discovery.{fmt}",
    responses=schemas.responses(schemas.Discovery),
    summary="Service discovery",
)
async def discovery(request: Request, fmt: FormatPath) -> Response:
    site = site_of(request)

    async def value(lang: str) -> dict[str, Any]:
        catalogue = await site.catalogue()
        base = site.base_url(request) + router.prefix
        return {
            "changeset": CHANGESET,
            "contact": site.texts.text(lang, "open311-contact", city=catalogue.city),
            "key_service": site.texts.text(lang, "open311-key-service"),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        }

    return await _answer(request, fmt, value, "discovery")


@router.get(
    "/services.{fmt}",
    responses=schemas.responses(list[schemas.Service]),
    summary="Service list (the complaint categories)",
)
async def services(request: Request, fmt: FormatPath, lang: LangQuery = None) -> Response:
    site = site_of(request)

    async def value(lang: str) -> list[dict[str, Any]]:
        catalogue = await site.catalogue()
        return [
            {
                "service_code": c.code,
                "service_name": catalogue.category_name(c.id or 0, lang),
                "description": " / ".join(dict.fromkeys(n for n in (c.name, c.name_en) if n)),
                "metadata": True,
                "type": "realtime",
                "keywords": c.code,
                "group": "",
            }
            for c in catalogue.listed_categories()
        ]

    return await _answer(request, fmt, value, "services")


@router.get(
    "/services/{service_code}.{fmt}",
    responses=schemas.responses(schemas.ServiceDefinition),
    summary="Service definition (the attributes a request may carry)",
)
async def service_definition(
    request: Request, service_code: str, fmt: FormatPath, lang: LangQuery = None
) -> Response:
    site = site_of(request)

    async def value(lang: str) -> dict[str, Any]:
        category = (await site.catalogue()).category_by_code(service_code)
        if category is None or not category.active:
            raise Refused(404, f"no service with code {service_code[:40]}")
        return definition(site.texts, lang, category.code)

    return await _answer(request, fmt, value, "service_definition")


async def _requests(
    site: Site, request: Request, lang: str, f: ComplaintFilter, *, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    catalogue = await site.catalogue()
    async with site.db.uow(read_only=True) as uow:
        found = await list_public(uow, f, limit=limit, offset=offset)
        notes = await resolution_notes(
            uow, [c.id for c in found if c.status in ("resolved", "closed")]
        )
        photos = await first_public_photos(uow, [c.id for c in found])
    media = await site.photos.first_present(photos)
    base = site.base_url(request)
    return [
        service_request(
            site,
            lang,
            catalogue,
            c,
            notes.get(c.id),
            f"{base}/evidence/{media[c.id]}" if c.id in media else None,
        )
        for c in found
    ]


def _statuses(values: Sequence[str]) -> list[str]:
    unknown = [v for v in values if v not in ("open", "closed")]
    if unknown:
        raise Refused(400, f"status must be open or closed, not {unknown[0][:20]}")
    if set(values) == {"closed"}:
        return ["closed"]
    if set(values) == {"open"}:
        return ["submitted", "on_hold", "dispatched", "in_progress", "need_info", "resolved"]
    return []  # both, or neither: every status


@router.get(
    "/requests.{fmt}",
    responses=schemas.responses(list[schemas.ServiceRequest]),
    summary="Public service requests (newest first, 90 days by default)",
)
async def requests(
    request: Request,
    fmt: FormatPath,
    service_request_id: Annotated[
        str | None, Query(description="tracking codes, comma-separated; overrides the rest")
    ] = None,
    service_code: Annotated[str | None, Query(description="comma-separated")] = None,
    start_date: Annotated[str | None, DateTimeQuery] = None,
    end_date: Annotated[str | None, DateTimeQuery] = None,
    status: Annotated[
        str | None,
        Query(pattern=r"^(open|closed)(,(open|closed))?$", description="open, closed or both"),
    ] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
    jurisdiction_id: Annotated[str | None, Query(description="ignored: one city")] = None,
    lang: LangQuery = None,
) -> Response:
    site = site_of(request)

    async def value(lang: str) -> list[dict[str, Any]]:
        codes = [c.upper() for c in _split(service_request_id)]
        if len(codes) > MAX_IDS:
            raise Refused(400, f"at most {MAX_IDS} service_request_id at once")
        if codes:  # the spec: ids override every other argument
            return await _requests(site, request, lang, ComplaintFilter(codes=codes), limit=MAX_IDS)
        lo, hi = window(start_date, end_date, site.now(), site.calendar.tz)
        catalogue = await site.catalogue()
        category_ids = []
        for code in _split(service_code):
            category = catalogue.category_by_code(code)
            if category is not None and category.id is not None:
                category_ids.append(category.id)
        if service_code and not category_ids:
            return []  # only unknown services asked for: none of their requests exist
        f = ComplaintFilter(
            category_ids=category_ids,
            statuses=_statuses(_split(status)),
            created_from=lo,
            created_to=hi + timedelta(microseconds=1),  # end_date is inclusive
        )
        return await _requests(
            site, request, lang, f, limit=page_size, offset=(page - 1) * page_size
        )

    return await _answer(request, fmt, value, "service_requests")


@router.get(
    "/requests/{service_request_id}.{fmt}",
    responses=schemas.responses(list[schemas.ServiceRequest]),
    summary="One public service request, by tracking code",
)
async def one_request(
    request: Request, service_request_id: str, fmt: FormatPath, lang: LangQuery = None
) -> Response:
    site = site_of(request)

    async def value(lang: str) -> list[dict[str, Any]]:
        found = await _requests(
            site, request, lang, ComplaintFilter(codes=[service_request_id.upper()]), limit=1
        )
        if not found:
            raise Refused(404, "no public service request with that id")
        return found

    return await _answer(request, fmt, value, "service_requests")


@router.get(
    "/tokens/{token}.{fmt}",
    responses=schemas.responses(list[schemas.Token]),
    summary="The service_request_id of a posted request, once it is verified",
)
async def token(request: Request, token: str, fmt: FormatPath) -> Response:
    site = site_of(request)

    async def value(lang: str) -> list[dict[str, Any]]:
        async with site.db.uow(read_only=True) as uow:
            posted = await posted_request(uow, token)
        if posted is None:
            raise Refused(404, "unknown token")
        if posted.status in ("rejected", "cancelled"):
            raise Refused(404, f"the request was not accepted ({posted.status})")
        return [
            {"token": posted.token, "service_request_id": posted.code if posted.verified else None}
        ]

    return await _answer(request, fmt, value, "service_requests", cache=False)
