"""The admin audit log as a CSV file: `/auditlog` beyond what a chat message holds, and
`aduan audit export FROM TO`.

One row per entry in append order; times in the city's zone (the header names it), before and
after as JSON. Staff names are free text an attacker may choose, so a cell that a spreadsheet
would run as a formula (=, +, -, @ first) is prefixed with an apostrophe (OWASP's advice for
CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from domain.model import AuditEntry

CSV_MIME = "text/csv"
COLUMNS = ("id", "at", "actor_role", "actor_id", "actor_name", "action", "target")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def audit_csv(entries: Iterable[AuditEntry], tz: str) -> bytes:
    zone = ZoneInfo(tz)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", f"at ({tz})", *COLUMNS[2:], "before", "after"])
    for entry in entries:
        at = entry.at.astimezone(zone).replace(tzinfo=None, microsecond=0).isoformat(sep=" ")
        values: list[Any] = [entry.id, at, *(getattr(entry, c) for c in COLUMNS[2:])]
        values += [_json(entry.before), _json(entry.after)]
        writer.writerow([_safe(value) for value in values])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def _json(value: dict[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _safe(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
