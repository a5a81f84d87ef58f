"""EXPLAIN (PostgreSQL) / EXPLAIN QUERY PLAN (SQLite) of a SQLAlchemy statement, with its
parameters bound exactly as the application binds them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Executable

from storage.database import Database


async def explain(db: Database, stmt: Executable) -> list[str]:
    async with db.engine.connect() as conn:
        # IN lists expanded into one parameter each, as the driver would get them.
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        raw = compiled.construct_params()
        processors: dict[str, Any] = compiled._bind_processors
        values = tuple(
            processors[k](raw[k]) if k in processors else raw[k]
            for k in (compiled.positiontup or [])
        )
        prefix = "EXPLAIN (ANALYZE, COSTS OFF) " if db.is_postgres else "EXPLAIN QUERY PLAN "
        result = await conn.exec_driver_sql(prefix + str(compiled), values)
        lines = [" ".join(str(c) for c in row if c is not None) for row in result]
        await conn.rollback()
    return lines


def uses_index(plan: list[str]) -> bool:
    text = "\n".join(plan).lower()
    return "index" in text and "seq scan on ticket" not in text and "scan ticket\n" not in text
