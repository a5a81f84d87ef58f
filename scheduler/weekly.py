"""The weekly report to the admin group (WEEKLY_REPORT, default Monday 07:00 city time), and
the /report and /export requests admins make in between.

The weekly report is due from its slot until `grace` later and is marked done per slot date
in the same transaction as its messages, so a leader that takes over late still sends it and
a second run sends nothing. A request is finished (status `done`) in the transaction that
queues its answer, for the same reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.evidence import EvidenceStore
from domain.outbound import Outbound
from domain.report_requests import ReportRequest
from domain.usecases.context import Lifecycle
from handlers.languages import Languages
from handlers.reports.periods import seven_days_before
from handlers.texts import Catalogue
from scheduler.audit_file import serve_audit_request
from scheduler.common import UowFactory, report_chats, tz_name
from scheduler.mydata import serve_mydata
from scheduler.posters import serve_poster
from scheduler.reports.deliver import (
    Target,
    build_export,
    build_report,
    queue_export,
    queue_report,
)
from storage.queries.marks import claim_mark, has_mark

log = logging.getLogger(__name__)


@dataclass
class WeeklyResult:
    due: bool = False
    sent: bool = False
    period: str | None = None
    messages: int = 0


def weekly_slot(now: datetime, tz: str, weekday: int, at: time) -> datetime:
    """The latest weekly slot at or before `now` (local weekday `weekday`, 0 = Monday)."""
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    slot = datetime.combine(day, at, zone)
    if slot > local:
        slot = datetime.combine(day - timedelta(days=7), at, zone)
    return slot


async def weekly_report(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    *,
    weekday: int = 0,
    at: time = time(7, 0),
    grace: timedelta = timedelta(hours=12),
    admin_chat_id: int | None = None,
) -> WeeklyResult:
    tz = tz_name(life)
    slot = weekly_slot(now, tz, weekday, at)
    result = WeeklyResult(due=now - slot < grace)
    if not result.due:
        return result
    slot_day: date = slot.date()
    key = slot_day.isoformat()
    async with uow_factory() as uow:
        if await has_mark(uow, "weekly", key):
            return result
        readers: dict[str, list[int]] = {}  # each chat reads the report in its language
        languages = Languages(uow, texts)
        for chat in await report_chats(uow, admin_chat_id):
            readers.setdefault(await languages.of_chat(chat), []).append(chat)
    period = seven_days_before(slot_day, tz)
    result.period = period.label
    built = {
        lang: await build_report(
            uow_factory,
            life.sla.calendar,
            texts,
            lang,
            period.start,
            period.end,
            now,
            period.label,
        )
        for lang in readers
    }
    async with uow_factory() as uow:
        if not await claim_mark(uow, "weekly", key, now):
            return result  # another run got there first
        for lang, chats in readers.items():
            targets = [Target(c) for c in chats]
            result.messages += await queue_report(uow, built[lang], targets)
        await uow.commit()
    result.sent = True
    return result


@dataclass
class RequestsResult:
    served: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


async def serve_report_requests(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    *,
    limit: int = 5,
    evidence: EvidenceStore | None = None,
) -> RequestsResult:
    """Answer pending /report, /export, /auditlog, /poster and /mydata requests, oldest first
    (/mydata reads the `evidence` archive)."""
    result = RequestsResult()
    async with uow_factory() as uow:
        pending = await uow.report_requests.pending(limit)
    for request in pending:
        assert request.id is not None
        try:
            await _serve(uow_factory, life, texts, now, request, evidence)
            result.served.append(request.id)
        except Exception as exc:  # a bad request must not block the queue behind it
            log.exception("report request %s failed", request.id)
            await _fail(uow_factory, texts, request, f"{type(exc).__name__}: {exc}")
            result.failed.append(request.id)
    return result


async def _serve(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    request: ReportRequest,
    evidence: EvidenceStore | None = None,
) -> None:
    assert request.id is not None
    lang = request.language if request.language in texts.languages else texts.default
    target = Target(request.chat_id, request.thread_id)
    start, end = request.period_start, request.period_end
    if request.kind == "audit":  # /auditlog's whole period, as a CSV file
        await serve_audit_request(uow_factory, life, texts, request)
        return
    if request.kind == "mydata":  # a citizen's own data (UU PDP), from the archive too
        await serve_mydata(uow_factory, life, texts, evidence, request, now)
        return
    if request.kind == "poster":
        await serve_poster(uow_factory, texts, request)
        return
    if request.kind == "export":
        name = f"aduan-{request.label.replace(' – ', '_')}"
        built_export = await build_export(uow_factory, tz_name(life), start, end, name)
        caption = texts.text(lang, "export-caption", period=request.label, n=built_export.rows)
        async with uow_factory() as uow:
            if await uow.report_requests.finish(request.id):
                await queue_export(uow, built_export, caption, target)
                await uow.commit()
        return
    built = await build_report(
        uow_factory, life.sla.calendar, texts, lang, start, end, now, request.label
    )
    async with uow_factory() as uow:
        if await uow.report_requests.finish(request.id):
            await queue_report(uow, built, [target])
            await uow.commit()


async def _fail(
    uow_factory: UowFactory, texts: Catalogue, request: ReportRequest, error: str
) -> None:
    assert request.id is not None
    lang = request.language if request.language in texts.languages else texts.default
    async with uow_factory() as uow:
        if await uow.report_requests.finish(request.id, failed=error[:500]):
            await uow.outbox.add(
                Outbound(
                    chat_id=request.chat_id,
                    thread_id=request.thread_id,
                    text=texts.text(lang, "mydata-failed")
                    if request.kind == "mydata"
                    else texts.text(lang, "report-failed", period=request.label),
                )
            )
            await uow.commit()
