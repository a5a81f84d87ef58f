"""The evidence archive's bookkeeping: the download queue and the file ids known per bot.

The queue works like the outbox (storage.repositories.outbox_queue): rows are claimed with a lease,
`FOR UPDATE SKIP LOCKED` on PostgreSQL so several workers share it, and a killed worker's rows
are retaken when the lease ends (sooner: bot.presence expires a dead process's leases). There
is no per-chat order to keep: downloads are independent.

A row fetches either a Telegram file id (for an attachment that exists already) or an http(s)
URL (an Open311 `media_url`): that one's attachment is made when its bytes are archived, in
the transaction that finishes the row, so a URL that never gives an image leaves no
attachment behind, and a row finished twice (a lease that ran out mid-fetch) makes one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select, update

from domain.evidence import StoredEvidence
from storage.repositories.base import SqlContext
from storage.tables import (
    AttachmentRow,
    EvidenceDownloadRow,
    EvidenceFileRow,
    EvidencePurgeRow,
    TicketRow,
    table_of,
)

DOWNLOADS = table_of(EvidenceDownloadRow)
FILES = table_of(EvidenceFileRow)
PURGE = table_of(EvidencePurgeRow)
ATTACHMENTS = table_of(AttachmentRow)
TICKETS = table_of(TicketRow)

PENDING, DOWNLOADING, DONE, FAILED = "pending", "downloading", "done", "failed"


@dataclass(frozen=True)
class DownloadItem:
    """A claimed download: the file id (or URL) to fetch, and the attachment that waits for
    it (a URL row's ticket and event, whose attachment the file becomes)."""

    id: int
    attachment_id: int | None
    file_id: str | None
    kind: str
    attempts: int
    url: str | None = None
    ticket_id: int | None = None
    event_id: int | None = None


@dataclass(frozen=True)
class KnownFile:
    """Archived bytes behind a channel file id."""

    sha256: str
    kind: str


def archive_file_id(sha256: str) -> str:
    """The stand-in file id of bytes no channel has sent yet (fetched from a URL)."""
    return f"archive:{sha256}"


class EvidenceQueue:
    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def enqueue(self, attachments: Sequence[tuple[int, str]]) -> None:
        """Queue (attachment id, file id) pairs; called in the attachment's own transaction."""
        if not attachments:
            return
        now = self._ctx.clock.now()
        rows = [
            {
                "attachment_id": attachment_id,
                "file_id": file_id,
                "status": PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for attachment_id, file_id in attachments
        ]
        stmt = self._ctx.insert(DOWNLOADS).on_conflict_do_nothing(
            index_elements=[DOWNLOADS.c.attachment_id]
        )
        await self._ctx.execute(stmt, rows)

    async def enqueue_url(self, ticket_id: int, url: str, *, event_id: int | None) -> None:
        """Queue fetching `url` as the citizen's photo of a ticket (and of the event it came
        with); called in the ticket's own transaction."""
        now = self._ctx.clock.now()
        await self._ctx.execute(
            DOWNLOADS.insert().values(
                url=url,
                ticket_id=ticket_id,
                event_id=event_id,
                status=PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )

    async def enqueue_unarchived(self) -> int:
        """Backfill: queue every attachment without bytes and without a download (those that
        predate the archive; not an erased photo, which has nothing left to fetch); failed
        downloads are tried again. Returns how many are queued."""
        a, d = ATTACHMENTS, DOWNLOADS
        missing = await self._ctx.execute(
            select(a.c.id, a.c.file_id)
            .where(
                a.c.sha256.is_(None),
                a.c.erased_at.is_(None),
                ~exists().where(d.c.attachment_id == a.c.id),
            )
            .order_by(a.c.id)
        )
        await self.enqueue([(row.id, row.file_id) for row in missing.all()])
        now = self._ctx.clock.now()
        await self._ctx.execute(
            update(d)
            .where(d.c.status == FAILED)
            .values(status=PENDING, attempts=0, next_attempt_at=now, error=None)
        )
        return await self.waiting()

    async def claim(
        self, *, worker: str, limit: int = 8, lease: timedelta = timedelta(seconds=120)
    ) -> list[DownloadItem]:
        now = self._ctx.clock.now()
        d = DOWNLOADS
        due = or_(
            and_(d.c.status == PENDING, d.c.next_attempt_at <= now),
            and_(d.c.status == DOWNLOADING, d.c.locked_until <= now),
        )
        pick = select(d.c.id).where(due).order_by(d.c.next_attempt_at, d.c.id).limit(limit)
        if self._ctx.is_postgres:
            pick = pick.with_for_update(skip_locked=True, of=d)
        ids = list((await self._ctx.execute(pick)).scalars())
        if not ids:
            return []
        await self._ctx.execute(
            update(d)
            .where(d.c.id.in_(ids))
            .values(
                status=DOWNLOADING,
                locked_by=worker,
                locked_until=now + lease,
                attempts=d.c.attempts + 1,
            )
        )
        rows = await self._ctx.execute(
            select(
                d.c.id,
                d.c.attachment_id,
                d.c.file_id,
                d.c.attempts,
                d.c.url,
                d.c.ticket_id,
                d.c.event_id,
                ATTACHMENTS.c.kind,
            )
            .outerjoin(ATTACHMENTS, ATTACHMENTS.c.id == d.c.attachment_id)
            .where(d.c.id.in_(ids))
            .order_by(d.c.id)
        )
        return [
            DownloadItem(
                r.id,
                r.attachment_id,
                r.file_id,
                r.kind or "photo",
                r.attempts,
                url=r.url,
                ticket_id=r.ticket_id,
                event_id=r.event_id,
            )
            for r in rows.all()
        ]

    async def mark_done(self, item: DownloadItem, stored: StoredEvidence, *, bot_id: int) -> None:
        """The bytes are durable in the store: record them on the attachment, remember the
        file id as one way to send them again, and finish the row."""
        now = self._ctx.clock.now()
        if item.url is not None:
            await self._attach_fetched(item, stored, now)
            return
        recorded = await self._ctx.rowcount(
            update(ATTACHMENTS)
            .where(ATTACHMENTS.c.id == item.attachment_id, ATTACHMENTS.c.erased_at.is_(None))
            .values(sha256=stored.sha256, size=stored.size, mime_type=stored.mime_type)
        )
        if not recorded:  # the photo was erased while it downloaded: its bytes go too
            await self._ctx.execute(
                self._ctx.insert(PURGE).on_conflict_do_nothing(index_elements=[PURGE.c.sha256]),
                {"sha256": stored.sha256, "queued_at": now},
            )
            await self._finish(item.id, DONE, None, done_at=now)
            return
        await EvidenceFiles(self._ctx).remember(
            item.file_id, stored.sha256, item.kind, bot_id=bot_id, replace=False
        )
        await self._finish(item.id, DONE, None, done_at=now)

    async def _attach_fetched(
        self, item: DownloadItem, stored: StoredEvidence, now: datetime
    ) -> None:
        """A fetched URL becomes the citizen's attachment, once: the row is finished first,
        conditionally, so a second finisher (after a lease ran out mid-fetch) adds nothing.

        Its file id is `archive:<sha256>`, which no channel knows: a bot sending it is
        refused and uploads the bytes from the archive instead (bot/takeover.py), then keeps
        the file id Telegram gives the upload, like after a change of bot.
        """
        d = DOWNLOADS
        finished = await self._ctx.rowcount(
            update(d)
            .where(d.c.id == item.id, d.c.status != DONE)
            .values(status=DONE, error=None, done_at=now, locked_by=None, locked_until=None)
        )
        if finished == 0 or item.ticket_id is None or await self._erased(item.ticket_id):
            # Another finisher attached it, or the complaint was erased meanwhile (its row
            # was deleted or its citizen's data is gone): the bytes are not kept for it.
            # The purge keeps them if some attachment names them after all.
            await self._ctx.execute(
                self._ctx.insert(PURGE).on_conflict_do_nothing(index_elements=[PURGE.c.sha256]),
                {"sha256": stored.sha256, "queued_at": now},
            )
            return
        file_id = archive_file_id(stored.sha256)
        added = await self._ctx.execute(
            ATTACHMENTS.insert()
            .values(
                ticket_id=item.ticket_id,
                file_id=file_id,
                created_at=now,
                kind="photo",
                event_id=item.event_id,
                uploaded_by_role="citizen",
                sha256=stored.sha256,
                size=stored.size,
                mime_type=stored.mime_type,
            )
            .returning(ATTACHMENTS.c.id)
        )
        attachment_id = added.scalar_one()
        await self._ctx.execute(
            update(d).where(d.c.id == item.id).values(attachment_id=attachment_id)
        )
        await EvidenceFiles(self._ctx).remember(
            file_id, stored.sha256, "photo", bot_id=0, replace=False
        )

    async def _erased(self, ticket_id: int) -> bool:
        result = await self._ctx.execute(
            select(TICKETS.c.erased_at).where(TICKETS.c.id == ticket_id)
        )
        row = result.first()
        return row is None or row.erased_at is not None

    async def reschedule(self, download_id: int, *, at: datetime, error: str) -> None:
        await self._ctx.execute(
            update(DOWNLOADS)
            .where(DOWNLOADS.c.id == download_id)
            .values(
                status=PENDING, next_attempt_at=at, error=error, locked_by=None, locked_until=None
            )
        )

    async def mark_failed(self, download_id: int, *, error: str) -> None:
        """Telegram will never give these bytes (the file id is not ours, the file is gone):
        stop, and keep the reason for `aduan evidence verify`."""
        await self._finish(download_id, FAILED, error)

    async def lease_holders(self) -> set[str]:
        result = await self._ctx.execute(
            select(DOWNLOADS.c.locked_by)
            .where(DOWNLOADS.c.status == DOWNLOADING, DOWNLOADS.c.locked_by.is_not(None))
            .distinct()
        )
        return {holder for holder in result.scalars() if holder}

    async def expire_leases(self, holders: Iterable[str]) -> int:
        names = list(holders)
        if not names:
            return 0
        return await self._ctx.rowcount(
            update(DOWNLOADS)
            .where(DOWNLOADS.c.status == DOWNLOADING, DOWNLOADS.c.locked_by.in_(names))
            .values(locked_until=self._ctx.clock.now())
        )

    async def next_due_at(self) -> datetime | None:
        """When `claim` will next find something: a pending row's retry time, or the end of
        a lease (a dead worker's row is retaken then)."""
        d = DOWNLOADS
        pending = await self._ctx.execute(
            select(func.min(d.c.next_attempt_at)).where(d.c.status == PENDING)
        )
        leased = await self._ctx.execute(
            select(func.min(d.c.locked_until)).where(d.c.status == DOWNLOADING)
        )
        times = [t for t in (pending.scalar_one_or_none(), leased.scalar_one_or_none()) if t]
        return min(times) if times else None

    async def counts(self) -> dict[str, int]:
        result = await self._ctx.execute(
            select(DOWNLOADS.c.status, func.count()).group_by(DOWNLOADS.c.status)
        )
        return {status: int(n) for status, n in result.all()}

    async def waiting(self) -> int:
        """Downloads not finished yet (pending or in flight)."""
        result = await self._ctx.execute(
            select(func.count()).where(DOWNLOADS.c.status.in_((PENDING, DOWNLOADING)))
        )
        return int(result.scalar_one())

    async def failures(self, limit: int = 50) -> list[tuple[int, str]]:
        """(attachment id, reason) of attachments whose download gave up. A URL that never
        gave an image made no attachment: nothing the archive lacks (the archiver logged it)."""
        result = await self._ctx.execute(
            select(DOWNLOADS.c.attachment_id, DOWNLOADS.c.error)
            .where(DOWNLOADS.c.status == FAILED, DOWNLOADS.c.url.is_(None))
            .order_by(DOWNLOADS.c.id)
            .limit(limit)
        )
        return [(r.attachment_id, r.error or "") for r in result.all()]

    async def _finish(
        self, download_id: int, status: str, error: str | None, done_at: datetime | None = None
    ) -> None:
        await self._ctx.execute(
            update(DOWNLOADS)
            .where(DOWNLOADS.c.id == download_id)
            .values(status=status, error=error, done_at=done_at, locked_by=None, locked_until=None)
        )


class EvidenceFiles:
    """Which archived bytes a file id stands for, and which file id each bot may send."""

    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def find(self, file_id: str) -> KnownFile | None:
        result = await self._ctx.execute(
            select(FILES.c.sha256, FILES.c.kind).where(FILES.c.file_id == file_id)
        )
        row = result.first()
        return None if row is None else KnownFile(row.sha256, row.kind)

    async def is_pending(self, file_id: str) -> bool:
        """Whether a download of this file id has yet to finish (its bytes may still come)."""
        result = await self._ctx.execute(
            select(DOWNLOADS.c.id)
            .where(DOWNLOADS.c.file_id == file_id, DOWNLOADS.c.status.in_((PENDING, DOWNLOADING)))
            .limit(1)
        )
        return result.first() is not None

    async def for_bot(self, sha256: str, kind: str, bot_id: int) -> str | None:
        """A file id this bot may send for these bytes, if it has one."""
        result = await self._ctx.execute(
            select(FILES.c.file_id)
            .where(FILES.c.sha256 == sha256, FILES.c.kind == kind, FILES.c.bot_id == bot_id)
            .order_by(FILES.c.created_at.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def remember(
        self, file_id: str, sha256: str, kind: str, *, bot_id: int, replace: bool = True
    ) -> None:
        """Record a file id for archived bytes. With `replace`, it is a new bot's upload: every
        attachment of these bytes is then sent by it from now on (the fast path again)."""
        await self._ctx.execute(
            self._ctx.insert(FILES).on_conflict_do_nothing(index_elements=[FILES.c.file_id]),
            {
                "file_id": file_id,
                "sha256": sha256,
                "kind": kind,
                "bot_id": bot_id,
                "created_at": self._ctx.clock.now(),
            },
        )
        if replace:
            await self._ctx.execute(
                update(ATTACHMENTS)
                .where(ATTACHMENTS.c.sha256 == sha256, ATTACHMENTS.c.kind == kind)
                .values(file_id=file_id)
            )
