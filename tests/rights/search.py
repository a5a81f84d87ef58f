"""Search every column of every table for markers, with the schema reflected from the database
itself (not from our models), so a table or column nobody thought of is searched too."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import MetaData, Table, select

from storage.uow import SqlUnitOfWork


def _as_text(value: Any) -> str | bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


async def reflected_tables(uow: SqlUnitOfWork) -> list[Table]:
    def reflect(sync_session: Any) -> list[Table]:
        metadata = MetaData()
        metadata.reflect(bind=sync_session.connection())
        return list(metadata.sorted_tables)

    return await uow.session.run_sync(reflect)


async def find(
    uow: SqlUnitOfWork, markers: Iterable[str], numbers: Iterable[int] = ()
) -> list[tuple[str, str, str]]:
    """(table, column, marker) for every cell holding a marker: a text marker anywhere in a
    text, JSON or binary cell, a number as a whole integer cell or inside any text."""
    texts = [m for m in markers]
    ints = set(numbers)
    found: list[tuple[str, str, str]] = []
    tables = await reflected_tables(uow)
    assert len(tables) > 20, [t.name for t in tables]  # the reflection did see the schema
    for table in tables:
        rows = (await uow.session.execute(select(table))).all()
        for row in rows:
            for column, value in zip(table.columns, row, strict=True):
                if isinstance(value, int) and not isinstance(value, bool) and value in ints:
                    found.append((table.name, column.name, str(value)))
                    continue
                cell = _as_text(value)
                if cell is None:
                    continue
                for marker in texts:
                    needle: str | bytes = marker.encode() if isinstance(cell, bytes) else marker
                    if needle in cell:  # type: ignore[operator]
                        found.append((table.name, column.name, marker))
    return sorted(set(found))
