"""Open311 POST with a `media_url`: the URL is queued with the ticket (the site fetches nothing
itself), the bot's evidence archiver fetches it through its checks, and the photo becomes the
citizen's attachment, shown on the public page (and as `media_url`) only when the submission
said public; a private submission's photo is archived but never served."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.archiver import EvidenceArchiver
from bot.media_fetch import FetchPolicy, MediaFetcher
from domain.evidence import StoredEvidence, sha256_of
from domain.roles import Role
from domain.usecases.triage import verify_ticket
from storage.queries.open311 import posted_request
from storage.tables import EvidencePurgeRow, table_of
from tests.evidence.media_server import PHOTO, MediaServer, media_server
from tests.web.city import City
from tests.web.pictures import gps_of
from tests.web.test_open311_posting import GOOD, new_key, post

PURGE = table_of(EvidencePurgeRow)


@pytest.fixture
async def server() -> AsyncIterator[MediaServer]:
    async with media_server() as running:
        yield running


async def file_with_photo(
    city: City, media_url: str, public: str, key: str | None = None
) -> tuple[str, int]:
    """POST, then verify as the unit does; returns the tracking code and the ticket id."""
    key = key or await new_key(city)
    data = {**GOOD, "api_key": key, "media_url": media_url, "attribute[public]": public}
    (created,) = await post(city, data)
    async with city.site.db.uow() as uow:
        posted = await posted_request(uow, created["token"])
        assert posted is not None
        ticket = await uow.tickets.get_by_code(posted.code)
        assert ticket is not None and ticket.id is not None
        assert await uow.evidence_queue.waiting() >= 1  # queued with the ticket
        assert await uow.attachments.for_ticket(ticket.id) == []
    await city.world.act(verify_ticket, city.world.as_admin, ticket.id)
    return posted.code, ticket.id


async def archive_round(city: City) -> int:
    """One round of the bot's archiver, fetching from the test server on 127.0.0.1."""
    assert city.store is not None
    gateway: Any = None  # a URL needs no Telegram
    archiver = EvidenceArchiver(
        city.site.db,
        gateway,
        city.store,
        bot_id=1,
        fetcher=MediaFetcher(FetchPolicy(allow_loopback=True, timeout=10.0)),
    )
    return await archiver.archive_round()


async def test_a_public_submissions_photo_is_fetched_and_published(
    fresh_city: City, server: MediaServer
) -> None:
    code, ticket_id = await file_with_photo(fresh_city, server.at("/photo.jpg"), "yes")
    page = (await fresh_city.client.get(f"/c/{code}")).text
    assert "/evidence/" not in page  # not archived yet: simply not shown yet
    assert await archive_round(fresh_city) == 1
    sha256 = sha256_of(PHOTO)
    async with fresh_city.site.db.uow() as uow:
        (attachment,) = await uow.attachments.for_ticket(ticket_id)
    assert attachment.sha256 == sha256 and attachment.uploaded_by_role == Role.CITIZEN
    fresh_city.site.probe.forget()  # a second later: the cached page is not, its version moved
    page = (await fresh_city.client.get(f"/c/{code}")).text
    assert f'src="/evidence/{sha256}/small"' in page
    (request,) = (await fresh_city.client.get(f"/open311/v2/requests/{code}.json")).json()
    assert request["media_url"] == f"http://city.test/evidence/{sha256}"
    photo = await fresh_city.client.get(f"/evidence/{sha256}")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert gps_of(PHOTO) and gps_of(photo.content) == {}


async def test_a_private_submissions_photo_is_archived_but_never_served(
    fresh_city: City, server: MediaServer
) -> None:
    code, ticket_id = await file_with_photo(fresh_city, server.at("/photo.jpg"), "no")
    assert await archive_round(fresh_city) == 1
    sha256 = sha256_of(PHOTO)
    async with fresh_city.site.db.uow() as uow:
        (attachment,) = await uow.attachments.for_ticket(ticket_id)
    assert attachment.sha256 == sha256  # the city keeps its evidence
    assert (await fresh_city.client.get(f"/c/{code}")).status_code == 404
    assert (await fresh_city.client.get(f"/evidence/{sha256}")).status_code == 404


async def test_a_url_into_the_citys_network_is_never_fetched(
    fresh_city: City, server: MediaServer
) -> None:
    inside = server.at("/redirect?to=http://169.254.169.254/latest/meta-data/")
    _, ticket_id = await file_with_photo(fresh_city, inside, "yes")
    assert await archive_round(fresh_city) == 1
    async with fresh_city.site.db.uow() as uow:
        assert await uow.attachments.for_ticket(ticket_id) == []
        assert (await uow.evidence_queue.counts()).get("failed") == 1


async def test_a_photo_by_url_of_an_erased_complaint_is_never_attached(
    fresh_city: City, server: MediaServer
) -> None:
    """Erasure drops a fetch still queued (its URL is the citizen's); one already under way
    when the complaint is erased finishes into the purge, not onto the complaint."""
    key = await new_key(fresh_city)
    _, queued = await file_with_photo(fresh_city, server.at("/photo.jpg"), "yes", key)
    _, fetching = await file_with_photo(fresh_city, server.at("/photo.jpg"), "yes", key)
    db = fresh_city.site.db
    async with db.uow() as uow:
        items = await uow.evidence_queue.claim(worker="archiver")
        [in_flight] = [i for i in items if i.ticket_id == fetching]
        await uow.commit()
    async with db.uow() as uow:
        await uow.erasure.erase(ticket_ids=[queued, fetching], at=fresh_city.world.clock.now())
        await uow.commit()
    assert fresh_city.store is not None
    stored = StoredEvidence(await fresh_city.store.put(PHOTO), len(PHOTO), "image/jpeg")
    async with db.uow() as uow:
        await uow.evidence_queue.mark_done(in_flight, stored, bot_id=1)
        await uow.commit()
    async with db.uow() as uow:
        assert await uow.attachments.for_ticket(queued) == []
        assert await uow.attachments.for_ticket(fetching) == []
        assert await uow.evidence_queue.waiting() == 0  # the other fetch is gone
        purge = (await uow.session.execute(PURGE.select())).all()
    assert [row.sha256 for row in purge] == [stored.sha256]
