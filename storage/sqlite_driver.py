"""SQLAlchemy's aiosqlite adapter, with one trip to the driver's thread per statement.

aiosqlite runs each sqlite3 call in a thread of its own and hands the result back to the event
loop. SQLAlchemy's adapter makes four such trips for a SELECT (open a cursor, execute, fetch
all, close) and three for a write; each trip is a queue hand-off, a wake-up of the loop and a
greenlet switch, and they cost more than SQLite itself on an indexed statement. Here the four
run as one function in that thread, the way the adapter already reaches into aiosqlite's queue
to set the isolation level. Everything else (pooling, errors, BEGIN, COMMIT) is the adapter's.

`storage.database` emits BEGIN itself (`BEGIN IMMEDIATE` for writers); it rides along with the
transaction's first statement (`defer_begin`), in the same trip, so the write lock is still
taken before any statement runs.
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


def _run(
    conn: sqlite3.Connection, begin: str | None, operation: str, parameters: Any, many: bool
) -> Outcome:
    """In aiosqlite's thread: the whole statement, rows included."""
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
            outcome: Outcome = self.await_(
                adapted.in_thread(_run, begin, operation, parameters, many)
            )
        except Exception as error:
            adapted._handle_exception(error)
        self.description, self._rows, self.rowcount, self.lastrowid = outcome


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ("pending_begin",)

    def __init__(self, dbapi: Any, connection: aiosqlite.Connection) -> None:
        super().__init__(dbapi, connection)
        self.pending_begin: str | None = None  # sent with the next statement (defer_begin)

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
        super().commit()

    def rollback(self) -> None:
        self.pending_begin = None
        super().rollback()


class OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    """The adapter's DBAPI module, handing out `OneTripConnection`s."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def one_trip_dbapi() -> OneTripDbapi:
    """For `create_async_engine(..., module=...)` on a `sqlite+aiosqlite` URL."""
    return OneTripDbapi(aiosqlite, sqlite3)
