"""`aduan audit export FROM TO`: the admin audit log of a period as a CSV file, for the city's
auditor or data-protection officer (UU PDP). FROM and TO are city dates, both included.

Exporting the log is itself recorded in it, as done by the operator's OS account.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.cli_db import CliError
from bot.settings import Settings
from bot.settings_values import DEFAULT_TIMEZONE
from domain.audit import AuditAction, Operator, record_action
from handlers.reports.audit_csv import audit_csv
from handlers.reports.periods import BadPeriod, parse_period


async def export_audit(settings: Settings, start: str, end: str, out: str | None) -> str:
    from scheduler.audit_file import read_audit
    from storage.database import Database

    now = datetime.now(UTC)
    tz = settings.timezone or DEFAULT_TIMEZONE  # bot.cli applied the city file's zone
    try:
        period = parse_period(f"{start}..{end}", now, tz)
    except BadPeriod:
        raise CliError(
            f"aduan audit export: {start} {end} is not FROM TO (YYYY-MM-DD)", 2
        ) from None
    path = (
        Path(out or ".") / f"aduan-audit-{period.first.isoformat()}_{period.last.isoformat()}.csv"
    )
    db = Database(settings.database_url)
    try:
        entries = await read_audit(db.uow, period.start, period.end)
        data = audit_csv(entries, tz)
        await asyncio.to_thread(_write, path, data)
        async with db.uow() as uow:
            after = {"from": period.first.isoformat(), "to": period.last.isoformat()}
            after |= {"entries": len(entries), "file": path.name}
            await record_action(
                uow, Operator.current(), AuditAction.AUDIT_EXPORT, "audit_log", at=now, after=after
            )
            await uow.commit()
    finally:
        await db.dispose()
    return f"{len(entries)} audit entries ({period.label}) -> {path}"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def add_parsers(commands: argparse._SubParsersAction, run_async: Callable[..., Any]) -> None:
    audit = commands.add_parser(
        "audit", help="the admin audit log", description="The append-only admin audit log."
    )
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write the audit log of a period as CSV",
        description="Write every audit entry from FROM to TO (YYYY-MM-DD, city dates, both "
        "included) to aduan-audit-FROM_TO.csv: who did what, and who was shown whose data.",
    )
    export.add_argument("start", metavar="FROM")
    export.add_argument("end", metavar="TO")
    export.add_argument("--out", metavar="DIR", help="folder for the file (default: .)")
    export.set_defaults(
        handler=lambda a: run_async(a, lambda s: export_audit(s, a.start, a.end, a.out))
    )
