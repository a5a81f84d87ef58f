"""CSV and XLSX files of a period's tickets (storage.queries.export's rows).

Times are written in the city's time zone without an offset, the way a spreadsheet user reads
them; the header says which zone. XLSX is written in openpyxl's write-only mode, so a year of
tickets streams through without building the whole sheet in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from storage.queries.export import COLUMNS

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = dict[str, Any]


def cell(value: Any, zone: ZoneInfo) -> Any:
    """Local naive datetimes (spreadsheets have no zones), plain values otherwise."""
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None, microsecond=0)
    return value


def header(tz: str) -> list[str]:
    return [f"{c} ({tz})" if c.endswith("_at") else c for c in COLUMNS]


def csv_bytes(chunks: Iterable[Sequence[Row]], tz: str) -> bytes:
    zone = ZoneInfo(tz)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(tz))
    for chunk in chunks:
        for row in chunk:
            values = [cell(row[c], zone) for c in COLUMNS]
            writer.writerow(
                [
                    "" if v is None else v.isoformat(sep=" ") if isinstance(v, datetime) else v
                    for v in values
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def xlsx_bytes(
    chunks: Iterable[Sequence[Row]], tz: str, on_rows: Callable[[int], None] | None = None
) -> bytes:
    zone = ZoneInfo(tz)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("tickets")
    sheet.append(header(tz))
    for chunk in chunks:
        for row in chunk:
            sheet.append([cell(row[c], zone) for c in COLUMNS])
        if on_rows is not None:
            on_rows(len(chunk))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
