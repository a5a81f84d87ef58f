"""The evidence queue fetches photos named by URL (Open311's `media_url`), on both databases:
the fetched photo becomes the citizen's attachment of the ticket, once, however often the row is
finished; what is not a photo leaves no attachment; a busy host is tried again later."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.archive_checks import verify_archive
from bot.archiver import EvidenceArchiver
from bot.media_fetch import FetchPolicy, MediaFetcher
from domain.clock import FakeClock
from domain.evidence import StoredEvidence, sha256_of
from domain.model import TicketEvent
from domain.roles import Role
from storage.database import Database
from storage.repositories.evidence import archive_file_id
from tests.contract.builders import T0, seed_ticket
from tests.evidence.conftest import Archive
from tests.evidence.media_server import PHOTO, MediaServer, media_server

LOCAL = MediaFetcher(FetchPolicy(allow_loopback=True, timeout=10.0))


class NoTelegram:
    """URL rows never ask Telegram for anything."""

    async def download_file(self, file_id: str) -> bytes:
        raise AssertionError(f"asked Telegram for {file_id}")


@pytest.fixture
async def server() -> AsyncIterator[MediaServer]:
    async with media_server() as running:
        yield running


@pytest.fixture
async def timed(archive: Archive) -> AsyncIterator[tuple[Database, FakeClock]]:
    clock = FakeClock(T0)
    db = Database(archive.url, schema=archive.schema, clock=clock)
    try:
        yield db, clock
    finally:
        await db.dispose()


def archiver(db: Database, archive: Archive, worker: str = "w1") -> EvidenceArchiver:
    gateway: Any = NoTelegram()
    return EvidenceArchiver(
        db, gateway, archive.store, bot_id=1, worker_id=worker, per_second=100, fetcher=LOCAL
    )


async def queued(db: Database, url: str, code: str = "ADU-7K3Q9X") -> tuple[int, int]:
    """A ticket and its submit event, with `url` queued as in Open311's POST."""
    async with db.uow() as uow:
        ticket = await seed_ticket(uow, code=code)
        assert ticket.id is not None
        event = await uow.events.add(
            TicketEvent(ticket.id, T0, Role.CITIZEN, "submit", public=True, actor_id=None)
        )
        assert event.id is not None
        await uow.evidence_queue.enqueue_url(ticket.id, url, event_id=event.id)
        await uow.commit()
    return ticket.id, event.id


async def test_a_fetched_photo_becomes_the_citizens_attachment(
    archive: Archive, timed: tuple[Database, FakeClock], server: MediaServer
) -> None:
    db, _ = timed
    ticket_id, event_id = await queued(db, server.at("/photo.jpg"))
    async with db.uow(read_only=True) as uow:
        assert await uow.attachments.for_ticket(ticket_id) == []  # none until it is an image
    assert await archiver(db, archive).archive_round() == 1

    sha256 = sha256_of(PHOTO)
    async with db.uow(read_only=True) as uow:
        (attachment,) = await uow.attachments.for_ticket(ticket_id)
        known = await uow.evidence_files.find(archive_file_id(sha256))
        counts = await uow.evidence_queue.counts()
    assert (attachment.sha256, attachment.size, attachment.mime_type) == (
        sha256,
        len(PHOTO),
        "image/jpeg",
    )
    assert attachment.uploaded_by_role == Role.CITIZEN and attachment.kind == "photo"
    assert attachment.event_id == event_id
    assert attachment.file_id == archive_file_id(sha256)  # a bot uploads it from the archive
    assert known is not None and known.sha256 == sha256
    assert await archive.store.get(sha256) == PHOTO
    assert counts == {"done": 1}
    assert (await verify_archive(db, archive.store)).ok


async def test_what_is_not_a_photo_leaves_no_attachment_and_no_alarm(
    archive: Archive, timed: tuple[Database, FakeClock], server: MediaServer
) -> None:
    db, _ = timed
    ticket_id, _ = await queued(db, server.at("/page.html"))
    await queued(db, "http://169.254.169.254/latest/meta-data/", code="ADU-2ND222")
    assert await archiver(db, archive).archive_round() == 2
    async with db.uow(read_only=True) as uow:
        assert await uow.attachments.for_ticket(ticket_id) == []
        assert await uow.evidence_queue.counts() == {"failed": 2}
    assert [sha async for sha in archive.store.hashes()] == []
    report = await verify_archive(db, archive.store)
    assert report.ok  # a citizen's bad link is not a hole in the city's archive


async def test_a_busy_host_is_tried_again_later(
    archive: Archive, timed: tuple[Database, FakeClock], server: MediaServer
) -> None:
    db, clock = timed
    ticket_id, _ = await queued(db, server.at("/flaky.jpg"))  # 503, 503, then the photo
    worker = archiver(db, archive)
    for attempt in (1, 2):
        assert await worker.archive_round() == 1
        assert await worker.archive_round() == 0  # not due yet: it waits its backoff
        async with db.uow(read_only=True) as uow:
            assert await uow.evidence_queue.counts() == {"pending": 1}
            due = await uow.evidence_queue.next_due_at()
        assert due is not None and due > clock.now()
        assert server.hits["/flaky.jpg"] == attempt
        clock.advance(timedelta(minutes=10))
    assert await worker.archive_round() == 1
    async with db.uow(read_only=True) as uow:
        (attachment,) = await uow.attachments.for_ticket(ticket_id)
    assert attachment.sha256 == sha256_of(PHOTO)


async def test_a_row_finished_twice_makes_one_attachment(
    archive: Archive, timed: tuple[Database, FakeClock], server: MediaServer
) -> None:
    """A worker killed (or stalled past its lease) mid-fetch: another takes the row over and
    archives it; the first one's late finish adds nothing."""
    db, clock = timed
    ticket_id, _ = await queued(db, server.at("/photo.jpg"))
    async with db.uow() as uow:
        (stalled,) = await uow.evidence_queue.claim(worker="dead", limit=5)
        await uow.commit()
    assert await archiver(db, archive, "w2").archive_round() == 0  # leased
    clock.advance(timedelta(minutes=3))  # the lease runs out
    assert await archiver(db, archive, "w2").archive_round() == 1
    stored = StoredEvidence(sha256_of(PHOTO), len(PHOTO), "image/jpeg")
    async with db.uow() as uow:
        await uow.evidence_queue.mark_done(stalled, stored, bot_id=1)  # the zombie finishes
        await uow.commit()
    async with db.uow(read_only=True) as uow:
        assert len(await uow.attachments.for_ticket(ticket_id)) == 1
        assert await uow.evidence_queue.counts() == {"done": 1}
