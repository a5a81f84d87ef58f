"""Report periods in city time, and `aduan report` / `aduan export` on a real database."""

from __future__ import annotations

import argparse
import asyncio
import csv
from datetime import date, time
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from handlers.reports.periods import BadPeriod, Period, parse_period
from scheduler import cli
from storage.database import Database
from tests.backends import sqlite_file
from tests.scheduler.report_fixture import load_week
from tests.scheduler.test_report import png_size
from tests.usecases.world import build_world, wib

TZ = "Asia/Jakarta"


def test_periods_are_local_days() -> None:
    now = wib(11, 10)  # Wednesday 11 November 2026
    week = parse_period(None, now, TZ)
    assert (week.first, week.last) == (date(2026, 11, 2), date(2026, 11, 8))
    assert week.start == wib(2, 0) and week.end == wib(9, 0)  # Jakarta midnights, in UTC
    month = parse_period("month", now, TZ)
    assert (month.first, month.last, month.days) == (date(2026, 10, 1), date(2026, 10, 31), 31)
    explicit = parse_period("2026-11-03..2026-11-05", now, TZ)
    assert explicit == Period(date(2026, 11, 3), date(2026, 11, 5), TZ)
    assert parse_period("2026-11-03 2026-11-05", now, TZ) == explicit
    assert explicit.label == "2026-11-03 – 2026-11-05"


@pytest.mark.parametrize(
    "text",
    ["yesterday", "2026-11-05..2026-11-03", "2026-13-01..2026-13-02", "2025-01-01..2026-06-01"],
)
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(BadPeriod):
        parse_period(text, wib(11, 10), TZ)


@pytest.fixture
async def city_db(tmp_path: Path) -> str:
    async with sqlite_file(tmp_path) as path:
        url = f"sqlite+aiosqlite:///{path}"
        db = Database(url)
        try:
            world = await build_world(db.uow)
            await load_week(world)
        finally:
            await db.dispose()
        return url


def settings(url: str) -> SimpleNamespace:
    return SimpleNamespace(
        database_url=url,
        timezone=TZ,
        working_hours=SimpleNamespace(start=time(8), end=time(16)),
        extra_holidays=(),
    )


async def test_cli_report_prints_the_numbers_and_writes_charts(
    city_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "charts"
    args = argparse.Namespace(period=["2026-11-02", "2026-11-08"], out=str(out), lang="en")
    text = await cli.report_command(settings(city_db), args)
    assert "Received 30 · resolved 15 (50%)" in text
    written = sorted(p.name for p in await asyncio.to_thread(lambda: list(out.iterdir())))
    assert written == ["categories.png", "per_day.png", "sla_compliance.png"]
    assert png_size(await asyncio.to_thread((out / "per_day.png").read_bytes)) == (900, 500)


async def test_cli_export_writes_csv_and_xlsx(city_db: str, tmp_path: Path) -> None:
    args = argparse.Namespace(period=["2026-11-02", "2026-11-08"], out=str(tmp_path), format="both")
    summary = await cli.export_command(settings(city_db), args)
    assert summary.startswith("30 tickets (2026-11-02 – 2026-11-08)")
    rows, cells = read_export(tmp_path / "aduan-2026-11-02_2026-11-08")
    assert len(rows) == len(cells) == 31 and rows[0] == [c for c in cells[0]]


def read_export(stem: Path) -> tuple[list[list[str]], list[tuple[object, ...]]]:
    with open(f"{stem}.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    sheet = load_workbook(f"{stem}.xlsx", read_only=True)["tickets"]
    return rows, list(sheet.iter_rows(values_only=True))
