"""What the Open311 GeoReport v2 API keeps: its clients' keys, and the requests they posted.

A key is stored only as its SHA-256 (the key itself is shown once, by `aduan apikey add`), so a
leaked database does not let anyone file complaints in the city's name. A posted request keeps
the token its client polls (`GET tokens/<token>`) until the complaint unit has verified it, and
the `media_url` it named, for the evidence archive to fetch.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class ApiKeyRow(SQLModel, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    key_hash: str = Field(unique=True)  # hex SHA-256 of the key
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Open311RequestRow(SQLModel, table=True):
    __tablename__ = "open311_request"

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(unique=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    api_key_id: int = Field(foreign_key="api_key.id", index=True)
    # Fetched into the evidence archive (bounded size and type) by the evidence queue; kept
    # here so a photo named by URL is never lost while that queue does not exist yet.
    media_url: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
