"""Metadata conventions every table relies on; imported before any table is defined.

Named constraints matter for Alembic on SQLite: batch migrations recreate tables and can only
drop or alter a constraint they can name.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata.naming_convention = NAMING_CONVENTION


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a SQLModel class; repositories use Core for speed and freshness."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]
