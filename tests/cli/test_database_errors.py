"""Every `aduan` command that needs the database explains, in one line, a database that is not
set up, one that cannot be reached, and a DATABASE_URL that is not a URL.

The commands are read from the real argument parser, so a new subcommand has to be listed here
(with sample arguments) or this fails. They run in-process (`bot.cli.main`), which is what a
subprocess would run, at a fraction of the cost; tests/cli/test_cli.py runs a real process.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.settings import Settings
from storage.database import normalise_url
from tests.backends import postgres_unavailable, postgres_url

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAF-secret_part_of_the_token"

# Sample arguments for every command that needs a set-up database.
NEEDS_DATABASE: dict[str, list[str]] = {
    "db check": [],
    "seed": [str(ROOT / "examples" / "surakarta.toml")],
    "admin add": ["123"],
    "admin list": [],
    "run": [],
    "report": [],
    "export": ["2026-01-01", "2026-01-31"],
    "audit export": ["2026-01-01", "2026-01-31"],
    "evidence verify": [],
    "evidence backfill": [],
    "backup": ["backup-folder"],
    "web": [],
    "apikey add": ["webform"],
    "apikey revoke": ["webform"],
    "apikey list": [],
    "poster": ["--out", "poster.png", "--bot", "aduan_bot"],
}
# Commands that set the database up, or do not need it to be.
NO_DATABASE_NEEDED = {"db upgrade", "restore", "config show", "config example", "config table"}
SETS_UP = {"db upgrade": [], "restore": ["backup-folder"]}  # they need a server, not a schema
UNREACHABLE = "postgresql://postgres:pw@127.0.0.1:1/aduan"  # nothing listens on port 1


def leaf_commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from leaf_commands(sub, f"{prefix} {name}".strip())
            return
    yield prefix


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer .env or setting leaks in; BOT_TOKEN lets `run` get to the database."""
    for key, _, _ in Settings.describe():
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    return err.strip()


def test_every_command_is_classified() -> None:
    assert set(leaf_commands(build_parser())) == set(NEEDS_DATABASE) | NO_DATABASE_NEEDED


@pytest.mark.parametrize("command", sorted(NEEDS_DATABASE))
def test_an_empty_sqlite_file_says_to_run_db_upgrade(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{empty}")
    code, err = run([*command.split(), *NEEDS_DATABASE[command]], capsys)
    assert code == 1
    assert one_line(err) == (
        f"aduan {command}: the database {empty} is not set up yet; run `aduan db upgrade` first"
    )


@pytest.mark.parametrize("command", sorted(NEEDS_DATABASE))
def test_a_missing_sqlite_file_is_not_created_behind_the_operators_back(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    missing = tmp_path / "data" / "aduan.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    code, err = run([*command.split(), *NEEDS_DATABASE[command]], capsys)
    assert code == 1
    assert "run `aduan db upgrade`" in one_line(err)
    assert not missing.exists()


# (`restore` reads the backup folder first: tests/evidence/test_backup.py.)
@pytest.mark.parametrize("command", [*sorted(NEEDS_DATABASE), "db upgrade"])
def test_an_unreachable_postgresql_is_named_without_its_password(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    code, err = run([*command.split(), *{**NEEDS_DATABASE, **SETS_UP}[command]], capsys)
    assert code == 1
    line = one_line(err)
    assert line.startswith(
        f"aduan {command}: cannot reach the database at 127.0.0.1:1/aduan (connection refused)"
    )
    assert "pw" not in line


@pytest.mark.parametrize("command", [*sorted(NEEDS_DATABASE), *SETS_UP, "config show"])
def test_a_malformed_database_url_is_a_setting_error(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://aduan:pw@db:5432x/aduan")
    code, err = run([*command.split(), *{**NEEDS_DATABASE, **SETS_UP}.get(command, [])], capsys)
    assert code == 2
    assert one_line(err) == "DATABASE_URL: is not a valid URL (is the port a number?)"


def test_a_database_that_does_not_exist_says_how_to_create_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    server = normalise_url(postgres_url()).set(database="aduan_no_such_database")
    monkeypatch.setenv("DATABASE_URL", server.render_as_string(hide_password=False))
    code, err = run(["report"], capsys)
    if "cannot reach" in err:
        postgres_unavailable(err.strip())  # skips on a laptop, fails in CI
    assert code == 1
    line = one_line(err)
    assert line.startswith('aduan report: database "aduan_no_such_database" does not exist')
    assert line.endswith("create it (createdb) or fix DATABASE_URL")
