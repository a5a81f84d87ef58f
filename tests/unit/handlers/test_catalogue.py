"""The text catalogue: every key in every language, every key renders, nothing over Telegram's
limits even with the longest realistic values, and every key the citizen code asks for exists.

Each message is rendered once per combination of its select variants (status, action, plural
forms...), with each other variable at its longest realistic value: a free text is a 2,000-
character note after escaping and clipping, a name is Telegram's longest, and so on. (Fluent
itself refuses any placeable over 2,500 characters: values must be clipped below that.)
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fl

from domain.transitions import Action
from handlers.citizen.format import VALUE_BUDGET, clip, one_line
from handlers.citizen.keyboards import MENU_ACTIONS
from handlers.commands import GROUP_COMMANDS, PRIVATE_COMMANDS
from handlers.notices.citizen import NOTE_BUDGET
from handlers.texts import Catalogue
from handlers.texts.catalogue import LOCALES_DIR

TEXTS = Catalogue()
TEXT_LIMIT = 4096  # sendMessage
ALERT_LIMIT = 200  # answerCallbackQuery
COMMAND_LIMIT = 256  # a command's description in setMyCommands
CITIZEN_CODE = Path(__file__).resolve().parents[3] / "handlers" / "citizen"

# Shown as button pop-ups (answerCallbackQuery), so held to its 200 characters.
ALERTS = {"citizen-banned", "citizen-slow-down", "ticket-not-found", "status-bad-code"}

NOTE = clip("Jl. Slamet Riyadi & Gatot Subroto <depan pasar> " * 60, NOTE_BUDGET)
LONGEST: dict[str, str] = {
    # free text typed by citizens or officers, escaped and clipped where it is used
    "text": NOTE,
    "question": NOTE,
    "note": NOTE,
    "where": NOTE,
    "description": clip("x" * 2000, VALUE_BUDGET),
    "address": clip("a" * 600, 600),
    "location": "titik di peta (di atas) " + clip("a" * 600, 600),
    "detail": "d" * 300,
    "error": "E" * 120,
    "reason": NOTE,
    # names and labels
    "name": "N" * 64,
    "city": "Kota Administrasi Jakarta Pusat Daerah Khusus Ibukota" + "x" * 10,
    "agency": clip("Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR), " * 4, 200),
    "category": clip("Ketenteraman dan Ketertiban Umum " * 7, 200),
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
# Where a call site clips harder than the name suggests (see handlers/citizen/timeline.py).
PER_KEY: dict[str, dict[str, str]] = {"timeline-event": {"text": one_line(NOTE, 400)}}
NUMBERS = {"count", "max", "min", "total", "page", "pages", "rating", "photos", "attempts"}
DEFAULT_LONG = "v" * 200  # any other variable: a generous label


def _messages(language: str) -> dict[str, fl.Message]:
    found: dict[str, fl.Message] = {}
    for ftl in sorted((LOCALES_DIR / language).glob("*.ftl")):
        for entry in FluentParser().parse(ftl.read_text(encoding="utf-8")).body:
            if isinstance(entry, fl.Message):
                found[entry.id.name] = entry
    return found


def _walk(node: Any, variables: set[str], selects: dict[str, set[Any]]) -> None:
    if isinstance(node, fl.VariableReference):
        variables.add(node.id.name)
    if isinstance(node, fl.SelectExpression) and isinstance(node.selector, fl.VariableReference):
        keys = selects.setdefault(node.selector.id.name, set())
        for variant in node.variants:
            key = variant.key
            keys.add(int(key.value) if isinstance(key, fl.NumberLiteral) else key.name)
    if isinstance(node, fl.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                _walk(child, variables, selects)


def _renderings(language: str, key: str, message: fl.Message) -> list[str]:
    variables: set[str] = set()
    selects: dict[str, set[Any]] = {}
    _walk(message.value, variables, selects)
    base: dict[str, Any] = {}
    for name in variables:
        if name in NUMBERS:
            base[name] = 2000 if name not in ("rating", "page", "pages", "photos") else 5
        else:
            base[name] = PER_KEY.get(key, {}).get(name) or LONGEST.get(name, DEFAULT_LONG)
    names = sorted(selects)
    options = [[v for v in selects[n] if v != "other"] + [base.get(n, "other")] for n in names]
    texts = []
    for combo in itertools.islice(itertools.product(*options), 500):
        texts.append(TEXTS.text(language, key, **{**base, **dict(zip(names, combo, strict=True))}))
    return texts


def test_every_key_exists_in_every_language() -> None:
    keys = {lang: TEXTS.keys(lang) for lang in TEXTS.languages}
    everything = set().union(*keys.values())
    for lang, own in keys.items():
        assert not everything - own, f"{lang} is missing {sorted(everything - own)}"


@pytest.mark.parametrize("language", TEXTS.languages)
def test_no_text_exceeds_telegrams_limits_with_the_longest_values(language: str) -> None:
    for key, message in _messages(language).items():
        limit = TEXT_LIMIT
        if key.startswith("alert-") or key in ALERTS:
            limit = ALERT_LIMIT
        elif key.startswith("cmd-"):
            limit = COMMAND_LIMIT
        for text in _renderings(language, key, message):
            assert text.strip(), f"{language}:{key} renders empty"
            assert len(text) <= limit, f"{language}:{key} is {len(text)} > {limit} characters"


def _keys_used_by_citizen_code() -> set[str]:
    """Every literal key the citizen code passes to t(...), plus the ones it builds."""
    used: set[str] = set()
    for source in CITIZEN_CODE.glob("*.py"):
        used.update(re.findall(r"""\bt\(\s*["']([a-z0-9-]+)["']""", source.read_text()))
        used.update(re.findall(r"""alert\(\s*["']([a-z0-9-]+)["']""", source.read_text()))
        used.update(re.findall(r"""toast\(\s*["']([a-z0-9-]+)["']""", source.read_text()))
        used.update(re.findall(r"""key = ["']([a-z0-9-]+)["']""", source.read_text()))
    steps = ("category", "description", "photos", "location", "privacy", "contact", "review")
    used.update(f"hint-{s}" for s in steps)
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


def test_menu_labels_differ_between_languages_and_are_recognised_in_both() -> None:
    from handlers.citizen.keyboards import means_done, means_skip, menu_action

    for lang in TEXTS.languages:
        for action in MENU_ACTIONS:
            assert menu_action(TEXTS, TEXTS.text(lang, f"menu-{action}")) == action
        assert means_skip(TEXTS, TEXTS.text(lang, "btn-skip"))
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
