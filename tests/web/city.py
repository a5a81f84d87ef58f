"""A city for the public site's tests, built through the real use cases on a real database.

Everything personal carries a unique marker (names, usernames, phones, internal notes, the
reason of a hand-back…) so the privacy test can look for every one of them in every answer.
The complaints cover the lifecycle: closed and rated, in progress, private, unverified,
rejected, auto-verified, and one filed 100 days ago (outside Open311's default window).

Photos (tests/web/pictures.py), archived into a folder store through the real download queue:
the closed complaint's citizen photo, the agency's reply photo and two resolution photos are
public; a photo on an internal note, a citizen's answer to a question, and every photo of the
private, unverified and rejected complaints are not. Every JPEG carries EXIF with a GPS
position and the marker in the phone's model.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from domain.evidence import EvidenceStore
from domain.model import Attachment, Citizen, Staff
from domain.roles import Role
from domain.status import RejectReason
from domain.usecases.agency_work import (
    add_internal_note,
    claim_ticket,
    reply_to_citizen,
    request_info,
    resolve_ticket,
)
from domain.usecases.citizen_followup import add_citizen_info, confirm_resolution
from domain.usecases.context import Actor
from domain.usecases.intake import submit_ticket
from domain.usecases.triage import reject_ticket, verify_ticket
from storage.database import Database
from storage.evidence import FolderEvidenceStore
from tests.backends import postgres_schema, sqlite_file
from tests.usecases.world import World, build_world
from tests.web.pictures import archive_downloads, phone_jpeg, plain_png
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


PHONE_MODEL = f"Phone {MARK}model"
PICTURES = {
    # public: filed with the public complaint, the agency's reply, its resolution
    "cit-closed": phone_jpeg(PHONE_MODEL, (200, 60, 60)),
    "reply-closed": plain_png((60, 160, 60)),
    "fix-closed-1": phone_jpeg(PHONE_MODEL, (60, 60, 200)),
    "fix-closed-2": phone_jpeg(PHONE_MODEL, (60, 200, 200)),
    # never public
    "note-closed": phone_jpeg(PHONE_MODEL, (90, 90, 10)),
    "info-working": phone_jpeg(PHONE_MODEL, (10, 90, 90)),
    "cit-private": phone_jpeg(PHONE_MODEL, (120, 0, 120)),
    "fix-private": phone_jpeg(PHONE_MODEL, (0, 120, 120)),
    "cit-unverified": phone_jpeg(PHONE_MODEL, (250, 250, 0)),
    "cit-rejected": phone_jpeg(PHONE_MODEL, (0, 0, 0)),
}
PUBLIC_PICTURES = ("cit-closed", "reply-closed", "fix-closed-1", "fix-closed-2")


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
    store: EvidenceStore | None = None
    hashes: dict[str, str] = field(default_factory=dict)  # picture name -> sha256

    @property
    def public_hashes(self) -> set[str]:
        return {self.hashes[name] for name in PUBLIC_PICTURES}

    @property
    def hidden_hashes(self) -> set[str]:
        return set(self.hashes.values()) - self.public_hashes

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

    closed = await submit(
        citizen,
        share_name=True,
        description=SECRETS["description_phone"],
        photo_file_ids=["cit-closed"],
    )
    await w.act(verify_ticket, admin, closed, note=f"verified {MARK}verifynote")
    await w.act(claim_ticket, officer, closed)
    await w.act(
        reply_to_citizen,
        officer,
        closed,
        f"We are on it. Call {PHONE} if needed.",
        ["reply-closed"],
    )
    await w.act(add_internal_note, officer, closed, SECRETS["note"])
    await _photo_on_last_event(w, closed, "note-closed")  # no command does it: the rule must
    w.clock.advance(timedelta(hours=5))
    await w.act(
        resolve_ticket,
        officer,
        closed,
        "Patched with hot asphalt; road safe again.",
        ["fix-closed-1", "fix-closed-2"],
    )
    await w.act(confirm_resolution, citizen, closed, rating=5, comment=SECRETS["comment"])

    working = await submit(other)
    await w.act(verify_ticket, admin, working)
    await w.act(reply_to_citizen, officer, working, "Scheduled for Thursday.")
    await w.act(request_info, officer, working, "Which side of the road?")
    await w.act(
        add_citizen_info, Actor.citizen(two), working, "In front of my house", ["info-working"]
    )

    private = await submit(
        citizen,
        public=False,
        description=f"Private {MARK}private text.",
        photo_file_ids=["cit-private"],
    )
    await w.act(verify_ticket, admin, private)
    await w.act(
        resolve_ticket, officer, private, f"Fixed {MARK}privatenote quietly.", ["fix-private"]
    )

    unverified = await submit(
        other,
        description="Belum diverifikasi: sampah di sungai belakang.",
        photo_file_ids=["cit-unverified"],
    )
    rejected = await submit(
        other,
        description="Ini bukan aduan layanan publik sama sekali ya.",
        photo_file_ids=["cit-rejected"],
    )
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


async def _photo_on_last_event(w: World, ticket_id: int, file_id: str) -> None:
    """An officer's photo on the ticket's newest event (an internal note here)."""
    last = (await w.events(ticket_id))[-1]
    async with w.factory() as uow:
        await uow.attachments.add(
            Attachment(
                ticket_id,
                file_id,
                w.clock.now(),
                event_id=last.id,
                uploaded_by_role=Role.OFFICER,
            )
        )
        await uow.commit()


async def archive(w: World, store: EvidenceStore) -> dict[str, str]:
    """Archive every test picture (as the bot's archiver would); picture name -> sha256."""
    hashes = await archive_downloads(w.factory, store, PICTURES)
    assert set(hashes) == set(PICTURES)
    return hashes


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
        store = FolderEvidenceStore(tmp_path / "evidence")
        hashes = await archive(w, store)
        settings = {"cache_seconds": 0, "service_area": Bbox()} | config
        site = Site(db, WebConfig(**settings), clock=w.clock, evidence=store)  # type: ignore[arg-type]
        app = secured(create_app(site), site)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://city.test") as client:
            yield City(w, site, client, codes, store, hashes)
