"""A photo named by URL (Open311 POST `media_url`) reaches the staff like any other: the web
process only queues the URL with the ticket; the bot's archiver fetches it (from 127.0.0.1,
allowed by EVIDENCE_FETCH_LOOPBACK=yes) and makes it the citizen's attachment; once the unit
verifies the complaint, the agency's card carries the photo. No channel knows its stand-in
file id (`archive:<sha256>`), so the bot uploads the archived bytes and keeps the file id
Telegram gives it, as after a change of bot; nothing is lost or dead-lettered."""

from __future__ import annotations

import hashlib

import httpx

from domain.usecases.triage import verify_ticket
from storage.database import Database
from storage.queries.open311 import add_key, posted_request
from storage.repositories.evidence import archive_file_id
from tests.e2e.citizen.conftest import fast_options
from tests.e2e.evidence.support import archived, photo_file_id
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import by_status, inbox_rows, outbox_rows, wait_until
from tests.e2e.staff.city import staffed_city
from tests.evidence.media_server import PHOTO, media_server
from web.app import create_app
from web.config import WebConfig
from web.site import Site

WAIT = 40.0


async def test_a_photo_posted_by_url_reaches_the_agencys_card(h: Harness) -> None:
    await h.start_bot(fast_options(), EVIDENCE_FETCH_LOOPBACK="yes")
    city = await staffed_city(h)
    site = Site(Database(h.url, schema=h.schema), WebConfig(cache_seconds=0), clock=h.clock)
    async with h.db.uow() as uow:
        key = await add_key(uow, "webform")
        await uow.commit()
    async with (
        media_server() as server,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(site)), base_url="http://city.test"
        ) as web,
    ):
        answer = await web.post(
            "/open311/v2/requests.json",
            data={
                "api_key": key,
                "service_code": "jalan",
                "lat": "-7.5695",
                "long": "110.8250",
                "description": "Lubang besar di Jalan Slamet Riyadi depan pasar, dua minggu.",
                "media_url": server.at("/photo.jpg"),
                "attribute[public]": "yes",
            },
        )
        assert answer.status_code == 201, answer.text
        async with h.db.uow(read_only=True) as uow:
            posted = await posted_request(uow, answer.json()[0]["token"])
            assert posted is not None
            ticket = await uow.tickets.get_by_code(posted.code)
        assert ticket is not None and ticket.id is not None
        (photo,) = await wait_until(
            lambda: archived(h.db, ticket.id or 0, 1), within=WAIT, what="the URL fetched"
        )
    await site.close()
    sha256 = hashlib.sha256(PHOTO).hexdigest()
    assert photo.sha256 == sha256 and photo.file_id == archive_file_id(sha256)

    await city.as_staff(city.admin, verify_ticket, ticket.id)
    await city.card(city.group_a, ticket.code, within=WAIT)

    async def agency_photo() -> list[dict]:
        messages = await h.client.messages(city.group_a)
        return [m for m in messages if "photo" in m]

    (shown,) = await wait_until(agency_photo, within=WAIT, what="the card's photo")
    assert hashlib.sha256(await h.client.download(photo_file_id(shown))).hexdigest() == sha256
    (after,) = await archived(h.db, ticket.id, 1) or []
    assert after.file_id == photo_file_id(shown)  # Telegram's own id from now on

    async def everything_sent() -> bool:
        rows = await outbox_rows(h.db)
        return bool(rows) and set(by_status(rows)) == {"sent"}

    await wait_until(everything_sent, within=WAIT, what="every message sent")
    assert set(by_status(await inbox_rows(h.db))) == {"done"}
