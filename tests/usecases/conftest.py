"""The `world` fixture: a seeded city on every storage backend `uow_factory` offers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.ports import UnitOfWork
from tests.usecases.world import World, build_world


@pytest.fixture
async def world(uow_factory: Callable[[], UnitOfWork]) -> World:
    return await build_world(uow_factory)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "concurrency: simultaneous units of work (must pass on every backend)"
    )
