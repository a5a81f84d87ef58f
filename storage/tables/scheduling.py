"""What the scheduler keeps: the reminders it sent, the jobs it finished, files to upload, and
report requests waiting for it.

All of it is in the database, never in the scheduler's memory, so a new leader carries on
exactly where a dead one stopped and nothing is ever sent twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class SlaReminderRow(SQLModel, table=True):
    """One SLA reminder or escalation sent: the audit trail, and what reports count as a
    missed deadline (pct ≥ 100) after the stage's own deadline has been overwritten."""

    __tablename__ = "sla_reminder"
    __table_args__ = (
        Index("ix_sla_reminder_assignment_pct", "assignment_id", "pct"),
        Index("ix_sla_reminder_ticket_pct", "ticket_id", "pct"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    assignment_id: int | None = Field(default=None, foreign_key="assignment.id")
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    stage: str
    pct: int
    due_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime = Field(sa_type=UTCDateTime)


class JobMarkRow(SQLModel, table=True):
    """ "This job is done for this key" (a digest per agency per day, a weekly report per
    week, a stuck outbox row reported): inserted in the same transaction as the messages."""

    __tablename__ = "job_mark"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    key: str
    at: datetime = Field(sa_type=UTCDateTime, index=True)


class UploadRow(SQLModel, table=True):
    """A file the bot uploads (report charts, exports): the outbox row names it by id, so a
    send retried after a crash uploads the very same bytes."""

    __tablename__ = "upload"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    mime_type: str
    data: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)


class ReportRequestRow(SQLModel, table=True):
    """A /report or /export asked for in a chat, produced by the scheduler's leader.

    Building a report takes up to seconds; doing it in the inbox worker would hold a chat's
    queue (and SQLite's write lock) that long, so the handler only records the request.
    """

    __tablename__ = "report_request"
    __table_args__ = (Index("ix_report_request_status_id", "status", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # report | export | audit
    chat_id: int = Field(sa_type=BigInteger)
    thread_id: int | None = Field(default=None, sa_type=BigInteger)
    requested_by: int | None = Field(default=None, sa_type=BigInteger)
    language: str = "id"
    period_start: datetime = Field(sa_type=UTCDateTime)
    period_end: datetime = Field(sa_type=UTCDateTime)
    label: str
    status: str = "pending"  # pending | done | failed
    error: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
