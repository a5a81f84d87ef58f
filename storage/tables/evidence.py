"""The evidence archive's tables (DESIGN, Wave 2, "Evidence").

- evidence_download: the durable queue of files to copy into the evidence store, from Telegram
  (a file id) or from an http(s) URL (an Open311 `media_url`). A Telegram row is added in the
  same transaction as its attachment (storage.repositories.tickets); a URL row in the same
  transaction as its ticket, and its attachment is made only once the bytes are archived and
  found to be an image (a URL may never give one). Rows are leased like outbox rows
  (`locked_by`, `locked_until`), so a killed worker loses nothing.
- evidence_file: every channel file id known for archived bytes, and which bot may use it.
  File ids are only a sending cache: when a new bot is refused an old one, the sender finds
  the bytes here, uploads them, and records the id Telegram gave the new upload.
- evidence_blob: the bytes themselves, for `EVIDENCE_STORE=database` (several hosts without
  a shared disk).
- evidence_purge: archived files whose last citizen photo was erased (domain.retention).
  Erasure happens in a database transaction, the store is outside it: the hash is queued in
  that transaction, and the scheduler deletes the bytes afterwards (scheduler/retention.py),
  so neither a crash nor a rollback leaves a photo behind or deletes one still needed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, LargeBinary
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)
from storage.types import UTCDateTime


class EvidenceDownloadRow(SQLModel, table=True):
    __tablename__ = "evidence_download"
    __table_args__ = (
        Index("ix_evidence_download_status_next_attempt_at", "status", "next_attempt_at"),
        # The public site's data version: a newly archived photo may now be shown.
        Index("ix_evidence_download_done_at", "done_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # A Telegram file's attachment; a URL row's once its bytes are archived (None until then).
    attachment_id: int | None = Field(default=None, foreign_key="attachment.id", unique=True)
    # The id as received: the attachment's own may be replaced by a newer bot's meanwhile.
    # None for a URL row.
    file_id: str | None = None
    # A URL row: what to fetch, and the ticket (and event) whose attachment the file becomes.
    url: str | None = None
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    event_id: int | None = Field(default=None, foreign_key="ticket_event.id")
    status: str = "pending"  # pending | downloading | done | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = None
    locked_by: str | None = None
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class EvidenceFileRow(SQLModel, table=True):
    __tablename__ = "evidence_file"
    __table_args__ = (Index("ix_evidence_file_sha256_kind_bot_id", "sha256", "kind", "bot_id"),)

    file_id: str = Field(primary_key=True)
    sha256: str
    kind: str  # photo | document: Telegram refuses one where the other is expected
    bot_id: int = Field(default=0, sa_type=BigInteger)  # 0: not known
    created_at: datetime = Field(sa_type=UTCDateTime)


class EvidenceBlobRow(SQLModel, table=True):
    __tablename__ = "evidence_blob"

    sha256: str = Field(primary_key=True)
    size: int = Field(sa_type=BigInteger)
    data: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = Field(sa_type=UTCDateTime)


class EvidencePurgeRow(SQLModel, table=True):
    __tablename__ = "evidence_purge"

    sha256: str = Field(primary_key=True)
    queued_at: datetime = Field(sa_type=UTCDateTime)
