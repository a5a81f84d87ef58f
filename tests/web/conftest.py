"""Fixtures of the public site's tests: the test city on SQLite and on PostgreSQL.

`shared_city` is built once per module and backend for the tests that only read; tests that
file or change complaints take `fresh_city`, their own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.web.city import City, city


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=["sqlite", "postgres"])
async def shared_city(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[City]:
    async with city(request.param, tmp_path_factory.mktemp("city")) as built:
        yield built


@pytest.fixture(params=["sqlite", "postgres"])
async def fresh_city(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[City]:
    async with city(request.param, tmp_path) as built:
        yield built
