"""`bot`: a seeded city on the in-memory unit of work, and its citizen talking to the bot."""

from __future__ import annotations

import pytest

from tests.fakes import InMemoryStore
from tests.unit.citizen.intake_bot import CitizenBot
from tests.usecases.world import build_world


@pytest.fixture
async def bot() -> CitizenBot:
    store = InMemoryStore()
    return CitizenBot(await build_world(store.uow), store)
