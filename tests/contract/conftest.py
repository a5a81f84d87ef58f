"""Fixtures for the storage contract tests that need the real databases and a clock.

`uow_factory` (tests/conftest.py) covers what every backend, the in-memory fake included,
must do; `timed_uow_factory` adds a FakeClock for the machinery (leases, retries, drafts),
which only the SQL backends implement.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.clock import FakeClock
from tests.backends import UowFactory, sql_backend


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", "postgres"])
async def timed_uow_factory(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[UowFactory]:
    async with sql_backend(request.param, tmp_path, clock=clock) as factory:
        yield factory
