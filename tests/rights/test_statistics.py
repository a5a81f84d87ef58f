"""Erasure keeps the city's statistics: the weekly report, the public dashboard and the public
list read the same before and after `/forget`, and before and after the retention job."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from domain.retention import RetentionPolicy
from scheduler.retention import retention
from tests.backends import sql_backend
from tests.rights.city import City, build_city, uow_of
from tests.rights.statistics import city_statistics
from tests.rights.test_forget import confirmation_buttons


@pytest.fixture
async def finished(backend: str, tmp_path: Path) -> AsyncIterator[City]:
    """The marked citizen with only finished complaints (a withdrawal would change a status)."""
    async with sql_backend(backend, tmp_path) as factory:
        yield await build_city(factory, open_complaints=False)


async def test_forget_keeps_the_statistics(finished: City) -> None:
    c = finished
    now = c.w.clock.now()
    before = await city_statistics(c, now)
    assert before["weekly_report"].received == 2 and before["public_count"] == 1
    await c.press(confirmation_buttons(await c.command("/forget"))["yes"])
    async with uow_of(c) as uow:
        ticket = await uow.tickets.get(c.closed.id or 0)
    assert ticket is not None and ticket.erased_at is not None  # it did erase
    assert await city_statistics(c, now) == before


async def test_the_retention_job_keeps_the_statistics(finished: City) -> None:
    c = finished
    now = c.w.clock.now()
    before = await city_statistics(c, now)
    later = now + timedelta(days=24 * 31)  # every finished complaint is past 24 months
    result = await retention(c.w.factory, RetentionPolicy(), later, batch=1)
    assert result.purged["tickets"] == 1 and result.erased.tickets == 1
    async with uow_of(c) as uow:
        citizen = await uow.citizens.get(c.citizen.id or 0)
    # Their draft (half-way through a new complaint) keeps them known for now.
    assert citizen is not None and citizen.erased_at is None
    assert await city_statistics(c, now) == before
