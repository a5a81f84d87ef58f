"""A city for the public site's tests, built through the real use cases on a real database.

Everything personal carries a unique marker (names, usernames, phones, internal notes, the
reason of a hand-back…) so the privacy test can look for every one of them in every answer.
The complaints cover the lifecycle: closed and rated, in progress, private, unverified,
rejected, auto-verified, and one filed 100 days ago (outside Open311's default window).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from domain.model import Citizen, Staff
from domain.roles import Role
from domain.status import RejectReason
from domain.usecases.agency_work import (
    add_internal_note,
    claim_ticket,
    reply_to_citizen,
    resolve_ticket,
)
from domain.usecases.citizen_followup import confirm_resolution
from domain.usecases.context import Actor
from domain.usecases.intake import submit_ticket
from domain.usecases.triage import reject_ticket, verify_ticket
from storage.database import Database
from tests.backends import postgres_schema, sqlite_file
from tests.usecases.world import World, build_world
from web.app import create_app, secured
from web.config import WebConfig
from web.site import Site

MARK = "ZQX"  # no Indonesian or English word contains it
NAMES = {
    "citizen": f"Siti {MARK}name1",
    "other": f"Joko {MARK}name2",
    "staff": f"Officer {MARK}staff",
    "username": f"{MARK}user",
}
PHONE = "+62 812-7777-9191"
PHONE_DIGITS = "81277779191"
SECRETS = {
    "note": f"internal {MARK}note only for staff",
    "reject": f"rejected because {MARK}spam",
    "comment": f"rating comment {MARK}comment",
    "description_phone": "call me at 0812 3456 7890 please, the hole is huge",
}


class Bbox:
    """A service area for POST tests (Surakarta's box)."""

    bbox = (110.76, -7.60, 110.88, -7.52)

    def contains(self, lon: float, lat: float) -> bool:
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


@dataclass
class City:
    world: World
    site: Site
    client: httpx.AsyncClient
    codes: dict[str, str] = field(default_factory=dict)

    @property
    def markers(self) -> list[str]:
        return [MARK, PHONE_DIGITS, "7777-9191", "3456 7890", "34567890"]


async def _people(w: World) -> tuple[Citizen, Citizen, Staff]:
    now = w.clock.now()
    async with w.factory() as uow:
        one = await uow.citizens.add(
            Citizen(7001, 7001, NAMES["citizen"], now, username=NAMES["username"], phone=PHONE)
        )
        two = await uow.citizens.add(Citizen(7002, 7002, NAMES["other"], now, phone=PHONE))
        officer = await uow.staff.add(
            Staff(7003, NAMES["staff"], Role.OFFICER, now, agency_id=w.roads.id)
        )
        await uow.settings.set("city", {"name": "Kota Contoh", "timezone": "Asia/Jakarta"})
        await uow.commit()
    return one, two, officer


async def populate(w: World) -> dict[str, str]:
    """The complaints; returns their codes by role in the story."""
    one, two, officer_row = await _people(w)
    citizen, other = Actor.citizen(one), Actor.citizen(two)
    officer, admin = Actor.staff(officer_row), w.as_admin
    road = w.road_category.id
    located = {"latitude": -7.56789, "longitude": 110.81234}

    async def submit(who: Actor, category: int | None = road, **kw: object) -> int:
        kw.setdefault("description", "Jalan berlubang besar di depan pasar sejak Senin lalu.")
        t = await w.act(
            submit_ticket, who, category_id=category, contact_phone=PHONE, **located, **kw
        )
        assert t.id is not None
        return t.id

    codes: dict[str, str] = {}
    w.clock.set(w.clock.now() - timedelta(days=100))
    old = await submit(citizen, share_name=True)
    await w.act(verify_ticket, admin, old)
    w.clock.advance(timedelta(days=100))

    closed = await submit(citizen, share_name=True, description=SECRETS["description_phone"])
    await w.act(verify_ticket, admin, closed, note=f"verified {MARK}verifynote")
    await w.act(claim_ticket, officer, closed)
    await w.act(reply_to_citizen, officer, closed, f"We are on it. Call {PHONE} if needed.")
    await w.act(add_internal_note, officer, closed, SECRETS["note"])
    w.clock.advance(timedelta(hours=5))
    await w.act(resolve_ticket, officer, closed, "Patched with hot asphalt; road safe again.")
    await w.act(confirm_resolution, citizen, closed, rating=5, comment=SECRETS["comment"])

    working = await submit(other)
    await w.act(verify_ticket, admin, working)
    await w.act(reply_to_citizen, officer, working, "Scheduled for Thursday.")

    private = await submit(citizen, public=False, description=f"Private {MARK}private text.")
    await w.act(verify_ticket, admin, private)
    await w.act(resolve_ticket, officer, private, f"Fixed {MARK}privatenote quietly.")

    unverified = await submit(other, description="Belum diverifikasi: sampah di sungai belakang.")
    rejected = await submit(other, description="Ini bukan aduan layanan publik sama sekali ya.")
    await w.act(reject_ticket, admin, rejected, RejectReason.SPAM, note=SECRETS["reject"])
    auto = await submit(
        citizen, w.trash_category.id, description="Tong sampah penuh sejak kemarin."
    )

    for name, ticket_id in (
        ("old", old),
        ("closed", closed),
        ("working", working),
        ("private", private),
        ("unverified", unverified),
        ("rejected", rejected),
        ("auto", auto),
    ):
        codes[name] = (await w.ticket(ticket_id)).code
    return codes


@asynccontextmanager
async def database(kind: str, tmp_path: Path) -> AsyncIterator[Database]:
    if kind == "sqlite":
        async with sqlite_file(tmp_path) as path:
            db = Database(f"sqlite+aiosqlite:///{path}")
            try:
                yield db
            finally:
                await db.dispose()
    else:
        async with postgres_schema(migrated=True) as (url, schema):
            db = Database(url, schema=schema)
            try:
                yield db
            finally:
                await db.dispose()


@asynccontextmanager
async def city(kind: str, tmp_path: Path, **config: object) -> AsyncIterator[City]:
    async with database(kind, tmp_path) as db:
        w = await build_world(db.uow)
        codes = await populate(w)
        settings = {"cache_seconds": 0, "service_area": Bbox()} | config
        site = Site(db, WebConfig(**settings), clock=w.clock)  # type: ignore[arg-type]
        app = secured(create_app(site), site)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://city.test") as client:
            yield City(w, site, client, codes)
