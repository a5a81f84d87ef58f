"""The text catalogue: every key in every language, every key renders, nothing over Telegram's
limits even with the longest realistic values, and every key the citizen code asks for exists.

Each message is rendered once per combination of its select variants (status, action, plural
forms...), with each other variable at its longest realistic value. A text relayed between
people may be longer than one message: it is split (handlers.texts.split), and each part must
fit. What is never split (button pop-ups, command descriptions) must fit as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.transitions import Action
from handlers.citizen.keyboards import MENU_ACTIONS
from handlers.commands import GROUP_COMMANDS, PRIVATE_COMMANDS
from handlers.texts import Catalogue, split_html
from handlers.texts.html import plain_text, visible_length
from tests.unit.handlers.catalogue_keys import arguments, messages

TEXTS = Catalogue()
TEXT_LIMIT = 4096  # sendMessage
ALERT_LIMIT = 200  # answerCallbackQuery
COMMAND_LIMIT = 256  # a command's description in setMyCommands
HANDLERS = Path(__file__).resolve().parents[3] / "handlers"
CITIZEN_CODE = (HANDLERS / "citizen", HANDLERS / "intake")

# Shown as button pop-ups (answerCallbackQuery), so held to its 200 characters.
ALERTS = {"citizen-banned", "citizen-slow-down", "ticket-not-found", "status-bad-code"}

NOTE = "Jl. Slamet Riyadi & Gatot Subroto <depan pasar>. " * 82  # a 4,000-character message
LONGEST: dict[str, str] = {
    # free text typed by citizens or officers: relayed whole, split where needed
    "text": NOTE,
    "question": NOTE,
    "note": NOTE,
    "where": NOTE,
    "reason": NOTE,
    "description": "x" * 2000,
    "address": "a" * 600,
    "location": "titik di peta (di atas) " + "a" * 600,
    "error": "E" * 120,
    # names and labels
    "name": "N" * 64,
    "city": "Kota Administrasi Jakarta Pusat Daerah Khusus Ibukota" + "x" * 10,
    "agency": "Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR), " * 4,
    "category": "Ketenteraman dan Ketertiban Umum " * 4,
    "reporter": "Reporter #9999999999",
    "phone": "+" + "9" * 31,
    "code": "ADU-7K3Q9X",
    "original": "ADU-7K3Q9X",
    "deadline": "Wednesday 30 September, 10:00",
    "when": "30 Sep 2026, 10:00",
    "date": "30 Sep 2026, 10:00",
    "emoji": "✖️",
    "status": "selesai ditangani, menunggu konfirmasi Anda",
    "what": "video bulat",
    "hint": "h" * 200,
    "step": "memeriksa sebelum dikirim",
    "share_name": "no",
    "public": "yes",
}
DEFAULT_LONG = "v" * 200  # any other variable: a generous label


def test_every_key_exists_in_every_language() -> None:
    keys = {lang: TEXTS.keys(lang) for lang in TEXTS.languages}
    everything = set().union(*keys.values())
    for lang, own in keys.items():
        assert not everything - own, f"{lang} is missing {sorted(everything - own)}"


@pytest.mark.parametrize("language", TEXTS.languages)
def test_no_text_exceeds_telegrams_limits_with_the_longest_values(language: str) -> None:
    for key, message in messages(language).items():
        base = arguments(message, lambda name: LONGEST.get(name, DEFAULT_LONG))
        for args in message.shapes(base):
            text = TEXTS.text(language, key, **args)
            assert plain_text(text).strip(), f"{language}:{key} renders empty"
            if key.startswith("alert-") or key in ALERTS:
                assert visible_length(text) <= ALERT_LIMIT, f"{language}:{key}"
            elif key.startswith("cmd-"):
                assert visible_length(text) <= COMMAND_LIMIT, f"{language}:{key}"
            for part in split_html(text, TEXT_LIMIT):
                assert visible_length(part) <= TEXT_LIMIT, f"{language}:{key}"


def _keys_used_by_citizen_code() -> set[str]:
    """Every literal key the citizen code passes to t(...), plus the ones it builds."""
    used: set[str] = set()
    for source in (s for folder in CITIZEN_CODE for s in folder.glob("*.py")):
        code = source.read_text()
        used.update(re.findall(r"""\b(?:t|\.label)\(\s*["']([a-z0-9-]+)["']""", code))
        used.update(re.findall(r"""alert\(\s*["']([a-z0-9-]+)["']""", code))
        used.update(re.findall(r"""toast\(\s*["']([a-z0-9-]+)["']""", code))
        used.update(re.findall(r"""key = ["']([a-z0-9-]+)["']""", code))
        used.update(re.findall(r"""\b(?:say|Refused|Choice)\(\s*["']([a-z0-9-]+)["']""", code))
    steps = ("category", "description", "photos", "location", "privacy", "contact", "review")
    used.update(f"hint-{s}" for s in steps)
    used.update(f"step-title-{s}" for s in steps[:-1])
    used.update(f"step-name-{s}" for s in steps)
    used.update(f"btn-edit-{s}" for s in steps[:-1])
    used.update(f"menu-{a}" for a in MENU_ACTIONS)
    used.update(f"cmd-{c}" for c in (*PRIVATE_COMMANDS, *GROUP_COMMANDS))
    return used


def test_every_key_the_citizen_code_uses_exists() -> None:
    used = _keys_used_by_citizen_code()
    assert len(used) > 100  # the scan found the code's keys
    for lang in TEXTS.languages:
        missing = used - TEXTS.keys(lang)
        assert not missing, f"{lang} lacks {sorted(missing)}"


def test_every_validation_rule_of_the_domain_has_its_explanation() -> None:
    """A refused input is explained in the reader's language, naming the rule: every
    `rule="..."` the domain (or a handler) raises has its `error-invalid-<rule>` text."""
    root = Path(__file__).resolve().parents[3]
    rules = set()
    for folder in ("domain", "handlers"):
        for source in (root / folder).rglob("*.py"):
            rules.update(re.findall(r"""rule=["']([a-z_]+)["']""", source.read_text()))
    assert {"too_long", "too_short", "too_many_photos"} <= rules
    for lang in TEXTS.languages:
        missing = {
            r for r in rules if f"error-invalid-{r.replace('_', '-')}" not in TEXTS.keys(lang)
        }
        assert not missing, f"{lang} lacks explanations for {sorted(missing)}"


def test_menu_labels_differ_between_languages_and_are_recognised_in_both() -> None:
    from handlers.citizen.keyboards import means_done, means_skip, menu_action

    for lang in TEXTS.languages:
        for action in MENU_ACTIONS:
            assert menu_action(TEXTS, TEXTS.plain(lang, f"menu-{action}")) == action
        assert means_skip(TEXTS, TEXTS.plain(lang, "btn-skip"))
    assert means_skip(TEXTS, "  Lewati ") and means_done(TEXTS, "SELESAI")
    assert menu_action(TEXTS, "jalan rusak di depan rumah") is None


@pytest.mark.parametrize("language", sorted(TEXTS.languages))
def test_every_ticket_event_has_a_card_line_and_a_timeline_line(language: str) -> None:
    """A staff card lists each event of its ticket (`staff-ev-<action>`), and /my shows the
    public ones: a new Action without its texts would make those fail, not just look odd."""
    args = {"agency": "X", "text": "t", "rating": 5, "reason": "spam", "photos": 1}
    fallback = TEXTS.text(language, "timeline-event", action="no-such-action", **args)
    for action in Action:
        key = f"staff-ev-{action.value.replace('_', '-')}"
        assert TEXTS.text(language, key, agencies="X", reason="spam", rating=5)
        if action is not Action.NOTE:  # internal notes never reach the citizen's timeline
            line = TEXTS.text(language, "timeline-event", action=action.value, **args)
            assert line != fallback, action
