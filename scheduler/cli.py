"""`aduan report` and `aduan export`: the same report and files as /report and /export, from
the command line (for the city's analysts, cron jobs, or when Telegram is down).

Settings are read by attribute (DATABASE_URL, TIMEZONE, WORKING_HOURS, EXTRA_HOLIDAYS) so this
module does not import the bot package that registers it; bot.cli has already resolved TIMEZONE
with the seeded city file. Exports show a rich progress bar on stderr, so stdout stays clean for
pipes.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.audit import AuditAction, Operator, record_action
from domain.calendar import WorkingCalendar
from handlers.reports.periods import BadPeriod, Period, parse_period
from handlers.texts import default_catalogue
from scheduler.reports.charts import Chart
from scheduler.reports.deliver import build_report
from scheduler.reports.files import csv_bytes, xlsx_bytes
from storage.database import Database
from storage.queries.export import count_tickets, export_rows


class PeriodError(ValueError):
    pass


def _calendar(settings: Any) -> WorkingCalendar:
    hours = settings.working_hours
    return WorkingCalendar(
        tz=settings.timezone,
        work_start=hours.start,
        work_end=hours.end,
        extra_holidays=settings.extra_holidays,
    )


def _period(words: list[str], tz: str) -> Period:
    try:
        return parse_period("..".join(words) if len(words) == 2 else " ".join(words), _now(), tz)
    except BadPeriod as exc:
        raise PeriodError(f"not a period: {' '.join(words)!r} (week, month or FROM TO)") from exc


def _now() -> datetime:
    return datetime.now(UTC)


async def report_command(settings: Any, args: argparse.Namespace) -> str:
    """Print the report; with --out, also write its charts there as PNG files."""
    period = _period(args.period, settings.timezone)
    db = Database(settings.database_url)
    try:
        built = await build_report(
            db.uow,
            _calendar(settings),
            default_catalogue(),
            args.lang,
            period.start,
            period.end,
            _now(),
            period.label,
            charts=args.out is not None,
        )
    finally:
        await db.dispose()
    if args.out is not None:
        await asyncio.to_thread(_write_charts, Path(args.out), built.charts)
    return built.text


def _write_charts(out: Path, charts: list[Chart]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        (out / chart.name).write_bytes(chart.png)


def _write_export(
    stem: str, chunks: list[list[dict[str, Any]]], tz: str, formats: str
) -> list[str]:
    Path(stem).parent.mkdir(parents=True, exist_ok=True)
    written = []
    if formats in ("csv", "both"):
        Path(f"{stem}.csv").write_bytes(csv_bytes(chunks, tz))
        written.append(f"{stem}.csv")
    if formats in ("xlsx", "both"):
        Path(f"{stem}.xlsx").write_bytes(xlsx_bytes(chunks, tz))
        written.append(f"{stem}.xlsx")
    return written


async def export_command(settings: Any, args: argparse.Namespace) -> str:
    """Write the period's tickets as CSV and XLSX files, with a progress bar."""
    from rich.progress import Progress

    period = _period(args.period, settings.timezone)
    stem = str(
        Path(args.out or ".") / f"aduan-{period.first.isoformat()}_{period.last.isoformat()}"
    )
    db = Database(settings.database_url)
    chunks: list[list[dict[str, Any]]] = []
    try:
        async with db.uow(read_only=True) as uow:
            total = await count_tickets(uow, period.start, period.end)
            with Progress(transient=True) as progress:
                task = progress.add_task("reading tickets", total=total or None)
                async for chunk in export_rows(uow, period.start, period.end):
                    chunks.append(chunk)
                    progress.advance(task, len(chunk))
    finally:
        await db.dispose()
    written = await asyncio.to_thread(_write_export, stem, chunks, settings.timezone, args.format)
    rows = sum(len(c) for c in chunks)
    await _audit_export(settings, period, rows, written)
    return f"{rows} tickets ({period.label}) -> {', '.join(written)}"


async def _audit_export(settings: Any, period: Period, rows: int, written: list[str]) -> None:
    """An export leaves the system: the audit log says who took which period, and where."""
    after = {"from": period.first.isoformat(), "to": period.last.isoformat(), "tickets": rows}
    after["files"] = [Path(name).name for name in written]
    db = Database(settings.database_url)
    try:
        async with db.uow() as uow:
            await record_action(
                uow, Operator.current(), AuditAction.EXPORT_WRITE, "tickets", at=_now(), after=after
            )
            await uow.commit()
    finally:
        await db.dispose()


def add_parsers(commands: argparse._SubParsersAction, run_async: Callable[..., Any]) -> None:
    """`report` and `export`; `run_async(args, coroutine_factory)` runs one with settings."""
    report = commands.add_parser(
        "report",
        help="print a period report (and write its charts)",
        description="Print the complaint report for PERIOD: week (the last full week, the "
        "default), month (the last calendar month) or FROM TO (YYYY-MM-DD, inclusive).",
    )
    report.add_argument("period", nargs="*", metavar="PERIOD", default=[])
    report.add_argument("--out", metavar="DIR", help="also write the charts (PNG) into DIR")
    report.add_argument("--lang", choices=("id", "en"), default="id")
    report.set_defaults(handler=lambda a: run_async(a, lambda s: report_command(s, a)))
    export = commands.add_parser(
        "export",
        help="write a period's tickets as CSV and XLSX",
        description="Write the tickets filed in PERIOD (week, month or FROM TO) to "
        "aduan-FROM_TO.csv / .xlsx; no personal data is exported.",
    )
    export.add_argument("period", nargs="*", metavar="PERIOD", default=[])
    export.add_argument("--out", metavar="DIR", help="folder for the files (default: .)")
    export.add_argument("--format", choices=("csv", "xlsx", "both"), default="both")
    export.set_defaults(handler=lambda a: run_async(a, lambda s: export_command(s, a)))
