"""Small helpers shared by the query modules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Executable, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult

if TYPE_CHECKING:
    from storage.uow import SqlUnitOfWork


def dialect_insert(uow: SqlUnitOfWork, table: Table) -> Any:
    """An INSERT that knows `on_conflict_do_nothing` on both databases."""
    return postgresql.insert(table) if uow.is_postgres else sqlite.insert(table)


async def rowcount(uow: SqlUnitOfWork, stmt: Executable) -> int:
    result = cast(CursorResult[Any], await uow.session.execute(stmt))
    return result.rowcount
