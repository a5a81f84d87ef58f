"""Erasure against whatever is in flight: a photo still downloading, a handler holding the
ticket or the citizen from before. And /privacy states the configured periods."""

from __future__ import annotations

import pytest

from domain.errors import ConcurrentUpdate
from domain.evidence import StoredEvidence
from domain.retention import ERASED, RetentionPolicy
from domain.usecases import add_citizen_info
from handlers.texts import plain_text
from scheduler.retention import purge_evidence
from storage.tables import EvidencePurgeRow, table_of
from tests.rights.city import DESCRIPTION, TEXTS, City, uow_of

PURGE = table_of(EvidencePurgeRow)


async def test_a_photo_erased_while_it_downloads_is_not_kept(city: City) -> None:
    c = city
    ticket = await c.w.act(
        add_citizen_info,
        c.me,
        c.in_work.id or 0,
        None,
        [c.photo("QZFILE-inflight")],
    )
    async with uow_of(c) as uow:
        [item] = await uow.evidence_queue.claim(worker="archiver")
        await uow.commit()
    data = c.photos["QZFILE-inflight"]
    sha256 = await c.store.put(data)  # the archiver has the bytes...
    async with uow_of(c) as uow:  # ...when the citizen's data is erased
        await uow.erasure.erase(ticket_ids=[ticket.id or 0], at=c.w.clock.now())
        await uow.commit()
    async with uow_of(c) as uow:
        await uow.evidence_queue.mark_done(item, StoredEvidence(sha256, len(data), "x"), bot_id=1)
        await uow.commit()
        attachments = await uow.attachments.for_ticket(ticket.id or 0)
        assert all(a.sha256 != sha256 for a in attachments)
        assert await uow.evidence_files.find(item.file_id) is None
        queued = (await uow.session.execute(PURGE.select())).all()
    assert sha256 in {row.sha256 for row in queued}
    await purge_evidence(c.w.factory, c.store)
    assert await c.store.get(sha256) is None


async def test_a_handler_holding_old_rows_cannot_write_them_back(city: City) -> None:
    c = city
    async with uow_of(c) as uow:
        stale_ticket = await uow.tickets.get(c.closed.id or 0)
        stale_citizen = await uow.citizens.get(c.citizen.id or 0)
    assert stale_ticket is not None and stale_citizen is not None
    async with uow_of(c) as uow:
        await uow.erasure.erase(
            ticket_ids=[c.closed.id or 0], citizen_ids=[c.citizen.id or 0], at=c.w.clock.now()
        )
        await uow.commit()
    async with uow_of(c) as uow:
        stale_citizen.language = "en"  # /lang racing /forget
        await uow.citizens.save(stale_citizen)
        with pytest.raises(ConcurrentUpdate):
            await uow.tickets.save(stale_ticket)
        await uow.rollback()
    async with uow_of(c) as uow:
        ticket = await uow.tickets.get(c.closed.id or 0)
        citizen = await uow.citizens.get(c.citizen.id or 0)
    assert ticket is not None and ticket.description == ERASED != DESCRIPTION
    assert citizen is not None and citizen.name == ERASED and citizen.telegram_id is None


async def test_privacy_states_the_configured_periods(city: City) -> None:
    c = city
    c.conv.city.retention = RetentionPolicy(updates_days=3, outbox_days=11, personal_months=18)
    turn = await c.command("/privacy")
    text = plain_text(turn.queued[0].text or "")
    expected = TEXTS.text("id", "privacy-retention", updates=3, outbox=11, personal=18)
    assert plain_text(expected) in text
    assert "3 hari" in text and "11 hari" in text and "18 bulan" in text
