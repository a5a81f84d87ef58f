"""Shared fixtures: one `uow_factory` per storage backend, so every use-case and repository
test runs on the in-memory fake, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from domain.ports import UnitOfWork

BACKENDS = ["memory", "sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
async def uow_factory(
    request: pytest.FixtureRequest, tmp_path
) -> AsyncIterator[Callable[[], UnitOfWork]]:
    """A factory of fresh units of work over an empty, migrated store."""
    if request.param == "memory":
        from tests.fakes import InMemoryStore

        yield InMemoryStore().uow
    elif request.param == "sqlite":
        from tests.backends import sqlite_backend

        async with sqlite_backend(tmp_path) as factory:
            yield factory
    else:
        from tests.backends import postgres_backend

        async with postgres_backend() as factory:
            yield factory


@pytest.fixture(params=["sqlite", "postgres"])
async def sql_uow_factory(
    request: pytest.FixtureRequest, tmp_path
) -> AsyncIterator[Callable[[], UnitOfWork]]:
    """Only the real databases: for concurrency and migration tests."""
    from tests.backends import postgres_backend, sqlite_backend

    if request.param == "sqlite":
        async with sqlite_backend(tmp_path) as factory:
            yield factory
    else:
        async with postgres_backend() as factory:
            yield factory
