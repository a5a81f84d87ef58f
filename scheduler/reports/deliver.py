"""Building a period report or export and queueing it: text, chart photos, CSV/XLSX documents.

Facts are read in their own (read) unit of work; the CPU-heavy parts (statistics, charts,
spreadsheets) run in a worker thread so the bot keeps answering chats meanwhile; the files and
the messages that carry them are then written in the caller's unit of work, in one commit.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from domain.calendar import WorkingCalendar
from domain.outbound import Outbound, OutboundKind
from handlers.texts import Catalogue, message_parts
from scheduler.common import UowFactory
from scheduler.reports.charts import Chart, render_charts
from scheduler.reports.files import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes
from scheduler.reports.render import render_report
from scheduler.reports.stats import PeriodReport, compute_report
from storage.queries.export import export_rows
from storage.queries.report import period_facts
from storage.queries.uploads import add_upload
from storage.uow import SqlUnitOfWork


@dataclass(frozen=True)
class Target:
    """Where a report goes: a chat, and a forum topic in it if it came from one."""

    chat_id: int
    thread_id: int | None = None


@dataclass
class BuiltReport:
    report: PeriodReport
    text: Markup
    charts: list[Chart]


@dataclass
class BuiltExport:
    name: str  # file name without extension
    csv: bytes
    xlsx: bytes
    rows: int


async def build_report(
    uow_factory: UowFactory,
    calendar: WorkingCalendar,
    texts: Catalogue,
    lang: str,
    start: datetime,
    end: datetime,
    now: datetime,
    label: str,
    *,
    charts: bool = True,
) -> BuiltReport:
    async with uow_factory() as uow:
        facts = await period_facts(uow, start, end)

    def compute() -> BuiltReport:
        report = compute_report(facts, start, end, now, calendar)
        text = render_report(texts, lang, report, label)
        drawn = render_charts(texts, lang, report, label) if charts else []
        return BuiltReport(report, text, drawn)

    return await asyncio.to_thread(compute)


async def build_export(
    uow_factory: UowFactory, tz: str, start: datetime, end: datetime, name: str
) -> BuiltExport:
    async with uow_factory() as uow:
        chunks = [chunk async for chunk in export_rows(uow, start, end)]

    def files() -> BuiltExport:
        rows = sum(len(c) for c in chunks)
        return BuiltExport(name, csv_bytes(chunks, tz), xlsx_bytes(chunks, tz), rows)

    return await asyncio.to_thread(files)


async def queue_report(uow: SqlUnitOfWork, built: BuiltReport, targets: list[Target]) -> int:
    """The text, then one photo per chart, to every target; each PNG stored once."""
    messages = [
        part
        for t in targets
        for part in message_parts(
            Outbound(chat_id=t.chat_id, text=built.text, thread_id=t.thread_id)
        )
    ]
    for chart in built.charts:
        upload_id = await add_upload(uow, chart.name, "image/png", chart.png)
        messages += [
            Outbound(
                chat_id=t.chat_id,
                kind=OutboundKind.PHOTO,
                text=chart.title,
                parse_mode=None,
                upload_id=upload_id,
                thread_id=t.thread_id,
            )
            for t in targets
        ]
    await uow.outbox.add_all(_per_chat_order(messages))
    return len(messages)


async def queue_export(
    uow: SqlUnitOfWork, built: BuiltExport, caption: Markup, target: Target
) -> int:
    messages = []
    for ext, mime, data in (("csv", CSV_MIME, built.csv), ("xlsx", XLSX_MIME, built.xlsx)):
        upload_id = await add_upload(uow, f"{built.name}.{ext}", mime, data)
        messages.append(
            Outbound(
                chat_id=target.chat_id,
                kind=OutboundKind.DOCUMENT,
                text=caption,
                upload_id=upload_id,
                thread_id=target.thread_id,
            )
        )
    await uow.outbox.add_all(messages)
    return len(messages)


def _per_chat_order(messages: list[Outbound]) -> list[Outbound]:
    """Each chat reads text first, then the charts in order (the outbox keeps insert order)."""
    return sorted(messages, key=lambda m: m.chat_id)
