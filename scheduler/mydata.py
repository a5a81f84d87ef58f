"""Answering /mydata: one ZIP of everything aduan holds about a citizen (UU PDP No. 27/2022,
the right to access), sent to their chat as a document.

`data.json` holds their profile, every complaint with its public timeline, agencies and
photos' records, and their half-written complaint if there is one; `photos/` holds their own
photos, read from the evidence archive (so they hash to what the archive records). Built by
the scheduler's leader from the report-request queue, like /export, so a citizen's queue is
never held while the archive is read. The request names the person, so it is deleted (not
marked done) in the transaction that queues the file; the file and its message are
`personal`, deleted as soon as Telegram has them.

A photo still being downloaded into the archive makes the request wait a few minutes (the
next ticks try again), so the archive is complete; after that it is listed as not archived.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from domain.audit import AuditAction, record_action
from domain.evidence import EvidenceStore
from domain.model import Attachment, Citizen, Ticket
from domain.outbound import Outbound, OutboundKind
from domain.report_requests import ReportRequest
from domain.roles import Role
from domain.usecases.context import Actor, Lifecycle
from handlers.texts import Catalogue
from scheduler.common import UowFactory, tz_name
from storage.queries.uploads import add_upload
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

ZIP_MIME = "application/zip"
MAX_BYTES = 45 * 1024 * 1024  # Telegram takes documents up to 50 MB from a bot
WAIT_FOR_ARCHIVE = timedelta(minutes=10)
CITIZEN = Role.CITIZEN
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}


@dataclass
class Gathered:
    """What the archive will hold: the JSON document and the photos to fetch."""

    document: dict[str, Any]
    photos: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # name, sha
    waiting: bool = False  # a photo of theirs is still on its way into the archive


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _profile(citizen: Citizen) -> dict[str, Any]:
    return {
        "reporter_number": citizen.id,
        "name": citizen.name,
        "username": citizen.username,
        "phone": citizen.phone,
        "language": citizen.language,
        "channel": citizen.channel,
        "telegram_id": citizen.telegram_id,
        "known_since": _iso(citizen.created_at),
        "blocked_by_the_service": citizen.banned,
    }


async def _complaint(
    uow: SqlUnitOfWork, gathered: Gathered, ticket: Ticket, names: dict[int, str]
) -> dict[str, Any]:
    assert ticket.id is not None
    category = await uow.categories.get(ticket.category_id)
    shares = await uow.assignments.for_ticket(ticket.id)
    events = await uow.events.for_ticket(ticket.id, public_only=True)
    theirs = [
        a for a in await uow.attachments.for_ticket(ticket.id) if a.uploaded_by_role == CITIZEN
    ]
    photos = [await _photo(uow, gathered, ticket, a, n) for n, a in enumerate(theirs, start=1)]
    return {
        "code": ticket.code,
        "category": category.name if category else None,
        "status": ticket.status.value,
        "description": ticket.description,
        "address": ticket.address,
        "latitude": ticket.latitude,
        "longitude": ticket.longitude,
        "contact_phone": ticket.contact_phone,
        "name_shown_to_agencies": ticket.share_name,
        "public": ticket.public,
        "filed_at": _iso(ticket.created_at),
        "verified_at": _iso(ticket.verified_at),
        "first_response_at": _iso(ticket.first_response_at),
        "resolved_at": _iso(ticket.resolved_at),
        "closed_at": _iso(ticket.closed_at),
        "solved": ticket.solved,
        "rating": ticket.rating,
        "rating_comment": ticket.rating_comment,
        "reopened": ticket.reopen_count,
        "agencies": sorted({names.get(s.agency_id, str(s.agency_id)) for s in shares}),
        "timeline": [
            {
                "at": _iso(e.at),
                "action": e.action,
                "by": e.actor_role.value,
                "agency": names.get(e.agency_id) if e.agency_id else None,
                "text": e.text,
                "from_status": e.from_status.value if e.from_status else None,
                "to_status": e.to_status.value if e.to_status else None,
            }
            for e in events
        ],
        "photos": photos,
    }


async def _photo(
    uow: SqlUnitOfWork, gathered: Gathered, ticket: Ticket, a: Attachment, n: int
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "sent_at": _iso(a.created_at),
        "kind": a.kind,
        "sha256": a.sha256,
        "size": a.size,
        "mime_type": a.mime_type,
        "file": None,
    }
    if a.sha256 is None:
        gathered.waiting |= await uow.evidence_files.is_pending(a.file_id)
        record["note"] = "not in the archive"
        return record
    name = f"photos/{ticket.code}-{n}.{EXTENSIONS.get(a.mime_type or '', 'bin')}"
    gathered.photos.append((name, a.sha256, record))
    return record


async def gather(uow: SqlUnitOfWork, citizen: Citizen, now: datetime) -> Gathered:
    assert citizen.id is not None
    names = {a.id: a.name for a in await uow.agencies.list(active_only=False) if a.id}
    tickets = await uow.tickets.list_for_citizen(citizen.id, limit=100_000)
    gathered = Gathered({"generated_at": _iso(now), "profile": _profile(citizen)})
    gathered.document["complaints"] = [
        await _complaint(uow, gathered, t, names) for t in reversed(tickets)
    ]
    draft = await uow.drafts.get(citizen.chat_id) if citizen.chat_id is not None else None
    gathered.document["complaint_being_written"] = (
        None
        if draft is None
        else {"step": draft.step, "data": draft.data, "started_at": _iso(draft.created_at)}
    )
    return gathered


async def build_zip(store: EvidenceStore, gathered: Gathered) -> tuple[bytes, int]:
    """The archive, and how many photos it holds (the rest are listed, marked why)."""
    buffer = io.BytesIO()
    included, room = 0, MAX_BYTES
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, sha256, record in gathered.photos:
            data = await store.get(sha256)
            if data is None:
                record["note"] = "missing from the archive"
            elif len(data) > room:
                record["note"] = "too large for one file: ask the complaint unit"
            else:
                archive.writestr(name, data)
                record["file"] = name
                room -= len(data)
                included += 1
        text = json.dumps(gathered.document, ensure_ascii=False, indent=1, default=str)
        archive.writestr("data.json", text)
    return buffer.getvalue(), included


async def serve_mydata(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    store: EvidenceStore | None,
    request: ReportRequest,
    now: datetime,
) -> bool:
    """Send the citizen's archive; False when it must wait for the evidence archive."""
    assert request.id is not None and store is not None
    citizen_id = int(request.label.removeprefix("citizen:"))
    gathered = None
    async with uow_factory() as uow:
        citizen = await uow.citizens.get(citizen_id)
        if citizen is not None and citizen.erased_at is None:
            gathered = await gather(uow, citizen, now)
    if gathered is None:
        async with uow_factory() as uow:
            await uow.report_requests.take(request.id)  # nobody left to send it to
            await uow.commit()
        return True
    if gathered.waiting and now - request.period_start < WAIT_FOR_ARCHIVE:
        return False
    data, photos = await build_zip(store, gathered)
    lang = request.language if request.language in texts.languages else texts.default
    complaints = len(gathered.document["complaints"])
    caption = texts.text(
        lang,
        "mydata-caption",
        when=texts.when(lang, now, tz_name(life)),
        complaints=complaints,
        photos=photos,
    )
    async with uow_factory() as uow:
        if not await uow.report_requests.take(request.id):
            return True  # another run sent it
        upload_id = await add_upload(uow, f"aduan-data-{citizen_id}.zip", ZIP_MIME, data)
        await uow.outbox.add(
            Outbound(
                chat_id=request.chat_id,
                kind=OutboundKind.DOCUMENT,
                text=caption,
                upload_id=upload_id,
                personal=True,
            )
        )
        await record_action(
            uow,
            Actor(Role.CITIZEN, citizen_id),
            AuditAction.DATA_EXPORT,
            request.label,
            at=now,
            after={"step": "sent", "complaints": complaints, "photos": photos},
        )
        await uow.commit()
    log.info("sent a citizen's data archive", extra={"fields": {"bytes": len(data)}})
    return True
