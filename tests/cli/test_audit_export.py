"""What an operator does at the command line is in the admin audit log (as their OS account),
and `aduan audit export FROM TO` writes a period of the log as CSV (and is itself recorded)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_operator_commands_are_audited_and_the_log_exports_as_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, _, _ in Settings.describe():
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'aduan.db'}")
    # FROM and TO are city dates: Surakarta's day, which begins at 17:00 UTC (UTC's date would
    # name yesterday from then until midnight UTC, and find nothing).
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    assert main(["db", "upgrade"]) == 0
    assert main(["seed", str(ROOT / "examples" / "surakarta.toml")]) == 0
    assert main(["admin", "add", "123", "--super"]) == 0
    assert main(["audit", "export", today, today, "--out", "audit"]) == 0
    assert main(["audit", "export", today, today, "--out", "audit"]) == 0
    out = capsys.readouterr().out
    assert f"2 audit entries ({today}) -> audit/aduan-audit-{today}_{today}.csv" in out
    rows = list(
        csv.DictReader(
            io.StringIO(
                (tmp_path / "audit" / f"aduan-audit-{today}_{today}.csv").read_text("utf-8-sig")
            )
        )
    )
    assert [(r["actor_role"], r["action"], r["target"]) for r in rows] == [
        ("operator", "city.seed", "city"),
        ("operator", "staff.role", "staff:1"),
        ("operator", "audit.export", "audit_log"),  # the first export, seen by the second
    ]
    assert json.loads(rows[1]["after"]) == {"active": True, "agency": "ulas", "role": "superadmin"}
    assert rows[1]["before"] == ""
    assert main(["audit", "export", today, "yesterday"]) == 2
    assert "is not FROM TO" in capsys.readouterr().err
