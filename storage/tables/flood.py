"""The burst counts of flooding citizens, shared by every worker on PostgreSQL
(storage.repositories.bursts). One row per sender who wrote within the last hour or so."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Column, Float
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime

# A real array on PostgreSQL, where the table is used. SQLite counts in memory instead
# (domain.flood) and only needs the table to exist, so that migrations and models agree.
SEND_TIMES = postgresql.ARRAY(Float()).with_variant(JSON(), "sqlite")


class FloodCountRow(SQLModel, table=True):
    """domain.flood.InMemoryBurstGuard's two dicts as one row per sender: the allowed send
    times near the latest (at most the limit), when the sender was last warned, and the
    verdict of the latest check (what the check's upsert returns). No index besides the key:
    the hourly purge scans a table of recent senders, and an index on `touched_at` would
    cost every check an index write."""

    __tablename__ = "flood_count"

    sender_id: int = Field(
        sa_type=BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    times: list[float] = Field(sa_column=Column(SEND_TIMES, nullable=False))
    warned_at: float | None = None
    verdict: str
    touched_at: datetime = Field(sa_type=UTCDateTime)
