"""The `h` fixture of the long e2e scenarios (evidence, data rights): each library and each
database once, as ptb + SQLite and aiogram + PostgreSQL, rather than all four pairs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.harness import Harness, harness

PAIRS = [("ptb", "sqlite"), ("aiogram", "postgres")]


@pytest.fixture(params=PAIRS, ids=lambda p: f"{p[0]}-{p[1]}")
async def h(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    library, backend = request.param
    async with harness(library, backend, tmp_path) as h:
        yield h
