"""The weekly report's numbers against a hand-counted week (report_fixture.py), its charts
(valid PNGs with the expected titles), the weekly job, and CSV/XLSX exports round-tripping."""

from __future__ import annotations

import csv
import io
import struct
from datetime import date

import pytest
from openpyxl import load_workbook

from domain.outbound import OutboundKind
from domain.report_requests import ReportRequest
from handlers.reports.periods import Period
from handlers.texts import Catalogue
from scheduler.reports.deliver import BuiltReport, build_export, build_report
from scheduler.reports.files import header
from scheduler.weekly import serve_report_requests, weekly_report
from storage.queries.uploads import load_upload
from tests.scheduler.conftest import outbox_after, outbox_mark
from tests.scheduler.report_fixture import load_week
from tests.usecases.world import World, wib

WEEK = Period(date(2026, 11, 2), date(2026, 11, 8), "Asia/Jakarta")
REPORT_TIME = wib(9, 7)  # Monday 07:00, the default WEEKLY_REPORT slot


@pytest.fixture
async def week(world: World) -> World:
    await load_week(world)
    return world


async def built(
    world: World, texts: Catalogue, lang: str = "id", *, charts: bool = False
) -> BuiltReport:
    return await build_report(
        world.factory,
        world.life.sla.calendar,
        texts,
        lang,
        WEEK.start,
        WEEK.end,
        REPORT_TIME,
        WEEK.label,
        charts=charts,
    )


async def test_city_numbers_match_the_hand_count(week: World, texts: Catalogue) -> None:
    r = (await built(week, texts)).report
    assert (r.received, r.resolved, r.in_process, r.overdue, r.rejected) == (30, 15, 12, 3, 2)
    assert r.resolved_pct == 50
    assert r.timing.median_first_response == 1.5
    assert r.timing.within_one_day_pct == 95
    assert r.timing.median_resolution == 48
    assert (r.answers.yes, r.answers.no, r.answers.reopens) == (12, 3, 3)
    assert r.answers.yes_pct == 80 and r.answers.mean_rating == 4.0
    assert r.categories == [("Sampah", 12), ("Jalan rusak", 11), ("Lainnya", 7)]
    assert [(d.day, received, resolved) for d, received, resolved in r.per_day] == [
        (2, 7, 1),
        (3, 4, 3),
        (4, 5, 6),
        (5, 6, 1),
        (6, 4, 0),
        (7, 2, 5),
        (8, 2, 0),
    ]


async def test_agency_numbers_and_league_table(week: World, texts: Catalogue) -> None:
    env, roads = (await built(week, texts)).report.agencies  # env leads the league
    assert (env.name, roads.name) == (week.env.name, week.roads.name)

    assert (roads.received, roads.resolved, roads.in_process, roads.overdue) == (11, 8, 3, 1)
    assert roads.compliant == 9 and round(roads.compliance_pct or 0, 1) == 81.8
    assert roads.timing.median_first_response == 2
    assert roads.timing.within_one_day_pct == 90
    assert roads.timing.median_resolution == 24
    assert (roads.answers.yes, roads.answers.no, roads.answers.reopens) == (6, 1, 1)
    assert round(roads.answers.mean_rating or 0, 2) == 4.33

    assert (env.received, env.resolved, env.in_process, env.overdue) == (14, 8, 6, 1)
    assert env.compliant == 12 and round(env.compliance_pct or 0, 1) == 85.7
    assert env.timing.median_first_response == 1
    assert env.timing.within_one_day_pct == 100
    assert env.timing.median_resolution == 48
    assert (env.answers.yes, env.answers.no, env.answers.mean_rating) == (6, 2, 3.5)


async def test_report_text(week: World, texts: Catalogue) -> None:
    text = (await built(week, texts)).text
    assert "Laporan pengaduan, 2026-11-02 – 2026-11-08" in text
    assert "Diterima 30 · selesai 15 (50%) · diproses 12 · terlambat 3 · ditolak 2" in text
    assert "median 1,5 jam, 95% dalam 1 hari kerja · penyelesaian: median 2 hari" in text
    assert "80% menyatakan selesai (ya 12, tidak 3) · rata-rata nilai 4,0 · dibuka ulang 3" in text
    assert "1. Sampah: 12" in text
    env_line, roads_line = [line for line in text.splitlines() if " — SLA " in line]
    assert env_line.startswith(f"1. {week.env.name} — SLA 86%")
    assert roads_line.startswith(f"2. {week.roads.name} — SLA 82%")
    assert "diterima 11 · selesai 73% · diproses 3 · terlambat 1" in roads_line
    english = (await built(week, texts, "en")).text
    assert "Received 30 · resolved 15 (50%)" in english and len(english) <= 4096


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def png_text(data: bytes) -> dict[str, str]:
    """The PNG's tEXt / iTXt chunks (matplotlib writes `metadata` there; iTXt for text
    beyond Latin-1, like the en dash in a period)."""
    found, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            found[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":  # key \0 flag method language \0 translated \0 text
            key, _, rest = body.partition(b"\0")
            assert rest[0] == 0, "compressed iTXt"
            text = rest[2:].split(b"\0", 2)[2]
            found[key.decode("latin-1")] = text.decode("utf-8")
        at += 12 + length
    return found


async def test_charts_are_pngs_with_their_titles(week: World, texts: Catalogue) -> None:
    charts = (await built(week, texts, charts=True)).charts
    assert [c.name for c in charts] == ["per_day.png", "sla_compliance.png", "categories.png"]
    titles = [png_text(c.png)["Title"] for c in charts]
    assert titles == [
        "Aduan per hari, 2026-11-02 – 2026-11-08",
        "Kepatuhan SLA per instansi, 2026-11-02 – 2026-11-08",
        "Aduan per kategori, 2026-11-02 – 2026-11-08",
    ]
    for chart in charts:
        assert png_size(chart.png) == (900, 500)
        assert len(chart.png) > 10_000  # drawn, not blank


async def test_weekly_job_sends_once_to_the_admin_group(week: World, texts: Catalogue) -> None:
    early = await weekly_report(week.factory, week.life, texts, wib(9, 6, 59))
    assert not early.due  # last Monday's slot is long past; this Monday's not yet
    before = await outbox_mark(week)
    result = await weekly_report(week.factory, week.life, texts, REPORT_TIME)
    assert result.sent and result.period == WEEK.label
    sent = await outbox_after(week, before)
    assert [m.chat_id for m in sent] == [-1001] * 4
    assert [m.kind for m in sent] == [OutboundKind.TEXT] + [OutboundKind.PHOTO] * 3
    assert "Diterima 30" in (sent[0].text or "")
    async with week.factory() as uow:
        photo = await load_upload(uow, sent[1].upload_id or 0)
    assert photo is not None and photo.mime_type == "image/png"
    again = await weekly_report(week.factory, week.life, texts, wib(9, 8))
    assert not again.sent and await outbox_mark(week) == before + 4


async def test_export_round_trips_through_csv_and_xlsx(week: World, texts: Catalogue) -> None:
    export = await build_export(week.factory, "Asia/Jakarta", WEEK.start, WEEK.end, "x")
    assert export.rows == 30
    rows = list(csv.reader(io.StringIO(export.csv.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(export.xlsx), read_only=True)["tickets"]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == cells[0] == header("Asia/Jakarta")
    assert len(rows) == len(cells) == 31
    by_code = {r[0]: r for r in rows[1:]}
    assert set(by_code) == {
        f"ADU-{c}"
        for c in (
            *(f"R{i}" for i in range(1, 11)),
            "M1",
            "H1",
            *(f"E{i}" for i in range(1, 13)),
            *(f"U{i}" for i in range(1, 7)),
        )
    }
    m1 = by_code["ADU-M1"]
    assert m1[1] == "2026-11-05 09:00:00" and m1[3] == "in_progress"
    assert m1[4] == f"{week.roads.name}, {week.env.name}"
    for csv_row, xlsx_row in zip(rows[1:], cells[1:], strict=True):
        as_text = [
            "" if v is None else v.isoformat(sep=" ") if hasattr(v, "isoformat") else str(v)
            for v in xlsx_row
        ]
        assert csv_row == as_text


async def test_report_and_export_requests_are_answered_once(week: World, texts: Catalogue) -> None:
    async with week.factory() as uow:
        for kind in ("report", "export"):
            await uow.report_requests.add(
                ReportRequest(
                    kind=kind,
                    chat_id=101,
                    period_start=WEEK.start,
                    period_end=WEEK.end,
                    label=WEEK.label,
                    language="en",
                )
            )
        await uow.commit()
    before = await outbox_mark(week)
    result = await serve_report_requests(week.factory, week.life, texts, REPORT_TIME)
    assert len(result.served) == 2 and result.failed == []
    sent = await outbox_after(week, before)
    assert [m.kind for m in sent] == [OutboundKind.TEXT] + [OutboundKind.PHOTO] * 3 + [
        OutboundKind.DOCUMENT
    ] * 2
    assert "Complaint report" in (sent[0].text or "")
    again = await serve_report_requests(week.factory, week.life, texts, REPORT_TIME)
    assert again.served == [] and await outbox_mark(week) == before + 6
