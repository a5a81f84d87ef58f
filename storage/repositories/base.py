"""What every SQL repository shares: the session, the clock, the dialect, and generic CRUD.

Repositories speak SQLAlchemy Core, not the ORM: a read maps the fetched row straight into a
fresh domain dataclass (so `get` never returns a stale identity-map copy) and a write is one
statement. Nothing here commits; only the unit of work does.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Executable, Select, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock
from domain.errors import ConcurrentUpdate, NotFound
from storage.channels import NOTIFY
from storage.channels import SETTINGS as SETTINGS_CHANNEL
from storage.mapping import RecordMapper
from storage.repositories.catalog_cache import (
    AGENCIES,
    CATALOG_TABLES,
    CATEGORIES,
    LOAD_AGENCIES,
    LOAD_CATEGORIES,
    LOAD_GROUP_LANGUAGES,
    CatalogSnapshot,
    CatalogView,
)

R = TypeVar("R")


@dataclass(frozen=True)
class SqlContext:
    """The per-unit-of-work handles a repository needs."""

    session: AsyncSession
    clock: Clock
    dialect: str  # "sqlite" | "postgresql"
    # What this unit of work knows of the process's catalog cache (None: no cache).
    catalog: CatalogView | None = None
    # Rows a turn asks for more than once (its citizen, a staff member, a ticket's shares), by
    # table name, then key: forgotten at any write to that table (a repository may then keep
    # what it wrote), and at the end of the transaction.
    remembered: dict[str, dict[Any, Any]] = field(default_factory=dict)
    # Several updates share the transaction (bot.worker's batches): rows `execute_later` is
    # given wait for the transaction's next statement, or its commit, and go as one.
    batched: bool = False
    waiting: dict[Executable, list[Mapping[str, Any]]] = field(default_factory=dict)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def insert(self, table: Table) -> Any:
        """A dialect INSERT, so `on_conflict_do_nothing/update` works on both databases."""
        if self.is_postgres:
            return postgresql.insert(table)
        return sqlite.insert(table)

    async def execute(
        self,
        stmt: Executable,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        *,
        rows: Collection[Hashable] | None = None,
    ) -> Result[Any]:
        """Run a statement. A write forgets what was remembered of its table; `rows` says it
        touches only the rows remembered under these keys (a draft by its chat), so the
        others stay known: a batch's read-ahead (`SqlCitizenRepository.read_ahead`) must
        outlive the writes of the batch's other updates."""
        if self.waiting:
            await self.flush()
        if getattr(stmt, "is_dml", False):
            await self._writing(getattr(getattr(stmt, "table", None), "name", None), rows)
        return await self.session.execute(stmt, params)

    async def execute_later(self, stmt: Executable, rows: Sequence[Mapping[str, Any]]) -> None:
        """Write `rows` with `stmt` (built once) now, or in a batch (`batched`) together
        with the batch's other updates' rows, before any other statement a repository runs
        here: whatever comes next, a read of the table included, sees them. (The queries that
        take the session itself, reports and the stuck-rows check, look for nothing a batch
        has just written.) For writes nobody needs an answer from (ids, counts), whose order
        matters only among the rows of one statement: a batch's answers, and its drafts."""
        if self.batched:
            self.waiting.setdefault(stmt, []).extend(rows)
        else:
            await self.execute(stmt, rows)

    async def flush(self) -> None:
        """Send what waits (`execute_later`): one statement's rows in the order given."""
        while self.waiting:
            stmt = next(iter(self.waiting))
            await self.execute(stmt, self.waiting.pop(stmt))

    async def rowcount(
        self,
        stmt: Executable,
        params: Mapping[str, Any] | None = None,
        *,
        rows: Collection[Hashable] | None = None,
    ) -> int:
        """Run a DML statement and say how many rows it touched."""
        result = cast(CursorResult[Any], await self.execute(stmt, params, rows=rows))
        return result.rowcount

    def forget(self) -> None:
        """The transaction ended: nothing it read is known any more, nothing waits."""
        self.remembered.clear()
        self.waiting.clear()

    def memory(self, table: str) -> dict[Any, Any]:
        """What this unit of work read of `table`, for repositories that read a row twice."""
        return self.remembered.setdefault(table, {})

    async def catalog_snapshot(self) -> CatalogSnapshot | None:
        """Categories, agencies and group languages from the process's cache, loaded if it
        has none; None when this unit of work changed them (it then reads the tables: its
        own edits)."""
        catalog = self.catalog
        if catalog is None or catalog.written:
            return None
        snapshot = catalog.snapshot()
        if snapshot is None:
            categories = await self.session.execute(LOAD_CATEGORIES)
            agencies = await self.session.execute(LOAD_AGENCIES)
            languages = await self.session.execute(LOAD_GROUP_LANGUAGES)
            snapshot = catalog.loaded_now(
                [CATEGORIES.from_row(row) for row in categories.mappings()],
                [AGENCIES.from_row(row) for row in agencies.mappings()],
                {row.chat_id: row.language for row in languages},
            )
        return snapshot

    async def _writing(self, table: str | None, rows: Collection[Hashable] | None) -> None:
        """An INSERT, UPDATE or DELETE of `table` (only of `rows`, if given) is about to run
        in this transaction."""
        if rows is None:
            self.remembered.pop(table or "", None)
        elif (known := self.remembered.get(table or "")) is not None:
            for key in rows:
                known.pop(key, None)
        catalog = self.catalog
        if catalog is not None and not catalog.written and table in CATALOG_TABLES:
            # The first write of a category or agency: tell the other processes at the
            # commit (PostgreSQL; storage.wakeups drops their cache).
            catalog.written = True
            if self.is_postgres:
                await self.session.execute(NOTIFY, {"base": SETTINGS_CHANNEL})


class RecordRepository(Generic[R]):
    """Insert, fetch, update and list one domain record type through its mapper."""

    mapper: RecordMapper[R]

    def __init__(self, ctx: SqlContext, mapper: RecordMapper[R]) -> None:
        self._ctx = ctx
        self.mapper = mapper
        self.table = mapper.table

    async def _insert(self, record: R, rows: Collection[Hashable] | None = None) -> R:
        """Insert and set the generated id on the record, as the ports promise (`rows`: as
        for `SqlContext.execute`)."""
        result = cast(
            CursorResult[Any],
            await self._ctx.execute(self.table.insert(), self.mapper.to_values(record), rows=rows),
        )
        record.id = result.inserted_primary_key[0]  # type: ignore[attr-defined]
        return record

    async def _one(self, *where: Any) -> R | None:
        return await self._first(select(self.table).where(*where))

    async def _first(self, stmt: Select[Any]) -> R | None:
        result = await self._ctx.execute(stmt.limit(1))
        row = result.mappings().first()
        return None if row is None else self.mapper.from_row(row)

    async def _many(self, stmt: Executable) -> list[R]:
        result = await self._ctx.execute(stmt)
        return [self.mapper.from_row(row) for row in result.mappings()]

    async def _get(self, record_id: int) -> R | None:
        return await self._first_of(self.mapper.by_id, record_id=record_id)

    async def _first_of(self, stmt: Executable, **params: Any) -> R | None:
        """The first row of a statement built once (module level, with bind parameters):
        SQLAlchemy then neither builds it nor computes its cache key again."""
        row = (await self._ctx.execute(stmt, params)).mappings().first()
        return None if row is None else self.mapper.from_row(row)

    async def _update(self, record: R) -> None:
        """Last-writer-wins update, for records nobody edits concurrently (people, catalog)."""
        record_id = record.id  # type: ignore[attr-defined]
        if record_id is None:
            raise NotFound(f"{type(record).__name__} was never added")
        stmt = (
            update(self.table)
            .where(self.table.c.id == record_id)
            .values(**self.mapper.to_values(record))
        )
        if await self._ctx.rowcount(stmt) == 0:
            raise NotFound(f"{type(record).__name__} {record_id} does not exist")

    async def _update_versioned(self, record: R) -> None:
        """Optimistic update: only if the stored version is the one this record was read at.

        Two officers acting on the same ticket both read version n; the first save moves it to
        n+1, so the second UPDATE matches no row and the loser is told instead of silently
        overwriting. On PostgreSQL the loser's UPDATE waits for the winner's row lock, then
        re-checks the WHERE against the committed row.
        """
        record_id = record.id  # type: ignore[attr-defined]
        version: int = record.version  # type: ignore[attr-defined]
        if record_id is None:
            raise NotFound(f"{type(record).__name__} was never added")
        values = self.mapper.to_values(record, exclude=("id", "version"))
        stmt = (
            update(self.table)
            .where(self.table.c.id == record_id, self.table.c.version == version)
            .values(**values, version=self.table.c.version + 1)
        )
        if await self._ctx.rowcount(stmt) == 0:
            raise ConcurrentUpdate(
                f"{type(record).__name__} {record_id} changed since version {version}"
            )
        record.version = version + 1  # type: ignore[attr-defined]
