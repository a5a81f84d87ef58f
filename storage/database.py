"""The engine: SQLite (a file, WAL) by default, PostgreSQL when the URL names it.

SQLite notes. Python's sqlite3 driver opens transactions lazily and in DEFERRED mode, so two
writers both start as readers and one fails with "database is locked" when it tries to write.
We take over BEGIN (the SQLAlchemy recipe for pysqlite/aiosqlite): the driver's own
transaction handling is switched off and every write unit of work emits `BEGIN IMMEDIATE`,
which takes the write lock up front and waits for it on `busy_timeout`. Read-only units of
work emit a plain `BEGIN` and run beside writers thanks to WAL. Write units of work of this
process take turns before that, in the event loop (storage.uow.SqliteWriters).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (every table registered on SQLModel.metadata)
from domain.clock import Clock, SystemClock
from domain.flood import InMemoryBurstGuard
from storage.repositories.catalog_cache import shared_cache
from storage.sqlite_driver import WRITER_BEGIN, OneTripConnection, one_trip_dbapi
from storage.uow import SqliteWriters, SqlUnitOfWork

DEFAULT_URL = "sqlite+aiosqlite:///aduan.db"
_READ_ONLY = "aduan_read_only"


def normalise_url(url: str | URL) -> URL:
    """Accept the URLs people write (`sqlite:///x.db`, `postgres://…`, `postgresql://…`)
    and pick the async driver we ship."""
    parsed = make_url(url) if isinstance(url, str) else url
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ValueError(
                "an in-memory SQLite database is not supported (every connection would see a "
                "different database); use a file, e.g. sqlite+aiosqlite:///aduan.db"
            )
        return parsed.set(drivername="sqlite+aiosqlite")
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+asyncpg")
    raise ValueError(
        f"unsupported database URL {parsed.render_as_string()!r}: use sqlite or postgresql"
    )


class Database:
    """One engine and its unit-of-work factory; create one per process and share it."""

    def __init__(
        self,
        url: str | URL = DEFAULT_URL,
        *,
        clock: Clock | None = None,
        schema: str | None = None,
        echo: bool = False,
        sqlite_busy_timeout_ms: int = 30_000,
        sqlite_foreign_keys: bool = True,
        # The inbox worker runs several batches at once (bot.worker), besides the poller, the
        # sender, the archiver and the scheduler. A connection beyond the pool is closed when
        # returned, and the next one prepares every statement again (PostgreSQL): `bench
        # intake` opened 28 connections with a pool of 5, and 16 with this one.
        pool_size: int = 16,
        max_overflow: int = 8,
        connect_timeout: float = 10.0,
    ) -> None:
        self.url = normalise_url(url)
        self.clock: Clock = clock or SystemClock()
        self.schema = schema
        self.engine = self._create_engine(
            echo=echo,
            busy_timeout_ms=sqlite_busy_timeout_ms,
            foreign_keys=sqlite_foreign_keys,
            pool_size=pool_size,
            max_overflow=max_overflow,
            connect_timeout=connect_timeout,
        )
        self._writer = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self._writers = None if self.is_postgres else SqliteWriters(sqlite_busy_timeout_ms / 1000)
        # The citizens' burst counts: in the database on PostgreSQL, where several processes
        # share the work; in this process on SQLite, which has one (domain.flood).
        self._bursts = None if self.is_postgres else InMemoryBurstGuard()
        # Categories and agencies, shared by every Database of this process on this store.
        self.catalog = shared_cache(f"{self.url.render_as_string()}#{schema or ''}")
        self._reader = async_sessionmaker(
            self.engine.execution_options(**{_READ_ONLY: True}),
            expire_on_commit=False,
            autoflush=False,
        )
        # PostgreSQL: each statement its own transaction, without the BEGIN and COMMIT round
        # trips (see `uow`). SQLite needs none: its BEGIN rides along the first statement.
        self._autocommit = (
            async_sessionmaker(
                self.engine.execution_options(isolation_level="AUTOCOMMIT"),
                expire_on_commit=False,
                autoflush=False,
            )
            if self.is_postgres
            else None
        )

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    def uow(
        self,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
        shared: bool = False,
        each_statement: bool = False,
    ) -> SqlUnitOfWork:
        """A new unit of work. `read_only` only changes SQLite's BEGIN (no write lock); it
        does not forbid writes. `shared`: several updates are handled in it (bot.worker), so
        its `rollback()` raises `SharedRollback` instead of undoing all of them.

        `each_statement`: on PostgreSQL every statement commits on its own (autocommit), which
        spares a transaction's BEGIN and COMMIT, two of a claim's three round trips. Only for
        the machinery's units of work whose statements each stand alone (claiming a lease,
        storing updates): there is nothing to roll back, and `commit()` has nothing left to
        do. On SQLite it is an ordinary unit of work."""
        sessions = self._reader if read_only else self._writer
        if each_statement and self._autocommit is not None:
            sessions = self._autocommit
        return SqlUnitOfWork(
            sessions,
            clock=clock or self.clock,
            dialect=self.dialect,
            writers=None if read_only else self._writers,
            bursts=self._bursts,
            catalog=self.catalog,
            shared=shared,
        )

    async def create_all(self) -> None:
        """Create every table directly. Tests and benchmarks only: real databases are
        created by the Alembic migrations (storage.migrate)."""
        async with self.engine.begin() as conn:
            await conn.run_sync(SQLModel.metadata.create_all)

    async def dispose(self) -> None:
        await self.engine.dispose()

    def _create_engine(
        self,
        *,
        echo: bool,
        busy_timeout_ms: int,
        foreign_keys: bool,
        pool_size: int,
        max_overflow: int,
        connect_timeout: float,
    ) -> AsyncEngine:
        if self.is_postgres:
            server_settings = {"application_name": "aduan"}
            if self.schema:
                server_settings["search_path"] = self.schema
            return create_async_engine(
                self.url,
                echo=echo,
                pool_size=pool_size,
                max_overflow=max_overflow,
                pool_recycle=1800,
                connect_args={"server_settings": server_settings, "timeout": connect_timeout},
            )
        if self.url.database:
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            self.url,
            echo=echo,
            pool_size=pool_size,
            max_overflow=max_overflow,
            module=one_trip_dbapi(),  # one trip to aiosqlite's thread per statement
        )
        _install_sqlite_hooks(engine, busy_timeout_ms=busy_timeout_ms, foreign_keys=foreign_keys)
        return engine


def _install_sqlite_hooks(engine: AsyncEngine, *, busy_timeout_ms: int, foreign_keys: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop the driver from issuing its own (DEFERRED) BEGIN; _on_begin emits ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across process crashes (SIGKILL) in WAL mode; only an OS crash
            # or power cut can lose the last commits, and it costs no fsync per commit.
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Checkpoints ride along with a writer's BEGIN in the driver's thread, not inside
            # a COMMIT, which runs on the event loop's (storage.sqlite_driver).
            cursor.execute("PRAGMA wal_autocheckpoint = 0")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        driver = conn.connection.dbapi_connection
        assert isinstance(driver, OneTripConnection)
        # Sent with the transaction's first statement, before it (storage.sqlite_driver).
        driver.defer_begin("BEGIN" if read_only else WRITER_BEGIN)
