"""Real-database backends for the `uow_factory` fixtures: an empty, freshly migrated store.

Both run the Alembic migrations (not `create_all`), so every test also exercises them.

- SQLite: the migrations run once per test process into a template file, which each test
  copies (a file copy is ~100x cheaper than re-running Alembic).
- PostgreSQL: each test gets its own schema (`t_<hex>`, selected with `search_path`, Alembic's
  version table inside it), so pytest-xdist workers never see each other; it is dropped after.
  The schema is built by replaying the SQL of Alembic's offline upgrade (rendered once per
  process): the same DDL as an online upgrade at a fraction of the cost. The online upgrade
  itself, and `alembic check`, run in tests/contract/test_migrations.py.
  When PostgreSQL is unreachable the test is skipped, unless `CI` or
  `ADUAN_REQUIRE_POSTGRES=1` is set: there the tests must run, so they fail instead.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import NoReturn

import asyncpg

from domain.clock import Clock
from storage.database import Database, normalise_url
from storage.migrate import upgrade, upgrade_sql
from storage.uow import SqlUnitOfWork
from tests.requirements import unavailable

DEFAULT_PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
UowFactory = Callable[[], SqlUnitOfWork]

_template: Path | None = None
_pg_unreachable: str | None = None  # why the first connection attempt failed, if it did
_pg_migration_sql: str | None = None


def postgres_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_PG_URL)


def postgres_unavailable(reason: str) -> NoReturn:
    """Skip on a laptop without PostgreSQL; fail in CI, where it must be there."""
    unavailable(reason, variable="ADUAN_REQUIRE_POSTGRES")


def _copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal"):  # after a clean close there is no WAL, but never lose one
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def _exists(path: Path | None) -> bool:
    return path is not None and path.exists()


async def _sqlite_template() -> Path:
    global _template
    if _template is None or not _exists(_template):
        directory = Path(tempfile.mkdtemp(prefix="aduan-template-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        path = directory / "template.db"
        await upgrade(f"sqlite+aiosqlite:///{path}")
        _template = path
    return _template


@asynccontextmanager
async def sqlite_file(tmp_path: Path) -> AsyncIterator[Path]:
    """A migrated SQLite file of this test's own."""
    template = await _sqlite_template()
    target = tmp_path / "aduan.db"
    _copy_database(template, target)
    yield target


@asynccontextmanager
async def sqlite_backend(
    tmp_path: Path, *, clock: Clock | None = None
) -> AsyncIterator[UowFactory]:
    async with sqlite_file(tmp_path) as path:
        database = Database(f"sqlite+aiosqlite:///{path}", clock=clock)
        try:
            yield database.uow
        finally:
            await database.dispose()


@asynccontextmanager
async def postgres_schema(*, migrated: bool = False) -> AsyncIterator[tuple[str, str]]:
    """A schema of this test's own, empty or `migrated` to head: yields (url, schema).
    Skips or fails if PostgreSQL is not reachable (see module docstring)."""
    global _pg_unreachable, _pg_migration_sql
    url = postgres_url()
    if _pg_unreachable is None:
        try:
            admin = await asyncpg.connect(_dsn(url), timeout=5)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            _pg_unreachable = f"{type(exc).__name__}: {exc}"
    if _pg_unreachable is not None:
        where = normalise_url(url)
        message = (
            f"PostgreSQL not reachable at {where.host}:{where.port or 5432}: {_pg_unreachable}"
        )
        postgres_unavailable(message)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        if migrated:
            if _pg_migration_sql is None:
                _pg_migration_sql = upgrade_sql(url)
            await admin.execute(
                f'SET search_path TO "{schema}";\n{_pg_migration_sql}\nRESET search_path;'
            )
        yield url, schema
    finally:
        try:
            await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        finally:
            await admin.close()


@asynccontextmanager
async def postgres_backend(*, clock: Clock | None = None) -> AsyncIterator[UowFactory]:
    async with postgres_schema(migrated=True) as (url, schema):
        database = Database(url, schema=schema, clock=clock)
        try:
            yield database.uow
        finally:
            await database.dispose()


def _dsn(url: str) -> str:
    """The plain libpq-style URL asyncpg wants (no SQLAlchemy driver suffix)."""
    return normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@asynccontextmanager
async def sql_backend(
    kind: str, tmp_path: Path, *, clock: Clock | None = None
) -> AsyncIterator[UowFactory]:
    """`sqlite` or `postgres`, for fixtures parametrised over both."""
    if kind == "sqlite":
        async with sqlite_backend(tmp_path, clock=clock) as factory:
            yield factory
    elif kind == "postgres":
        async with postgres_backend(clock=clock) as factory:
            yield factory
    else:
        raise ValueError(f"unknown backend {kind!r}")


@asynccontextmanager
async def empty_database(kind: str, tmp_path: Path) -> AsyncIterator[tuple[str, str | None]]:
    """A never-migrated database: yields (url, schema) for storage.migrate's functions."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}", None
    elif kind == "postgres":
        async with postgres_schema() as (url, schema):
            yield url, schema
    else:
        raise ValueError(f"unknown backend {kind!r}")
