"""`bot` for the evidence e2e tests: the real runtime with relaxed pacing, each library and
each database once (`tests.e2e.long_scenarios`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.e2e.citizen.conftest import fast_options
from tests.e2e.harness import Harness
from tests.e2e.long_scenarios import h

__all__ = ["h"]


@pytest.fixture
async def bot(h: Harness) -> AsyncIterator[Harness]:
    await h.start_bot(fast_options())
    yield h
