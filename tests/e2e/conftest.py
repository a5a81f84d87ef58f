"""`bot`: the real runtime against the emulator, for each library × database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.harness import Harness, harness

LIBRARIES = ["ptb", "aiogram"]
BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(
    params=[(lib, db) for lib in LIBRARIES for db in BACKENDS], ids=lambda p: f"{p[0]}-{p[1]}"
)
async def h(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    """A harness with the bot not yet started (tests choose polling or webhook)."""
    library, backend = request.param
    async with harness(library, backend, tmp_path) as h:
        yield h


@pytest.fixture
async def bot(h: Harness) -> AsyncIterator[Harness]:
    """The harness with the bot running in polling mode."""
    await h.start_bot()
    yield h
