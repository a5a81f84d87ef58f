"""What: tickets, each agency's assignment, the audit trail and attachments.

The (status, deadline) indexes are what keep the SLA reminder scan a 1–3 ms indexed query at a
million tickets instead of a 400 ms table scan (DESIGN, performance notes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, text
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class TicketRow(SQLModel, table=True):
    __tablename__ = "ticket"
    __table_args__ = (
        Index("ix_ticket_status_deadline", "status", "deadline"),
        # The SLA scan: `next_reminder_at <= now ORDER BY next_reminder_at LIMIT n` reads only
        # the due rows; stopped and paused clocks are NULL and never enter the range.
        Index("ix_ticket_next_reminder_at", "next_reminder_at"),
        # Reports and exports select a period by these.
        Index("ix_ticket_created_at", "created_at"),
        Index("ix_ticket_resolved_at", "resolved_at"),
        # The retention job: closed tickets whose personal data is still there, oldest first.
        # Partial: an erased ticket leaves the index, so it stays the size of the live ones
        # and a batch is the first rows of an ordered range (no sort, however many are due).
        Index(
            "ix_ticket_unerased_closed_at",
            "closed_at",
            sqlite_where=text("erased_at IS NULL"),
            postgresql_where=text("erased_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    category_id: int = Field(foreign_key="category.id", index=True)
    description: str
    status: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    share_name: bool = False
    public: bool = True
    contact_phone: str | None = None
    stage: str | None = None
    stage_started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deadline: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminded_pct: int = 0
    next_reminder_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    first_response_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reopen_count: int = 0
    solved: bool | None = None
    rating: int | None = None
    rating_comment: str | None = None
    reject_reason: str | None = None
    duplicate_of: str | None = None
    version: int = 0
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AssignmentRow(SQLModel, table=True):
    __tablename__ = "assignment"
    __table_args__ = (
        Index("ix_assignment_status_deadline", "status", "deadline"),
        Index("ix_assignment_next_reminder_at", "next_reminder_at"),
        Index("ix_assignment_created_at", "created_at"),
        # The daily digest: one agency's open shares and their deadlines.
        Index("ix_assignment_agency_status_deadline", "agency_id", "status", "deadline"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    status: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    officer_id: int | None = Field(default=None, foreign_key="staff.id")
    stage: str | None = None
    stage_started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deadline: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminded_pct: int = 0
    next_reminder_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    first_response_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolution_note: str | None = None
    handback_reason: str | None = None
    version: int = 0


class TicketEventRow(SQLModel, table=True):
    __tablename__ = "ticket_event"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor_role: str
    action: str
    public: bool
    # A citizen id or a staff id depending on actor_role, so no foreign key.
    actor_id: int | None = Field(default=None, sa_type=BigInteger)
    text: str | None = None
    from_status: str | None = None
    to_status: str | None = None
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class AttachmentRow(SQLModel, table=True):
    __tablename__ = "attachment"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    file_id: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    kind: str = "photo"
    file_unique_id: str | None = None
    event_id: int | None = Field(default=None, foreign_key="ticket_event.id")
    uploaded_by_role: str = "citizen"
    # Set once the bytes are in the evidence store (storage.tables.evidence); None until then.
    sha256: str | None = Field(default=None, index=True)
    size: int | None = Field(default=None, sa_type=BigInteger)
    mime_type: str | None = None
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
