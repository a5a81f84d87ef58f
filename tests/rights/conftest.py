"""Data lifecycle tests (retention, /mydata, /forget) on SQLite and PostgreSQL, with a city
whose citizen left marked personal data everywhere (tests/rights/city.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.backends import sql_backend
from tests.rights.city import City, build_city


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def city(backend: str, tmp_path: Path) -> AsyncIterator[City]:
    async with sql_backend(backend, tmp_path) as factory:
        yield await build_city(factory)
