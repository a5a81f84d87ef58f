"""Claiming queue rows (the inbox's updates, the outbox's messages) in one statement.

A claim picks rows and leases them to a worker. As one UPDATE whose subquery takes the rows
`FOR UPDATE SKIP LOCKED` (PostgreSQL), concurrent claimers skip each other's rows and the row
locks last as long as the UPDATE, so the claim may commit on its own
(`Database.uow(each_statement=True)`). As a SELECT … FOR UPDATE then an UPDATE, the locks
would end with the SELECT, and two workers could lease the same row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, Select, Update, bindparam, update


def claim_statements(
    pick: Select[Any], key: Column[Any], *, status: str, returning: Sequence[ColumnElement[Any]]
) -> dict[str, Update]:
    """The claim of the rows `pick` selects (their `key`s), by dialect, built once: each row
    gets `status`, is leased to `:worker` until `:until`, and counts one more attempt."""
    table = key.table

    def claim(picked: Select[Any]) -> Update:
        return (
            update(table)
            .where(key.in_(picked.scalar_subquery()))
            .values(
                status=status,
                locked_by=bindparam("worker"),
                locked_until=bindparam("until"),
                attempts=table.c.attempts + 1,
            )
            .returning(*returning)
        )

    return {
        "sqlite": claim(pick),
        "postgresql": claim(pick.with_for_update(skip_locked=True, of=table)),
    }
