"""The evidence download queue on both databases: queued with the attachment (or not at all),
leased, retaken after a dead worker's lease, and shared by concurrent claimers (SKIP LOCKED on
PostgreSQL) without a row being handed out twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from domain.clock import FakeClock
from domain.evidence import StoredEvidence
from domain.model import Attachment
from tests.backends import UowFactory
from tests.contract.builders import T0, seed_ticket


async def _attach(factory: UowFactory, count: int, *, commit: bool = True) -> int:
    async with factory() as uow:
        ticket = await seed_ticket(uow)
        assert ticket.id is not None
        for n in range(count):
            await uow.attachments.add(Attachment(ticket.id, f"file-{n}", T0))
        if commit:
            await uow.commit()
        return ticket.id


async def test_a_download_is_queued_with_its_attachment_or_not_at_all(
    timed_uow_factory: UowFactory,
) -> None:
    await _attach(timed_uow_factory, 2, commit=False)  # rolled back: nothing queued
    async with timed_uow_factory() as uow:
        assert await uow.evidence_queue.waiting() == 0
    await _attach(timed_uow_factory, 2)
    async with timed_uow_factory() as uow:
        assert await uow.evidence_queue.waiting() == 2
        assert await uow.evidence_queue.enqueue_unarchived() == 2  # nothing new to add


async def test_claims_lease_and_a_dead_workers_rows_come_back(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    ticket_id = await _attach(timed_uow_factory, 3)
    async with timed_uow_factory() as uow:
        first = await uow.evidence_queue.claim(worker="a/evidence", limit=2)
        second = await uow.evidence_queue.claim(worker="b/evidence", limit=5)
        await uow.commit()
    assert len(first) == 2 and len(second) == 1
    assert {i.id for i in first}.isdisjoint({i.id for i in second})
    done = first[0]
    async with timed_uow_factory() as uow:
        await uow.evidence_queue.mark_done(
            done, StoredEvidence("ab" * 32, 10, "image/jpeg"), bot_id=7
        )
        assert await uow.evidence_queue.claim(worker="b/evidence") == []  # all leased
        assert await uow.evidence_queue.lease_holders() == {"a/evidence", "b/evidence"}
        assert await uow.evidence_queue.expire_leases(["a/evidence"]) == 1  # a died
        again = await uow.evidence_queue.claim(worker="b/evidence")
        await uow.commit()
    assert [i.id for i in again] == [first[1].id] and again[0].attempts == 2
    clock.advance(timedelta(minutes=3))  # b's leases run out by themselves too
    async with timed_uow_factory() as uow:
        assert len(await uow.evidence_queue.claim(worker="c/evidence")) == 2
        attachments = await uow.attachments.for_ticket(ticket_id)
        known = await uow.evidence_files.find("file-0")
    archived = [a for a in attachments if a.id == done.attachment_id]
    assert [(a.sha256, a.size, a.mime_type) for a in archived] == [("ab" * 32, 10, "image/jpeg")]
    assert known is not None and known.sha256 == "ab" * 32


async def test_retries_wait_and_failures_are_kept(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    await _attach(timed_uow_factory, 2)
    async with timed_uow_factory() as uow:
        one, two = await uow.evidence_queue.claim(worker="w")
        await uow.evidence_queue.reschedule(
            one.id, at=clock.now() + timedelta(seconds=30), error="502"
        )
        await uow.evidence_queue.mark_failed(two.id, error="wrong file_id")
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.evidence_queue.claim(worker="w") == []
        assert await uow.evidence_queue.next_due_at() == clock.now() + timedelta(seconds=30)
        assert await uow.evidence_queue.failures() == [(two.attachment_id, "wrong file_id")]
    clock.advance(timedelta(seconds=31))
    async with timed_uow_factory() as uow:
        assert [i.id for i in await uow.evidence_queue.claim(worker="w")] == [one.id]
        await uow.commit()
    async with timed_uow_factory() as uow:  # backfill tries the failed one again
        assert await uow.evidence_queue.enqueue_unarchived() == 2
        await uow.commit()


async def test_concurrent_claimers_never_share_a_row(timed_uow_factory: UowFactory) -> None:
    await _attach(timed_uow_factory, 20)

    async def claimer(name: str) -> list[int]:
        got: list[int] = []
        while True:
            async with timed_uow_factory() as uow:
                items = await uow.evidence_queue.claim(worker=name, limit=3)
                await uow.commit()
            if not items:
                return got
            got += [i.id for i in items]

    results = await asyncio.gather(*(claimer(f"w{n}") for n in range(4)))
    claimed = [i for r in results for i in r]
    assert len(claimed) == len(set(claimed)) == 20
