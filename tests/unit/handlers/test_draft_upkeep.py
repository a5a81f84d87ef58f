"""Drafts nobody came back to: one reminder after 24 h, discarded (with a word) after 7 days.

Runs on SQLite: the draft machinery (`list_stale`, `mark_reminded`) lives only in storage.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from domain.clock import FakeClock
from domain.conversation import Draft
from domain.model import Citizen
from handlers.citizen.draft_upkeep import discard_old_drafts, remind_stale_drafts
from handlers.texts import default_catalogue
from tests.backends import UowFactory, sql_backend

TEXTS = default_catalogue()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def uow_factory(tmp_path: Path, clock: FakeClock) -> AsyncIterator[UowFactory]:
    async with sql_backend("sqlite", tmp_path, clock=clock) as factory:
        yield factory


async def sent_texts(uow_factory: UowFactory) -> list[tuple[int, str]]:
    async with uow_factory() as uow:
        items = await uow.outbox_queue.claim(worker="test", limit=100)
        for item in items:
            await uow.outbox_queue.mark_sent(item, [1])
        await uow.commit()
    return [(item.chat_id, item.message.text or "") for item in items]


async def test_a_complaint_draft_is_reminded_once_then_discarded_with_a_word(
    uow_factory: UowFactory, clock: FakeClock
) -> None:
    async with uow_factory() as uow:
        budi = await uow.citizens.add(Citizen(11, 11, "Budi", clock.now(), language="en"))
        sari = await uow.citizens.add(Citizen(12, 12, "Sari", clock.now()))
        await uow.drafts.save(Draft(chat_id=11, step="photos", citizen_id=budi.id))
        await uow.drafts.save(Draft(chat_id=12, step="followup", citizen_id=sari.id))
        await uow.drafts.save(Draft(chat_id=-100, step="staff_reason"))  # not the citizen's
        await uow.commit()

    clock.advance(timedelta(hours=23))
    async with uow_factory() as uow:
        assert await remind_stale_drafts(uow, TEXTS, clock.now()) == 0
        await uow.commit()

    clock.advance(timedelta(hours=2))
    for expected in (1, 0):  # reminded once, not at every run
        async with uow_factory() as uow:
            assert await remind_stale_drafts(uow, TEXTS, clock.now()) == expected
            await uow.commit()
    step = TEXTS.text("en", "step-name-photos")
    assert await sent_texts(uow_factory) == [(11, TEXTS.text("en", "draft-reminder", step=step))]

    clock.advance(timedelta(days=5, hours=22))
    async with uow_factory() as uow:
        assert await discard_old_drafts(uow, TEXTS, clock.now()) == 0  # idle 6 days 23 hours
        await uow.commit()
    clock.advance(timedelta(hours=2))
    async with uow_factory() as uow:
        assert await discard_old_drafts(uow, TEXTS, clock.now()) == 3
        await uow.commit()
    assert await sent_texts(uow_factory) == [(11, TEXTS.text("en", "draft-discarded"))]
    async with uow_factory() as uow:
        assert await uow.drafts.get(11) is None and await uow.drafts.get(-100) is None


async def test_progress_rearms_the_reminder(uow_factory: UowFactory, clock: FakeClock) -> None:
    async with uow_factory() as uow:
        citizen = await uow.citizens.add(Citizen(21, 21, "Ani", clock.now()))
        await uow.drafts.save(Draft(chat_id=21, step="category", citizen_id=citizen.id))
        await uow.commit()
    clock.advance(timedelta(hours=25))
    async with uow_factory() as uow:
        assert await remind_stale_drafts(uow, TEXTS, clock.now()) == 1
        draft = await uow.drafts.get(21)
        assert draft is not None
        draft.step = "description"  # the citizen carried on
        await uow.drafts.save(draft)
        await uow.commit()
    clock.advance(timedelta(hours=25))
    async with uow_factory() as uow:
        assert await remind_stale_drafts(uow, TEXTS, clock.now()) == 1
        await uow.commit()
