"""The admin audit log (domain.audit): append-only, one row per action or data showing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class AuditLogRow(SQLModel, table=True):
    """No foreign keys: an entry outlives what it names (a removed agency, an erased citizen),
    and a restore can load the log in any order."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at_id", "at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor_role: str
    actor_id: int | None = None
    actor_name: str = ""
    action: str
    target: str
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON, nullable=True)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON, nullable=True)
