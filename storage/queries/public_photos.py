"""Which archived photos the public may see: one rule, used by the complaint page, Open311's
`media_url` and the route serving the bytes (so a photo is served only if a page shows it).

A photo is public when its complaint is public (storage.queries.public.is_public) and either
- an agency attached it to a public reply or resolution (or to the rest of such an album):
  the documented fix the public should be able to check; or
- the citizen filed it with the complaint they chose to make public. What a citizen sends
  later, answering a question, stays private like the answer's text (it may show their home
  or a document), and so does anything attached to an internal note.

Only archived bytes of the image types the site re-encodes (without their metadata) count:
a photo not archived yet simply does not show yet, and an attachment whose hash was erased
(retention, a citizen's erasure) no longer matches anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select

from storage.queries.public import TICKETS, is_public
from storage.tables import AttachmentRow, TicketEventRow, table_of
from storage.uow import SqlUnitOfWork

ATTACHMENTS = table_of(AttachmentRow)
EVENTS = table_of(TicketEventRow)

SHOWN_TYPES = ("image/jpeg", "image/png", "image/webp")
AGENCY_PHOTO_ACTIONS = ("reply", "resolve", "album_photos")
CITIZEN_PHOTO_ACTIONS = ("submit",)


@dataclass(frozen=True)
class PublicPhoto:
    sha256: str
    mime_type: str
    by_citizen: bool
    event_id: int | None  # the timeline entry it belongs to (an album's first event)


def _shown() -> ColumnElement[bool]:
    a, e = ATTACHMENTS, EVENTS
    return and_(
        is_public(),
        a.c.sha256.is_not(None),
        a.c.mime_type.in_(SHOWN_TYPES),
        e.c.public.is_(True),
        or_(
            and_(a.c.uploaded_by_role != "citizen", e.c.action.in_(AGENCY_PHOTO_ACTIONS)),
            and_(a.c.uploaded_by_role == "citizen", e.c.action.in_(CITIZEN_PHOTO_ACTIONS)),
        ),
    )


def _joined(*columns: Any) -> Any:
    a, e, t = ATTACHMENTS, EVENTS, TICKETS
    return (
        select(*columns)
        .select_from(a)
        .join(t, t.c.id == a.c.ticket_id)
        .join(e, e.c.id == a.c.event_id)
        .where(_shown())
    )


async def public_photos(uow: SqlUnitOfWork, ticket_id: int) -> list[PublicPhoto]:
    """The public photos of one public complaint, in the order they were attached (each
    sha256 once: the same picture sent twice shows once)."""
    a, e = ATTACHMENTS, EVENTS
    rows = await uow.session.execute(
        _joined(a.c.sha256, a.c.mime_type, a.c.uploaded_by_role, a.c.event_id, e.c.action, e.c.data)
        .where(a.c.ticket_id == ticket_id)
        .order_by(a.c.id)
    )
    photos: dict[str, PublicPhoto] = {}
    for r in rows:
        event_id = r.event_id
        if r.action == "album_photos":
            first = (r.data or {}).get("album_event_id")
            event_id = first if isinstance(first, int) else event_id
        photos.setdefault(
            r.sha256, PublicPhoto(r.sha256, r.mime_type, r.uploaded_by_role == "citizen", event_id)
        )
    return list(photos.values())


async def first_public_photos(
    uow: SqlUnitOfWork, ticket_ids: Iterable[int]
) -> dict[int, list[str]]:
    """Each complaint's public photos (sha256, oldest first), for Open311's `media_url`."""
    ids = list(ticket_ids)
    if not ids:
        return {}
    a = ATTACHMENTS
    rows = await uow.session.execute(
        _joined(a.c.ticket_id, a.c.sha256).where(a.c.ticket_id.in_(ids)).order_by(a.c.id)
    )
    found: dict[int, list[str]] = {}
    for r in rows:
        shas = found.setdefault(r.ticket_id, [])
        if r.sha256 not in shas:
            shas.append(r.sha256)
    return found


async def public_photo_type(uow: SqlUnitOfWork, sha256: str) -> str | None:
    """The MIME type of these bytes if some public page shows them, else None."""
    a = ATTACHMENTS
    row = (
        await uow.session.execute(_joined(a.c.mime_type).where(a.c.sha256 == sha256).limit(1))
    ).first()
    return None if row is None else str(row.mime_type)
