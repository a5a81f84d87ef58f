"""Who: citizens, agencies, staff and staff invites. Field names match domain/model.py exactly
so the row <-> dataclass mapping stays generic."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class CitizenRow(SQLModel, table=True):
    __tablename__ = "citizen"
    # A citizen is keyed by (channel, external id): Telegram's user id, an Open311 client's
    # reporter, later a WhatsApp number. NULLs (rows of old code) never collide.
    # The retention job looks for people whose last complaint lost its personal data, oldest
    # first, among those not erased yet (partial: the erased leave the index).
    __table_args__ = (
        UniqueConstraint("channel", "external_id"),
        Index(
            "ix_citizen_unerased_created_at_id",
            "created_at",
            "id",
            sqlite_where=text("erased_at IS NULL"),
            postgresql_where=text("erased_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int | None = Field(default=None, sa_type=BigInteger, unique=True)
    # Indexed: the sender marks a blocked chat's citizen unreachable by chat id.
    chat_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    name: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    username: str | None = None
    language: str = "id"
    phone: str | None = None
    banned: bool = False
    unreachable: bool = False
    channel: str = Field(default="telegram", sa_column_kwargs={"server_default": "telegram"})
    external_id: str | None = None
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AgencyRow(SQLModel, table=True):
    __tablename__ = "agency"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    is_complaint_unit: bool = False
    # Indexed: every group message is routed by looking up which agency owns the chat.
    group_chat_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    group_is_forum: bool = False
    group_active: bool = False
    active: bool = True


class StaffRow(SQLModel, table=True):
    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_type=BigInteger, index=True)
    name: str
    role: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    active: bool = True
    language: str | None = None


class ChatLanguageRow(SQLModel, table=True):
    """A group chat's own language, set with /lang in that group (a person's language is on
    their citizen or staff row). Keyed by chat, so it holds for any group the bot posts in."""

    __tablename__ = "chat_language"

    chat_id: int = Field(
        sa_type=BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    language: str
    updated_at: datetime = Field(sa_type=UTCDateTime)
    updated_by: int | None = Field(default=None, sa_type=BigInteger)  # a Telegram user id


class InviteRow(SQLModel, table=True):
    __tablename__ = "invite"

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(unique=True)
    agency_id: int = Field(foreign_key="agency.id")
    role: str
    # BIGINT and no foreign key: the creator may be the CLI (None) and callers may record a
    # Telegram id rather than a staff id; neither must overflow or be rejected.
    created_by: int | None = Field(default=None, sa_type=BigInteger)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_by: int | None = Field(default=None, sa_type=BigInteger)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
