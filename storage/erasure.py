"""Erasing personal data (domain.retention): the one function both the retention job and
`/forget` use, on the caller's unit of work (`uow.erasure`).

Every statement is set-based over the ids it is given and reaches its rows through an index
(primary keys, ticket_id, chat_id, sender_id, sha256), so a batch of a few hundred tickets is a
short transaction. Everything is idempotent: rows already erased are skipped (`erased_at`), and
deleting what is gone deletes nothing.

Archived photos are content-addressed and may be shared: a citizen's photo loses its bytes only
when no other attachment still names them. Their hash is then queued in `evidence_purge`, in
this transaction, and the scheduler deletes the bytes from the store afterwards (the store is
outside the database's transaction).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Float, Numeric, String, cast, func, or_, select, update

from domain.retention import ERASED, LOCATION_DECIMALS, ErasedCounts
from domain.roles import Role
from storage.repositories.base import SqlContext
from storage.repositories.catalog_cache import GROUP_LANGUAGES
from storage.tables import (
    AttachmentRow,
    CitizenRow,
    DraftRow,
    EvidenceDownloadRow,
    EvidenceFileRow,
    EvidencePurgeRow,
    FloodCountRow,
    InboxUpdateRow,
    MessageLinkRow,
    Open311RequestRow,
    OutboxMessageRow,
    ReportRequestRow,
    TicketEventRow,
    TicketRow,
    UploadRow,
    table_of,
)

TICKETS = table_of(TicketRow)
EVENTS = table_of(TicketEventRow)
ATTACHMENTS = table_of(AttachmentRow)
CITIZENS = table_of(CitizenRow)
DRAFTS = table_of(DraftRow)
LINKS = table_of(MessageLinkRow)
OUTBOX = table_of(OutboxMessageRow)
INBOX = table_of(InboxUpdateRow)
FLOOD = table_of(FloodCountRow)
REQUESTS = table_of(ReportRequestRow)
UPLOADS = table_of(UploadRow)
DOWNLOADS = table_of(EvidenceDownloadRow)
FILES = table_of(EvidenceFileRow)
PURGE = table_of(EvidencePurgeRow)
OPEN311 = table_of(Open311RequestRow)

CHUNK = 500  # ids per statement: far below every driver's parameter limit
CITIZEN = Role.CITIZEN.value
PENDING = "pending"  # an inbox or outbox row still to be handled: not a trace, new work
IN_HAND = (PENDING, "processing", "sending")  # rows a worker may be holding right now
# Raw updates already taken: the one being handled now (this /forget) and those before it.
HANDLED = ("processing", "done", "dead")


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    batch: list[int] = []
    for i in dict.fromkeys(ids):
        batch.append(i)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _rounded(column: Any) -> Any:
    """ROUND(x, 3) on both databases (PostgreSQL rounds only NUMERIC to a number of places)."""
    return cast(func.round(cast(column, Numeric), LOCATION_DECIMALS), Float)


class SqlErasure:
    """domain.retention.Erasure on one unit of work's session."""

    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def ticket_ids_of(self, citizen_id: int) -> list[int]:
        result = await self._ctx.execute(
            select(TICKETS.c.id).where(TICKETS.c.citizen_id == citizen_id).order_by(TICKETS.c.id)
        )
        return list(result.scalars())

    async def erase(
        self,
        *,
        ticket_ids: Sequence[int] = (),
        citizen_ids: Sequence[int] = (),
        at: datetime,
        traces: bool = False,
    ) -> ErasedCounts:
        counts = ErasedCounts()
        codes: list[str] = []
        for chunk in _chunks(ticket_ids):
            codes += await self._codes(chunk) if traces else []
            counts.add(await self._tickets(chunk, at))
        for chunk in _chunks(citizen_ids):
            counts.add(await self._citizens(chunk, at, traces, codes))
        return counts

    # --- complaints ---------------------------------------------------------------------------

    async def _codes(self, ids: list[int]) -> list[str]:
        result = await self._ctx.execute(select(TICKETS.c.code).where(TICKETS.c.id.in_(ids)))
        return list(result.scalars())

    async def _tickets(self, ids: list[int], at: datetime) -> ErasedCounts:
        t = TICKETS
        live = await self._ctx.execute(
            select(t.c.id, t.c.citizen_id).where(t.c.id.in_(ids), t.c.erased_at.is_(None))
        )
        rows = live.all()
        counts = ErasedCounts()
        if not rows:
            return counts
        tickets = [r.id for r in rows]
        citizens = sorted({r.citizen_id for r in rows})
        counts.tickets = await self._ctx.rowcount(
            update(t)
            .where(t.c.id.in_(tickets))
            .values(
                description=ERASED,
                address=None,
                contact_phone=None,
                rating_comment=None,
                share_name=False,
                latitude=_rounded(t.c.latitude),
                longitude=_rounded(t.c.longitude),
                erased_at=at,
                # A use case holding the ticket from before must not write its texts back.
                version=t.c.version + 1,
            )
        )
        counts.texts = await self._ctx.rowcount(
            update(EVENTS)
            .where(
                EVENTS.c.ticket_id.in_(tickets),
                EVENTS.c.actor_role == CITIZEN,
                EVENTS.c.text.is_not(None),
                EVENTS.c.text != ERASED,
            )
            .values(text=ERASED)
        )
        counts.add(await self._photos(tickets, at))
        await self._ctx.execute(
            update(OPEN311).where(OPEN311.c.ticket_id.in_(tickets)).values(media_url=None)
        )
        # Photos an Open311 client gave by URL and not fetched yet: the URL is theirs, and a
        # fetch finishing later must find nothing to attach to (see EvidenceQueue.mark_done).
        counts.traces += await self._ctx.rowcount(
            DOWNLOADS.delete().where(
                DOWNLOADS.c.ticket_id.in_(tickets), DOWNLOADS.c.url.is_not(None)
            )
        )
        # Their private chat's messages about these complaints: the message ids routed replies
        # there, and the queued or sent messages held what was said.
        chats = select(CITIZENS.c.chat_id).where(
            CITIZENS.c.id.in_(citizens), CITIZENS.c.chat_id.is_not(None)
        )
        counts.traces += await self._ctx.rowcount(
            LINKS.delete().where(LINKS.c.ticket_id.in_(tickets), LINKS.c.chat_id.in_(chats))
        )
        counts.traces += await self._delete_outbox(OUTBOX.c.ticket_id.in_(tickets))
        return counts

    async def _photos(self, tickets: list[int], at: datetime) -> ErasedCounts:
        """The citizen's own attachments: file ids gone, bytes queued for the store's purge
        when nothing else names them. Officers' photos (how a fix was documented) stay."""
        a = ATTACHMENTS
        found = await self._ctx.execute(
            select(a.c.id, a.c.sha256, a.c.file_id).where(
                a.c.ticket_id.in_(tickets),
                a.c.uploaded_by_role == CITIZEN,
                a.c.erased_at.is_(None),
            )
        )
        rows = found.all()
        counts = ErasedCounts()
        if not rows:
            return counts
        ids = [r.id for r in rows]
        hashes = sorted({r.sha256 for r in rows if r.sha256})
        counts.photos = await self._ctx.rowcount(
            update(a)
            .where(a.c.id.in_(ids))
            .values(file_id=ERASED, file_unique_id=None, sha256=None, erased_at=at)
        )
        counts.traces += await self._ctx.rowcount(
            DOWNLOADS.delete().where(DOWNLOADS.c.attachment_id.in_(ids))
        )
        # The file ids known for their archived photos, unless another attachment of the same
        # bytes is sent by the same id (a new bot's upload of shared bytes is recorded on every
        # attachment of those bytes); found through the sha256 index.
        file_ids = {r.file_id for r in rows if r.sha256}
        shared = await self._ctx.execute(
            select(a.c.file_id).where(a.c.sha256.in_(hashes), a.c.file_id.in_(file_ids))
        )
        mine = sorted(file_ids - set(shared.scalars()))
        if mine:
            counts.traces += await self._ctx.rowcount(
                FILES.delete().where(FILES.c.file_id.in_(mine))
            )
        if hashes:
            still = await self._ctx.execute(
                select(a.c.sha256).where(a.c.sha256.in_(hashes)).distinct()
            )
            unused = sorted(set(hashes) - set(still.scalars()))
            if unused:
                counts.traces += await self._ctx.rowcount(
                    FILES.delete().where(FILES.c.sha256.in_(unused))
                )
                await self._ctx.execute(
                    self._ctx.insert(PURGE).on_conflict_do_nothing(index_elements=[PURGE.c.sha256]),
                    [{"sha256": sha, "queued_at": at} for sha in unused],
                )
                counts.blobs = len(unused)
        return counts

    # --- people -------------------------------------------------------------------------------

    async def _citizens(
        self, ids: list[int], at: datetime, traces: bool, codes: list[str]
    ) -> ErasedCounts:
        c = CITIZENS
        live = await self._ctx.execute(
            select(c.c.id, c.c.telegram_id, c.c.chat_id, c.c.username).where(
                c.c.id.in_(ids), c.c.erased_at.is_(None)
            )
        )
        rows = live.all()
        counts = ErasedCounts()
        if not rows:
            return counts
        people = [r.id for r in rows]
        chats = sorted({r.chat_id for r in rows if r.chat_id is not None})
        senders = sorted({r.telegram_id for r in rows if r.telegram_id is not None})
        counts.citizens = await self._ctx.rowcount(
            update(c)
            .where(c.c.id.in_(people))
            .values(
                name=ERASED,
                username=None,
                phone=None,
                telegram_id=None,
                chat_id=None,
                external_id=None,
                erased_at=at,
            )
        )
        counts.traces += await self._ctx.rowcount(
            DRAFTS.delete().where(or_(DRAFTS.c.citizen_id.in_(people), DRAFTS.c.chat_id.in_(chats)))
        )
        if senders:
            counts.traces += await self._ctx.rowcount(
                FLOOD.delete().where(FLOOD.c.sender_id.in_(senders))
            )
        if chats:
            counts.traces += await self._chats(chats)
        if traces:
            needles = [str(s) for s in senders] + codes
            needles += [f'"{r.username}"' for r in rows if r.username]
            counts.traces += await self._sweep(needles)
        return counts

    async def _chats(self, chats: list[int]) -> int:
        """What the running bot holds about their private chats: the conversation's raw
        updates (the one being handled too; those still to come are new requests), the
        messages to them and the files those upload, the message ids, their requests."""
        done = (
            await self._ctx.rowcount(
                INBOX.delete().where(INBOX.c.status.in_(HANDLED), INBOX.c.chat_id.in_(chats))
            )
            + await self._delete_outbox(OUTBOX.c.chat_id.in_(chats))
            + await self._ctx.rowcount(LINKS.delete().where(LINKS.c.chat_id.in_(chats)))
            + await self._ctx.rowcount(REQUESTS.delete().where(REQUESTS.c.chat_id.in_(chats)))
        )
        await self._ctx.execute(
            GROUP_LANGUAGES.delete().where(GROUP_LANGUAGES.c.chat_id.in_(chats))
        )
        return done

    async def _delete_outbox(self, where: Any) -> int:
        """Queued or sent messages, and the files they upload (a /mydata archive)."""
        found = await self._ctx.execute(select(OUTBOX.c.id, OUTBOX.c.payload).where(where))
        rows = found.all()
        if not rows:
            return 0
        uploads = [r.payload.get("upload_id") for r in rows if r.payload.get("upload_id")]
        deleted = await self._ctx.rowcount(
            OUTBOX.delete().where(OUTBOX.c.id.in_([r.id for r in rows]))
        )
        if uploads:
            deleted += await self._ctx.rowcount(UPLOADS.delete().where(UPLOADS.c.id.in_(uploads)))
        return deleted

    async def _sweep(self, needles: list[str]) -> int:
        """Handled updates and finished messages in other chats that still name the person
        or their complaints (an officer's reply quoting a card, an alert naming their chat).
        A scan of both tables: they hold only the last days (RETENTION_UPDATES_DAYS,
        RETENTION_OUTBOX_DAYS), and only a request, never the retention job, sweeps."""
        needles = [n for n in needles if len(n) >= 5]  # shorter ones would match anything
        if not needles:
            return 0
        swept = 0
        for table, payload in ((INBOX, INBOX.c.payload), (OUTBOX, OUTBOX.c.payload)):
            text = cast(payload, String)
            naming = or_(*(text.contains(n, autoescape=True) for n in needles))
            swept += await self._ctx.rowcount(
                table.delete().where(table.c.status.notin_(IN_HAND), naming)
            )
        return swept
