"""The admin audit log as a CSV document in a chat: what /auditlog asks for when a period has
more entries than one message holds. Served from the report-request queue like /export, so it
is built by the scheduler's leader, off the chat's queue, and survives a restart."""

from __future__ import annotations

from datetime import datetime

from domain.model import AuditEntry
from domain.outbound import Outbound, OutboundKind
from domain.report_requests import ReportRequest
from domain.usecases.context import Lifecycle
from handlers.reports.audit_csv import CSV_MIME, audit_csv
from handlers.texts import Catalogue
from scheduler.common import UowFactory, tz_name
from storage.queries.uploads import add_upload

PAGE = 1000


async def read_audit(uow_factory: UowFactory, start: datetime, end: datetime) -> list[AuditEntry]:
    """Every entry of the period in append order, a page per read unit of work."""
    entries: list[AuditEntry] = []
    while True:
        async with uow_factory() as uow:
            after_id = entries[-1].id or 0 if entries else 0
            page = await uow.audit.between(start, end, after_id=after_id, limit=PAGE)
        entries += page
        if len(page) < PAGE:
            return entries


async def serve_audit_request(
    uow_factory: UowFactory, life: Lifecycle, texts: Catalogue, request: ReportRequest
) -> None:
    assert request.id is not None
    lang = request.language if request.language in texts.languages else texts.default
    entries = await read_audit(uow_factory, request.period_start, request.period_end)
    data = audit_csv(entries, tz_name(life))
    name = f"aduan-audit-{request.label.replace(' – ', '_')}.csv"
    async with uow_factory() as uow:
        if await uow.report_requests.finish(request.id):
            upload_id = await add_upload(uow, name, CSV_MIME, data)
            await uow.outbox.add(
                Outbound(
                    chat_id=request.chat_id,
                    kind=OutboundKind.DOCUMENT,
                    text=texts.text(lang, "audit-caption", period=request.label, n=len(entries)),
                    parse_mode=None,
                    upload_id=upload_id,
                    thread_id=request.thread_id,
                )
            )
            await uow.commit()
