"""Open311 `POST requests`: a city's web form, call centre or a bridge to SP4N-LAPOR! files a
complaint with an API key, through the very use case the bot uses (domain.usecases.intake).

The complaint enters the same verification queue (the admin group gets its card) with channel
`open311`. Its reporter is a citizen row keyed by (open311, client:reporter), where "reporter"
is a hash of the account id, e-mail, phone or device id the client sent: repeat reporters are
one citizen, and no e-mail address is stored. The answer carries the tracking code when it is
known at once (a category that verifies automatically), else a token to poll `tokens/<token>`.
A `media_url` is queued for the evidence archive with the ticket; the bot's archiver fetches it
(bot/media_fetch.py), and the photo is public only if the submission said `attribute[public]`.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Form, Request
from fastapi.responses import Response

from domain.errors import DomainError
from domain.model import OPEN311, Citizen
from domain.sla import SlaPolicy
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.intake import submit_ticket
from handlers.notices.notifier import TicketNotifier
from handlers.texts import Catalogue as BotTexts
from handlers.turn import CityInfo
from storage.queries.open311 import ApiKey, client_for_key, record_post
from storage.uow import SqlUnitOfWork
from web.open311 import schemas
from web.open311.attributes import yes_no
from web.open311.reading import FormatPath, router
from web.open311.wire import body, errors
from web.render import respond
from web.routes.common import site_of
from web.site import Site

log = logging.getLogger(__name__)

MAX_URL = 2000

Text = Annotated[str | None, Form(max_length=4000)]
Short = Annotated[str | None, Form(max_length=254)]


@dataclass
class Filing:
    category_id: int
    description: str
    latitude: float | None
    longitude: float | None
    address: str | None
    public: bool
    share_name: bool
    phone: str | None
    name: str
    reporter: str  # the client's own id for this person, hashed
    media_url: str | None


def _coordinate(
    name: str, raw: str | None, low: float, high: float, problems: list[str]
) -> float | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.append(f"{name} is not a number")
        return None
    if not low <= value <= high:  # also refuses nan and inf
        problems.append(f"{name} must be between {low:g} and {high:g}")
        return None
    return value


def _reporter(
    client: ApiKey,
    account_id: str | None,
    email: str | None,
    phone: str | None,
    device_id: str | None,
) -> str:
    for kind, value in (
        ("account", account_id),
        ("email", email),
        ("phone", phone),
        ("device", device_id),
    ):
        if value and value.strip():
            normal = value.strip().lower() if kind == "email" else value.strip()
            digest = hashlib.sha256(f"{client.id}:{kind}:{normal}".encode()).hexdigest()[:32]
            return f"{client.name}:{kind}:{digest}"
    return f"{client.name}:anonymous"


async def _citizen(uow: SqlUnitOfWork, site: Site, filing: Filing, lang: str) -> Citizen:
    found = await uow.citizens.get_by_external_id(OPEN311, filing.reporter)
    if found is not None:
        if filing.name and found.name != filing.name:
            found.name = filing.name
            await uow.citizens.save(found)
        return found
    return await uow.citizens.add(
        Citizen(
            telegram_id=None,
            chat_id=None,
            name=filing.name,
            created_at=site.now(),
            language=lang,
            channel=OPEN311,
            external_id=filing.reporter,
        )
    )


async def _lifecycle(uow: SqlUnitOfWork, site: Site, city: str) -> Lifecycle:
    """The bot's lifecycle: SLA settings from the database, staff told through the outbox."""
    sla = await uow.settings.get("sla") or {}
    texts = BotTexts(default=site.config.default_language)
    notifier = TicketNotifier(texts, CityInfo(name=city, timezone=site.config.timezone))
    return Lifecycle(clock=site.clock, sla=SlaPolicy(site.calendar, sla), notifier=notifier)


@router.post(
    "/requests.{fmt}",
    status_code=201,
    responses=schemas.responses(list[schemas.Created], extra=(403,)),
    summary="File a service request (needs an api_key)",
)
async def post_request(
    request: Request,
    fmt: FormatPath,
    api_key: Annotated[str | None, Form(max_length=200)] = None,
    service_code: Annotated[str | None, Form(max_length=40)] = None,
    lat: Annotated[str | None, Form(max_length=40)] = None,
    long: Annotated[str | None, Form(max_length=40)] = None,
    address_string: Text = None,
    address_id: Short = None,
    description: Text = None,
    email: Short = None,
    device_id: Short = None,
    account_id: Short = None,
    first_name: Short = None,
    last_name: Short = None,
    phone: Annotated[str | None, Form(max_length=32)] = None,
    media_url: Annotated[str | None, Form(max_length=MAX_URL)] = None,
    jurisdiction_id: Short = None,
    public: Annotated[str | None, Form(alias="attribute[public]", max_length=10)] = None,
    share_name: Annotated[str | None, Form(alias="attribute[share_name]", max_length=10)] = None,
) -> Response:
    site = site_of(request)
    async with site.db.uow(read_only=True) as uow:
        client = await client_for_key(uow, api_key) if api_key else None
    if client is None:
        return respond(request, errors(fmt, 403, ["api_key is missing, unknown or revoked"]), 0)
    catalogue = await site.catalogue()
    problems: list[str] = []
    category = catalogue.category_by_code(service_code or "")
    if not service_code:
        problems.append("service_code is required")
    elif category is None or not category.active or category.id is None:
        problems.append(f"unknown service_code {service_code}")
    latitude = _coordinate("lat", lat, -90, 90, problems)
    longitude = _coordinate("long", long, -180, 180, problems)
    if (latitude is None) != (longitude is None) and not problems:
        problems.append("lat and long go together")
    address = (address_string or "").strip() or (address_id or "").strip() or None
    if latitude is None and address is None and not problems:
        problems.append("a location is required: lat and long, or address_string")
    area = site.config.service_area
    placed = area is not None and latitude is not None and longitude is not None
    if placed and not area.contains(longitude, latitude):  # type: ignore[union-attr,arg-type]
        problems.append("lat/long is outside the city's service area")
    wants_public, wants_name = yes_no("public", public), yes_no("share_name", share_name)
    problems += [p for p in (wants_public, wants_name) if isinstance(p, str)]
    if media_url and urlsplit(media_url).scheme not in ("http", "https"):
        problems.append("media_url must be an http(s) URL")
    if problems:
        return respond(request, errors(fmt, 400, problems), 0)
    assert category is not None and category.id is not None
    filing = Filing(
        category_id=category.id,
        description=description or "",
        latitude=latitude,
        longitude=longitude,
        address=address,
        public=wants_public is True,
        share_name=wants_name is True,
        phone=(phone or "").strip() or None,
        name=" ".join(n.strip() for n in (first_name, last_name) if n and n.strip())[:100],
        reporter=_reporter(client, account_id, email, phone, device_id),
        media_url=media_url or None,
    )
    lang = "en" if request.query_params.get("lang") == "en" else site.config.default_language
    try:
        created = await _file(site, client, filing, catalogue.city, lang)
    except DomainError as refused:  # ValidationFailed reads "description: needs at least …"
        return respond(request, errors(fmt, 400, [str(refused)]), 0)
    created["account_id"] = account_id
    page = body(fmt, "service_requests", [created], status=201)
    return respond(request, page, 0)


async def _file(
    site: Site, client: ApiKey, filing: Filing, city: str, lang: str
) -> dict[str, str | None]:
    async with site.db.uow() as uow:
        citizen = await _citizen(uow, site, filing, lang)
        life = await _lifecycle(uow, site, city)
        ticket = await submit_ticket(
            uow,
            life,
            Actor.citizen(citizen),
            category_id=filing.category_id,
            description=filing.description,
            latitude=filing.latitude,
            longitude=filing.longitude,
            address=filing.address,
            share_name=filing.share_name,
            public=filing.public,
            contact_phone=filing.phone,
        )
        assert ticket.id is not None
        token = await record_post(uow, client, ticket.id, filing.media_url)
        if filing.media_url:
            # The citizen's photo of the complaint, fetched by the bot's evidence archiver
            # (bounded, no private addresses): the site itself never fetches anything.
            submitted = [e for e in await uow.events.for_ticket(ticket.id) if e.action == "submit"]
            await uow.evidence_queue.enqueue_url(
                ticket.id, filing.media_url, event_id=submitted[0].id if submitted else None
            )
        await uow.commit()
    log.info(
        "open311 request filed", extra={"fields": {"client": client.name, "code": ticket.code}}
    )
    notice = site.texts.text(
        lang, "open311-notice-verified" if ticket.verified_at else "open311-notice-pending"
    )
    if ticket.verified_at is not None:
        return {"service_request_id": ticket.code, "token": None, "service_notice": notice}
    return {"service_request_id": None, "token": token, "service_notice": notice}
