"""Column types shared by every table.

SQLite has no timezone-aware timestamp: it stores text and hands back naive datetimes, while
PostgreSQL's `timestamptz` hands back aware ones. The domain only ever deals in aware UTC, so
this type is the one place where both databases are made to agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is stored as UTC and always read back timezone-aware UTC.

    Naive datetimes are refused on the way in: a naive value is a bug (someone bypassed the
    injected clock), and silently guessing its zone would corrupt SLA deadlines.
    """

    impl = DateTime
    cache_ok = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timezone", True)
        super().__init__(*args, **kwargs)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused (store timezone-aware UTC): {value!r}")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # SQLite's text format has no offset; every stored value is UTC by construction,
            # which also keeps text comparison equal to time comparison.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
