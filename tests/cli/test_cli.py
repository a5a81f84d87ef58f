"""`aduan` as an operator runs it: a real process, a temporary SQLite file, exit codes, stderr.

Each test runs in its own directory with an environment stripped of every aduan setting, so
neither the developer's `.env` nor their shell leaks in.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SURAKARTA = ROOT / "examples" / "surakarta.toml"
TOKEN = "123456789:AAF-secret_part_of_the_token"


class Aduan:
    """Runs `python -m bot.cli` in a scratch directory with a given environment."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.db = workdir / "db" / "aduan.db"
        keys = {key for key, _, _ in Settings.describe()}
        self.env = {k: v for k, v in os.environ.items() if k not in keys}
        self.env["PYTHONPATH"] = str(ROOT)
        self.env["DATABASE_URL"] = f"sqlite:///{self.db}"

    def __call__(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args],
            cwd=self.workdir,
            env=self.env | env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def count(self, table: str) -> int:
        with sqlite3.connect(self.db) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def aduan(tmp_path: Path) -> Aduan:
    return Aduan(tmp_path)


def fails_with_one_line(result: subprocess.CompletedProcess[str], code: int, start: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(start), result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_every_command(aduan: Aduan) -> None:
    result = aduan("--help")
    assert result.returncode == 0
    for command in ("db", "seed", "admin", "run", "config"):
        assert command in result.stdout
    for args in (["db", "upgrade"], ["seed"], ["admin", "add"], ["run"], ["config", "show"]):
        assert aduan(*args, "--help").returncode == 0, args


def test_first_start_upgrade_seed_twice_and_add_a_superadmin(aduan: Aduan) -> None:
    upgraded = aduan("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "revision" in upgraded.stdout and "(head)" in upgraded.stdout
    assert aduan.db.exists()
    assert "already at revision" in aduan("db", "upgrade").stdout

    first = aduan("seed", str(SURAKARTA))
    assert first.returncode == 0, first.stderr
    assert "agencies    9 (9 new, 0 updated)" in first.stdout
    counts = [aduan.count(t) for t in ("agency", "category", "template")]
    assert counts == [9, 10, 7]
    second = aduan("seed", str(SURAKARTA))
    assert second.returncode == 0, second.stderr
    assert "categories  10 (0 new, 0 updated)" in second.stdout
    assert [aduan.count(t) for t in ("agency", "category", "template")] == counts

    added = aduan("admin", "add", "123", "--super", "--name", "Budi")
    assert added.returncode == 0, added.stderr
    assert "superadmin" in added.stdout
    assert aduan("admin", "add", "123").returncode == 0  # demoted to admin, same row
    with sqlite3.connect(aduan.db) as connection:
        rows = connection.execute("SELECT telegram_id, role, name FROM staff").fetchall()
    assert rows == [(123, "admin", "Budi")]
    assert "123\tadmin\tBudi" in aduan("admin", "list").stdout


def test_commands_explain_what_must_run_first(aduan: Aduan) -> None:
    fails_with_one_line(aduan("seed", str(SURAKARTA)), 1, "aduan seed: there is no database at")
    aduan.db.parent.mkdir()
    aduan.db.touch()  # an empty file: not set up
    result = aduan("report")
    fails_with_one_line(result, 1, f"aduan report: the database {aduan.db} is not set up yet")
    assert "run `aduan db upgrade` first" in result.stderr
    fails_with_one_line(aduan("db", "check"), 1, "aduan db check: the database ")
    assert aduan("db", "upgrade").returncode == 0
    checked = aduan("db", "check")
    assert checked.returncode == 0
    assert "matches the code" in checked.stdout
    fails_with_one_line(aduan("admin", "add", "123"), 1, "aduan admin add: no complaint unit yet")


def test_a_bad_setting_is_one_line_and_exit_2(aduan: Aduan) -> None:
    for args in (["db", "upgrade"], ["seed", str(SURAKARTA)], ["admin", "list"]):
        result = aduan(*args, DATABASE_URL="mysql://aduan:pw@db/aduan")
        fails_with_one_line(result, 2, "DATABASE_URL: unsupported scheme 'mysql'")
        assert "pw" not in result.stderr
    fails_with_one_line(aduan("db", "upgrade", TIMEZONE="Mars/Olympus"), 2, "TIMEZONE: ")
    assert not aduan.db.exists()


def test_settings_come_from_the_env_file(aduan: Aduan) -> None:
    (aduan.workdir / ".env").write_text("WORKING_HOURS=09:00-08:00\n")
    fails_with_one_line(aduan("config", "show"), 2, "WORKING_HOURS: ")
    (aduan.workdir / "other.env").write_text("DIGEST_TIME=06:15\n")
    shown = aduan("--env-file", "other.env", "config", "show")
    assert "DIGEST_TIME=06:15" in shown.stdout


def test_a_bad_city_file_is_one_line_and_writes_nothing(aduan: Aduan) -> None:
    assert aduan("db", "upgrade").returncode == 0
    bad = aduan.workdir / "solo.toml"
    bad.write_text(SURAKARTA.read_text().replace('agency = "dpupr"', 'agency = "dpupr2"'))
    result = aduan("seed", str(bad))
    fails_with_one_line(result, 2, f"{bad}:")
    assert "categories[2].agency: unknown agency 'dpupr2'" in result.stderr
    assert aduan.count("agency") == aduan.count("category") == 0
    fails_with_one_line(aduan("seed", "nowhere.toml"), 2, "nowhere.toml: cannot read")


def test_run_validates_settings_and_never_prints_the_token(aduan: Aduan) -> None:
    fails_with_one_line(aduan("run"), 2, "BOT_TOKEN: missing")
    fails_with_one_line(aduan("run", "--workers", "2", BOT_TOKEN=TOKEN), 2, "WORKERS: 2 needs")
    fails_with_one_line(
        aduan("run", "--webhook", "http://example.org/tg", BOT_TOKEN=TOKEN),
        2,
        "WEBHOOK_URL: must be https://",
    )
    no_secret = aduan("run", "--webhook", "https://example.org/tg", BOT_TOKEN=TOKEN)
    fails_with_one_line(no_secret, 2, "WEBHOOK_SECRET: required")
    shown = aduan("config", "show", "--require-token", BOT_TOKEN=TOKEN)
    assert shown.returncode == 0
    assert "BOT_TOKEN=<set>" in shown.stdout
    for result in (shown, no_secret):
        assert "secret_part" not in result.stdout + result.stderr


def test_config_example_is_the_committed_env_example(aduan: Aduan) -> None:
    result = aduan("config", "example")
    assert result.returncode == 0
    assert result.stdout == (ROOT / ".env.example").read_text()
