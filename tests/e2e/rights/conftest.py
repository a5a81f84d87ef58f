"""`bot` for the data-rights e2e test: the real runtime (evidence in the database, so its blobs
are searched like every other table), for ptb + SQLite and aiogram + PostgreSQL: each library
and each database once, the scenario being long."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.citizen.conftest import fast_options
from tests.e2e.harness import Harness, harness

PAIRS = [("ptb", "sqlite"), ("aiogram", "postgres")]


@pytest.fixture(params=PAIRS, ids=lambda p: f"{p[0]}-{p[1]}")
async def h(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    library, backend = request.param
    async with harness(library, backend, tmp_path) as h:
        yield h


@pytest.fixture
async def bot(h: Harness) -> AsyncIterator[Harness]:
    await h.start_bot(fast_options(), EVIDENCE_STORE="database")
    yield h
