"""The bot runtime's durable hand-offs (DESIGN, "Three durable hand-offs").

- inbox_update: a Telegram update is acknowledged only after it is committed here.
- outbox_message: messages commit with the state change that caused them.
- message_link: which ticket a sent bot message belongs to, so replies route back.
- draft: conversation state, kept in the database so it survives restarts and is shared by
  every worker.

Each queue carries a lease (`locked_by`, `locked_until`): a killed worker's rows are retaken
once the lease runs out, which is what makes SIGKILL lose nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class MessageLinkRow(SQLModel, table=True):
    __tablename__ = "message_link"
    # By age: the retention job drops the links of long-closed tickets, oldest first.
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id"),
        Index("ix_message_link_created_at", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    message_id: int | None = Field(default=None, sa_type=BigInteger)  # None: queued, not sent
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    purpose: str
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class DraftRow(SQLModel, table=True):
    __tablename__ = "draft"

    id: int | None = Field(default=None, primary_key=True)
    # One conversation per chat: the chat is the key, the citizen is optional (staff chats).
    chat_id: int = Field(sa_type=BigInteger, unique=True)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    step: str
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # Indexed: the stale-draft reminder scans by last activity.
    updated_at: datetime = Field(sa_type=UTCDateTime, index=True)
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_message_id: int | None = Field(default=None, sa_type=BigInteger)
    version: int = 0


class InboxUpdateRow(SQLModel, table=True):
    """A raw Telegram update. Claimed one per chat at a time, lowest update_id first.

    `locked_until` is the lease end while `processing`; on a `pending` row being retried it is
    the earliest retry time (the row still blocks its chat, which keeps per-chat order).
    """

    __tablename__ = "inbox_update"
    __table_args__ = (
        Index("ix_inbox_update_status_chat", "status", "chat_id", "update_id"),
        # Retention: handled (and dead) updates by age, a batch at a time.
        Index("ix_inbox_update_status_handled_at", "status", "handled_at"),
    )

    update_id: int = Field(
        sa_type=BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    bot_id: int = Field(default=0, sa_type=BigInteger)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    payload: dict[str, Any] = Field(sa_type=JSON)
    received_at: datetime = Field(sa_type=UTCDateTime)
    status: str = "pending"
    attempts: int = 0
    error: str | None = None
    locked_by: str | None = None
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OutboxMessageRow(SQLModel, table=True):
    """One domain.outbound.Outbound to send; `payload` is its `to_json()`."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_message_status_next_attempt_at", "status", "next_attempt_at"),
        # Per-chat order: "is an earlier message of this chat still unsent?"
        Index("ix_outbox_message_chat_status", "chat_id", "status", "id"),
        # Retention: sent rows by age, a batch at a time.
        Index("ix_outbox_message_status_sent_at", "status", "sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    payload: dict[str, Any] = Field(sa_type=JSON)
    status: str = "pending"
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_ids: list[int] | None = Field(default=None, sa_type=JSON)
    error: str | None = None
    # Copied from the payload so the sender can link sent messages to their ticket. No
    # foreign key: the queue is machinery and must never block cleaning up a ticket. Indexed:
    # the staff notifier looks up a ticket's queued-but-unsent cards on every event.
    ticket_id: int | None = Field(default=None, index=True)
    link_purpose: str | None = None
    locked_by: str | None = None
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
