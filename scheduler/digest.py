"""The daily digest: each agency group gets, at DIGEST_TIME city time, its open tickets by
status, the ones due today and the overdue ones with their age. Nothing is sent when there is
nothing to say.

The job is due from DIGEST_TIME until `grace` later, and a marker per agency per local date,
committed with the message, makes it run once: a leader that takes over at 08:03 still sends
the 08:00 digest, and a second run sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from markupsafe import Markup

from domain.model import Agency
from domain.outbound import Outbound
from domain.usecases.context import Lifecycle
from handlers.languages import Languages
from handlers.texts import Catalogue, lines, queue
from scheduler.common import UowFactory, group_of, tz_name
from scheduler.wording import age_text
from storage.queries.digest import OpenWork, open_shares, open_verifications
from storage.queries.marks import claim_mark
from storage.uow import SqlUnitOfWork

MAX_LINES = 15  # per list; the rest is a count, so a digest stays one readable message
STATUS_ORDER = ("submitted", "on_hold", "dispatched", "in_progress", "need_info")


@dataclass
class DigestResult:
    due: bool = False  # inside today's digest window
    sent: list[int] = field(default_factory=list)  # agency ids that got a digest
    quiet: list[int] = field(default_factory=list)  # agency ids with nothing to say


@dataclass
class Digest:
    by_status: dict[str, int]
    due_today: list[OpenWork]
    overdue: list[OpenWork]

    @property
    def empty(self) -> bool:
        return not self.by_status


def digest_window(now: datetime, tz: str, at: time, grace: timedelta) -> date | None:
    """The local date whose digest is due at `now`, if `now` is inside its window."""
    local = now.astimezone(ZoneInfo(tz))
    slot = datetime.combine(local.date(), at, ZoneInfo(tz))
    return local.date() if slot <= local < slot + grace else None


def build_digest(work: list[OpenWork], now: datetime, tz: str) -> Digest:
    """Counts by status; running clocks due before local midnight, or already past due."""
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), zone)
    by_status: dict[str, int] = {}
    due_today: list[OpenWork] = []
    overdue: list[OpenWork] = []
    for item in work:
        by_status[item.status] = by_status.get(item.status, 0) + 1
        if item.paused or item.deadline is None:
            continue
        if item.deadline < now:
            overdue.append(item)
        elif item.deadline < midnight:
            due_today.append(item)
    return Digest(by_status, due_today, overdue)


def render_digest(
    texts: Catalogue, lang: str, agency: Agency, digest: Digest, now: datetime, tz: str
) -> Markup:
    t = texts.text
    parts = [t(lang, "sched-digest-title", agency=agency.name, date=_day(texts, lang, now, tz))]
    counts = [
        t(lang, f"sched-status-{status.replace('_', '-')}", n=digest.by_status[status])
        for status in STATUS_ORDER
        if status in digest.by_status
    ]
    parts.append(t(lang, "sched-digest-open", total=sum(digest.by_status.values())))
    parts.append(Markup(" · ").join(counts))
    if digest.due_today:
        parts.append(Markup(""))
        parts.append(t(lang, "sched-digest-due-today", n=len(digest.due_today)))
        for item in digest.due_today[:MAX_LINES]:
            when = item.deadline.astimezone(ZoneInfo(tz)) if item.deadline else now
            parts.append(t(lang, "sched-digest-due-line", code=item.code, time=f"{when:%H:%M}"))
        parts.extend(_more(texts, lang, len(digest.due_today)))
    if digest.overdue:
        parts.append(Markup(""))
        parts.append(t(lang, "sched-digest-overdue", n=len(digest.overdue)))
        for item in digest.overdue[:MAX_LINES]:
            parts.append(
                t(
                    lang,
                    "sched-digest-overdue-line",
                    code=item.code,
                    age=age_text(texts, lang, now - item.filed_at),
                    late=age_text(texts, lang, now - (item.deadline or now)),
                )
            )
        parts.extend(_more(texts, lang, len(digest.overdue)))
    return lines(parts)


def _more(texts: Catalogue, lang: str, total: int) -> list[Markup]:
    return [texts.text(lang, "sched-more", n=total - MAX_LINES)] if total > MAX_LINES else []


def _day(texts: Catalogue, lang: str, now: datetime, tz: str) -> str:
    return format_date(now.astimezone(ZoneInfo(tz)).date(), "EEEE d MMMM y", locale=lang)


async def daily_digest(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    *,
    at: time = time(8, 0),
    grace: timedelta = timedelta(hours=4),
) -> DigestResult:
    tz = tz_name(life)
    day = digest_window(now, tz, at, grace)
    result = DigestResult(due=day is not None)
    if day is None:
        return result
    async with uow_factory() as uow:
        agencies = [a for a in await uow.agencies.list() if group_of(a) is not None]
    for agency in agencies:
        async with uow_factory() as uow:
            if not await claim_mark(uow, "digest", f"{agency.id}:{day.isoformat()}", now):
                continue  # already done today
            sent = await _send_digest(uow, texts, agency, now, tz)
            await uow.commit()
        assert agency.id is not None
        (result.sent if sent else result.quiet).append(agency.id)
    return result


async def _send_digest(
    uow: SqlUnitOfWork, texts: Catalogue, agency: Agency, now: datetime, tz: str
) -> bool:
    assert agency.id is not None and agency.group_chat_id is not None
    if agency.is_complaint_unit:
        work = await open_verifications(uow)
    else:
        work = await open_shares(uow, agency.id)
    digest = build_digest(work, now, tz)
    if digest.empty:
        return False
    lang = await Languages(uow, texts).of_chat(agency.group_chat_id)
    text = render_digest(texts, lang, agency, digest, now, tz)
    await queue(uow.outbox, Outbound(chat_id=agency.group_chat_id, text=text, agency_id=agency.id))
    return True
