"""SQLAlchemy's aiosqlite adapter, with at most one trip to the driver's thread per statement,
and none once a writer holds the lock.

aiosqlite runs each sqlite3 call in a thread of its own and hands the result back to the event
loop, so that a call waiting for a lock (SQLite's busy handler sleeps) does not stop the loop.
SQLAlchemy's adapter makes four such trips for a SELECT (open a cursor, execute, fetch all,
close) and three for a write; each trip is a queue hand-off, a wake-up of the loop and a
greenlet switch, and they cost more than SQLite itself on an indexed statement. Here the four
run as one function in that thread, the way the adapter already reaches into aiosqlite's queue
to set the isolation level. Everything else (pooling, errors, COMMIT) is the adapter's.

`storage.database` emits BEGIN itself (`BEGIN IMMEDIATE` for writers); it rides along with the
transaction's first statement (`defer_begin`), in the same trip, so the write lock is taken
before any statement runs. Once a writer holds it, nothing can make its statements wait: in
WAL mode readers never block a writer, and this process's writers take turns before BEGIN
(storage.uow.SqliteWriters). So the rest of a write transaction's statements run right here on
the loop's thread, with no trip at all: about 110 µs of CPU less per statement (the hot path's
handler and sender are writers). The price is that the loop waits for such a statement to
finish: an indexed one takes tens of microseconds; the longest, a retention batch, tens of
milliseconds, while it holds the write lock every other writer waits for anyway. Read-only
transactions (reports, exports, the public site) keep the thread: a long report query must not
stop the bot. The sqlite3 connection is used by one thread at a time, never both at once (a
transaction's statements are sequential), hence `check_same_thread=False`.

A writer's COMMIT runs on the loop's thread too: in WAL mode with `synchronous = NORMAL` it
appends the transaction to the WAL file and waits for no one and for no disk. What could make
it wait is SQLite's automatic checkpoint, which copies the WAL into the database file (and
syncs it) inside whichever COMMIT crosses 1,000 pages. So the automatic checkpoint is off
(`storage.database`) and the checkpoint rides along in the thread instead, before a writer's
BEGIN, once every `CHECKPOINT_EVERY` write commits.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)

Outcome = tuple[Any, deque[Any], int, int]  # description, rows, rowcount, lastrowid
WRITER_BEGIN = "BEGIN IMMEDIATE"  # storage.database's BEGIN for a write unit of work
# Write commits between checkpoints: a few pages each, so about SQLite's own 1,000 pages.
CHECKPOINT_EVERY = 100
CHECKPOINT = "PRAGMA wal_checkpoint(PASSIVE)"  # copies what it can, never waits for readers


def _run(
    conn: sqlite3.Connection,
    begin: str | None,
    operation: str,
    parameters: Any,
    many: bool,
    checkpoint: bool = False,
) -> Outcome:
    """The whole statement, rows included: in aiosqlite's thread, or on the loop's (`_here`);
    after a checkpoint, if one is due, and the transaction's BEGIN, if it is the first."""
    if checkpoint:
        conn.execute(CHECKPOINT)
    if begin is not None:
        conn.execute(begin)
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        if cursor.description:
            return cursor.description, deque(cursor.fetchall()), -1, -1
        return None, deque(), cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


async def _here(conn: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> Outcome:
    """`_run` on the loop's thread. A coroutine that never suspends, so the statement still
    passes through SQLAlchemy's await (an AsyncConnection insists on one) without a trip."""
    return _run(conn, None, operation, parameters, many)


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    _adapt_connection: OneTripConnection

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._run(operation, parameters, many=False)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._run(operation, seq_of_parameters, many=True)

    def _run(self, operation: Any, parameters: Any, *, many: bool) -> None:
        adapted = self._adapt_connection
        begin, adapted.pending_begin = adapted.pending_begin, None
        try:
            if begin is None and adapted.holds_write_lock():
                outcome = self.await_(_here(adapted.sqlite, operation, parameters, many))
            else:
                adapted.writing = begin == WRITER_BEGIN
                checkpoint = adapted.writing and adapted.dbapi.take_checkpoint()
                outcome = self.await_(
                    adapted.in_thread(_run, begin, operation, parameters, many, checkpoint)
                )
        except Exception as error:
            adapted._handle_exception(error)
        self.description, self._rows, self.rowcount, self.lastrowid = outcome


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ("pending_begin", "writing")

    def __init__(self, dbapi: Any, connection: aiosqlite.Connection) -> None:
        super().__init__(dbapi, connection)
        self.pending_begin: str | None = None  # sent with the next statement (defer_begin)
        self.writing = False  # this transaction began with WRITER_BEGIN

    @property
    def sqlite(self) -> sqlite3.Connection:
        return self._connection._conn  # type: ignore[no-any-return]

    def holds_write_lock(self) -> bool:
        """A write transaction is open: its statements cannot wait for anyone."""
        return self.writing and self.sqlite.in_transaction

    def defer_begin(self, sql: str) -> None:
        """Open the transaction with the next statement, in the same trip to the thread."""
        self.pending_begin = sql

    def in_thread(self, function: Callable[..., Outcome], *args: Any) -> asyncio.Future[Outcome]:
        """Queue `function(sqlite3 connection, *args)` on aiosqlite's thread, as the adapter's
        isolation_level setter does (aiosqlite's own `_execute`, minus a coroutine)."""
        connection: aiosqlite.Connection = self._connection
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        connection._tx.put_nowait((future, partial(function, connection._conn, *args)))
        return future

    def cursor(self, server_side: bool = False) -> AsyncAdapt_aiosqlite_cursor:
        if server_side:
            return super().cursor(server_side=True)
        return OneTripCursor(self)

    def commit(self) -> None:
        self.pending_begin = None  # nothing ran: there is no transaction to commit
        holding_lock, self.writing = self.holds_write_lock(), False
        if not holding_lock:
            super().commit()
            return
        try:
            self.sqlite.commit()  # on the loop's thread: see the module's docstring
        except Exception as error:
            self._handle_exception(error)
        self.dbapi.committed_write()

    def rollback(self) -> None:
        self.pending_begin = None
        self.writing = False
        connection = self._connection._connection
        if connection is not None and not connection.in_transaction:
            return  # nothing to undo (the pool resets every connection it gets back): no trip
        super().rollback()


class OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    """The adapter's DBAPI module, handing out `OneTripConnection`s; one per engine, so it
    also counts the engine's write commits towards the next checkpoint."""

    def __init__(self, aiosqlite: Any, sqlite: Any) -> None:
        super().__init__(aiosqlite, sqlite)
        self.writes_since_checkpoint = 0

    def committed_write(self) -> None:
        self.writes_since_checkpoint += 1

    def take_checkpoint(self) -> bool:
        """Whether the writer about to BEGIN checkpoints first: once every `CHECKPOINT_EVERY`
        write commits, after which the count starts again."""
        if self.writes_since_checkpoint < CHECKPOINT_EVERY:
            return False
        self.writes_since_checkpoint = 0
        return True

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        # Made in aiosqlite's thread, used there and (inside a write transaction) on the loop's.
        kw["check_same_thread"] = False
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def one_trip_dbapi() -> OneTripDbapi:
    """For `create_async_engine(..., module=...)` on a `sqlite+aiosqlite` URL."""
    return OneTripDbapi(aiosqlite, sqlite3)
