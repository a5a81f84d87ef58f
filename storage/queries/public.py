"""What the public site and the Open311 API may read: public complaints, and nothing personal.

A complaint is public when its citizen chose "public" and the complaint unit has verified it
(or its category auto-verifies): an unverified one may still be spam or abuse. The columns
selected here are the whole of what leaves through the public web; the citizen, their phone,
the address they typed, staff and internal notes are never selected at all. Coordinates are
rounded to three decimals (about 100 m) before they leave this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select

from storage.tables import (
    AssignmentRow,
    EvidenceDownloadRow,
    TicketEventRow,
    TicketRow,
    table_of,
)
from storage.uow import SqlUnitOfWork

TICKETS = table_of(TicketRow)
SHARES = table_of(AssignmentRow)
EVENTS = table_of(TicketEventRow)
DOWNLOADS = table_of(EvidenceDownloadRow)

NEVER_PUBLIC = ("rejected", "cancelled")
COORDINATE_DECIMALS = 3  # 0.001° is about 111 m of latitude (and of longitude at the equator)
# Timeline entries shown to the public, and the only ones whose text is shown: what an agency
# said to the citizen and how it documented the fix. Questions, the citizen's own messages,
# reasons and internal notes stay out.
PUBLIC_ACTIONS = frozenset(
    {
        "submit",
        "verify",
        "dispatch",
        "transfer",
        "claim",
        "reply",
        "request_info",
        "citizen_add_info",
        "resolve",
        "confirm",
        "reopen",
        "rate",
        "auto_close",
    }
)
TEXT_ACTIONS = frozenset({"reply", "resolve"})
SENDING_ACTIONS = frozenset({"submit", "verify", "dispatch", "transfer"})


@dataclass(frozen=True)
class PublicShare:
    agency_id: int
    status: str
    stage: str | None
    deadline: datetime | None


@dataclass
class PublicComplaint:
    id: int
    code: str
    category_id: int
    status: str
    description: str
    created_at: datetime
    updated_at: datetime
    latitude: float | None
    longitude: float | None
    rating: int | None
    shares: list[PublicShare] = field(default_factory=list)

    @property
    def agency_ids(self) -> list[int]:
        """Agencies holding (or having held) a share, handed-back ones excluded."""
        return list(dict.fromkeys(s.agency_id for s in self.shares if s.status != "handed_back"))


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    action: str
    agency_ids: tuple[int, ...]  # the agency acting, or those it was sent to
    text: str | None  # only for TEXT_ACTIONS
    rating: int | None
    id: int | None = None  # its photos are shown with it (storage.queries.public_photos)


@dataclass(frozen=True)
class ComplaintFilter:
    category_ids: Sequence[int] = ()
    agency_id: int | None = None
    statuses: Sequence[str] = ()
    created_from: datetime | None = None  # inclusive
    created_to: datetime | None = None  # exclusive
    codes: Sequence[str] = ()


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS)


def is_public() -> ColumnElement[bool]:
    t = TICKETS
    return and_(
        t.c.public.is_(True),
        t.c.verified_at.is_not(None),
        t.c.status.not_in(NEVER_PUBLIC),
    )


def _where(f: ComplaintFilter) -> list[ColumnElement[bool]]:
    t = TICKETS
    where = [is_public()]
    if f.category_ids:
        where.append(t.c.category_id.in_(list(f.category_ids)))
    if f.agency_id is not None:
        where.append(
            exists().where(
                SHARES.c.ticket_id == t.c.id,
                SHARES.c.agency_id == f.agency_id,
                SHARES.c.status != "handed_back",
            )
        )
    if f.statuses:
        where.append(t.c.status.in_(list(f.statuses)))
    if f.created_from is not None:
        where.append(t.c.created_at >= f.created_from)
    if f.created_to is not None:
        where.append(t.c.created_at < f.created_to)
    if f.codes:
        where.append(t.c.code.in_(list(f.codes)))
    return where


def _columns() -> Select[Any]:
    t = TICKETS
    return select(
        t.c.id,
        t.c.code,
        t.c.category_id,
        t.c.status,
        t.c.description,
        t.c.created_at,
        t.c.updated_at,
        t.c.latitude,
        t.c.longitude,
        t.c.rating,
    )


def _complaint(row: Any) -> PublicComplaint:
    return PublicComplaint(
        id=row.id,
        code=row.code,
        category_id=row.category_id,
        status=row.status,
        description=row.description,
        created_at=row.created_at,
        updated_at=row.updated_at,
        latitude=rounded(row.latitude),
        longitude=rounded(row.longitude),
        rating=row.rating,
    )


async def _attach_shares(uow: SqlUnitOfWork, complaints: list[PublicComplaint]) -> None:
    by_id = {c.id: c for c in complaints}
    if not by_id:
        return
    s = SHARES
    rows = await uow.session.execute(
        select(s.c.ticket_id, s.c.agency_id, s.c.status, s.c.stage, s.c.deadline)
        .where(s.c.ticket_id.in_(list(by_id)))
        .order_by(s.c.id)
    )
    for r in rows:
        by_id[r.ticket_id].shares.append(PublicShare(r.agency_id, r.status, r.stage, r.deadline))


async def list_public(
    uow: SqlUnitOfWork, f: ComplaintFilter, *, limit: int, offset: int = 0
) -> list[PublicComplaint]:
    """Newest first (then by id, so pages never overlap when two share a second)."""
    t = TICKETS
    stmt = (
        _columns()
        .where(*_where(f))
        .order_by(t.c.created_at.desc(), t.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    complaints = [_complaint(r) for r in await uow.session.execute(stmt)]
    await _attach_shares(uow, complaints)
    return complaints


async def count_public(uow: SqlUnitOfWork, f: ComplaintFilter) -> int:
    stmt = select(func.count()).select_from(TICKETS).where(*_where(f))
    return int((await uow.session.execute(stmt)).scalar_one())


async def public_complaint(uow: SqlUnitOfWork, code: str) -> PublicComplaint | None:
    """The complaint if it is public; None for a private, unverified or unknown code alike."""
    rows = await list_public(uow, ComplaintFilter(codes=[code]), limit=1)
    return rows[0] if rows else None


async def public_timeline(uow: SqlUnitOfWork, ticket_id: int) -> list[PublicEvent]:
    e = EVENTS
    rows = await uow.session.execute(
        select(e.c.id, e.c.at, e.c.action, e.c.agency_id, e.c.text, e.c.data)
        .where(e.c.ticket_id == ticket_id, e.c.public.is_(True), e.c.action.in_(PUBLIC_ACTIONS))
        .order_by(e.c.at, e.c.id)
    )
    events = []
    for r in rows:
        data = r.data or {}
        rating = data.get("rating") if r.action in ("confirm", "rate") else None
        sent_to = data.get("dispatched_to") if r.action in SENDING_ACTIONS else None
        if isinstance(sent_to, list) and all(isinstance(a, int) for a in sent_to):
            agency_ids = tuple(sent_to)
        else:
            agency_ids = (r.agency_id,) if r.agency_id is not None else ()
        events.append(
            PublicEvent(
                at=r.at,
                action=r.action,
                agency_ids=agency_ids,
                text=r.text if r.action in TEXT_ACTIONS else None,
                rating=rating if isinstance(rating, int) else None,
                id=r.id,
            )
        )
    return events


async def resolution_notes(uow: SqlUnitOfWork, ticket_ids: Iterable[int]) -> dict[int, str]:
    """The newest resolution note of each ticket (Open311's `status_notes` once resolved)."""
    ids = list(ticket_ids)
    if not ids:
        return {}
    e = EVENTS
    rows = await uow.session.execute(
        select(e.c.ticket_id, e.c.text)
        .where(e.c.ticket_id.in_(ids), e.c.action == "resolve", e.c.public.is_(True))
        .order_by(e.c.ticket_id, e.c.at, e.c.id)
    )
    return {r.ticket_id: r.text for r in rows if r.text}


async def data_version(uow: SqlUnitOfWork) -> tuple[int, int, str]:
    """Changes when any ticket is filed or changes state (every change writes an event), and
    when a photo is archived (one a page may now show).

    Three indexed maxima, so it costs three index lookups whatever the size of the city.
    """
    tickets = (await uow.session.execute(select(func.max(TICKETS.c.id)))).scalar()
    events = (await uow.session.execute(select(func.max(EVENTS.c.id)))).scalar()
    archived = (await uow.session.execute(select(func.max(DOWNLOADS.c.done_at)))).scalar()
    return int(tickets or 0), int(events or 0), archived.isoformat() if archived else ""
