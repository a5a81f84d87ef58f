"""`deployment`: the bot as a subprocess (see processes.py), for the kill, drain and
multi-process tests. `failing_router`: the real router plus the failing test-only commands of
failing.py, for the in-process runtime.

Those start Python processes (aiogram's import alone takes seconds), so they run for one
library x database each, alternating, rather than all four: ptb + SQLite and aiogram +
PostgreSQL by default; a test may ask for another pair with indirect parametrisation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot.runtime
from tests.e2e.runtime.failing import router_with_failures
from tests.e2e.runtime.processes import Deployment, deployment

ALTERNATING = [("ptb", "sqlite"), ("aiogram", "postgres")]


@pytest.fixture(name="deployment", params=ALTERNATING, ids=lambda p: f"{p[0]}-{p[1]}")
async def deployment_fixture(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Deployment]:
    library, backend = request.param
    async with deployment(library, backend, tmp_path) as d:
        yield d


@pytest.fixture
def failing_router(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.runtime, "build_router", router_with_failures)
