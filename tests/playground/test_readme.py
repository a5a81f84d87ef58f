"""The README a newcomer reads must match the code: its configuration table is the one
`aduan config table` prints from the settings class, and the screenshot it shows exists."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cli_config import render_markdown_table
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
START, END = "<!-- settings-table:start -->\n", "<!-- settings-table:end -->"


def readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, "the table markers are missing"
    return text[text.index(START) + len(START) : text.index(END)]


def test_readme_configuration_table_matches_the_settings_class() -> None:
    assert readme_table() == render_markdown_table(), (
        "README.md's configuration table is stale: replace the lines between the "
        "settings-table markers with the output of `aduan config table`"
    )


def test_readme_table_has_one_row_per_setting_in_order() -> None:
    keys = re.findall(r"^\| `([A-Z_]+)` \|", readme_table(), flags=re.MULTILINE)
    assert keys == [key for key, _, _ in Settings.describe()]


def test_readme_shows_the_committed_playground_screenshot() -> None:
    assert "(docs/playground.png)" in README.read_text(encoding="utf-8")
    assert (ROOT / "docs" / "playground.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
