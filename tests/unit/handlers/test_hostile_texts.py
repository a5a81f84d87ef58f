"""Every catalogue text, in every language, with hostile values in every argument, is HTML
that Telegram accepts, within its limits, and shows each value exactly as it was typed.

Values come from people (names, descriptions, replies, agency names typed by admins), so each
argument gets, in turn: the HTML specials, a tag, an unclosed tag, a forged link, quotes,
character references, right-to-left and zero-width marks, emoji sequences, our own
placeholder characters, and a 4,000-character text. Each rendering is split as it would be
sent (handlers.texts.split) and every part must pass the emulator's strict Telegram-HTML
parser (the one that answers "can't parse entities" like Telegram) and fit in 4,096
characters as Telegram counts them.
"""

from __future__ import annotations

import pytest

from handlers.texts import Catalogue, split_html
from handlers.texts.html import plain_text, utf16_length
from playground.emulator.entities import parse_html
from tests.unit.handlers.catalogue_keys import arguments, messages

TEXTS = Catalogue()
LIMIT = 4096

LONG = (
    'Jalan <Slamet Riyadi> & "Gatot" rusak parah 🙂👨‍👩‍👧‍👦. Sudah dua minggu & belum <b>ada</b>!\n'
    * 60
)[:4000]
HOSTILE = [
    "<",
    ">",
    "&",
    "<b>",
    "<i",
    "</i>",
    "<i>Ani</i> & <Co>",
    '<a href="javascript:alert(1)">x</a>',
    "\"double\" & 'single' quotes",
    "&amp; &lt;b&gt; &#60; &#x3C; &bogus;",
    "\u202eRTL override\u202c \u200fمرحبا\u200e",
    "🙂👨‍👩‍👧‍👦🇮🇩👍🏽",
    "zero\u200dwidth\u200cjoin\u2060er\ufeff",
    "\ue0000\ue001 \ue001\ue000",
    LONG,
]


def _check(language: str, key: str, args: dict[str, object], shown: set[str]) -> None:
    text = TEXTS.text(language, key, **args)
    parts = split_html(text, LIMIT)
    assert parts, f"{language}:{key} renders nothing"
    seen = []
    for part in parts:
        visible, _ = parse_html(part)  # raises like Telegram on anything it would refuse
        assert utf16_length(visible) <= LIMIT, f"{language}:{key}"
        assert visible.strip(), f"{language}:{key} has an empty part"
        seen.append(visible)
    whole = plain_text(text)
    assert "".join(seen) == whole.rstrip() or "".join(seen) == whole, f"{language}:{key}"
    for name in shown:  # every value the message shows is shown verbatim, once escaped
        value = str(args[name])
        assert value in whole, f"{language}:{key}: ${name} not shown as typed"


@pytest.mark.parametrize("language", TEXTS.languages)
def test_every_key_with_hostile_arguments_is_valid_telegram_html(language: str) -> None:
    rendered = 0
    for key, message in messages(language).items():
        # Which variables the message shows as text (a selector may only choose wording).
        marked = arguments(message, lambda name: f"QQ{name}QQ")
        for hostile in HOSTILE:
            base = arguments(message, lambda _name, value=hostile: value)
            for args in message.shapes(base, limit=60):
                probe = {**marked, **{n: v for n, v in args.items() if n in message.selects}}
                probe_text = plain_text(TEXTS.text(language, key, **probe))
                shown = {n for n in message.variables if f"QQ{n}QQ" in probe_text}
                _check(language, key, args, shown)
                rendered += 1
    assert rendered > 3000


def test_a_name_full_of_markup_reads_as_typed_and_the_tags_stay_the_catalogues() -> None:
    name = "<i>Ani</i> & <Co>"
    text = TEXTS.text("id", "citizen-start", name=name, city="Surakarta")
    visible, entities = parse_html(text)
    assert f"Halo {name}!" in visible
    assert [e["type"] for e in entities] == ["bold"]  # only the catalogue's own <b>


def test_markup_is_kept_and_a_plain_string_is_escaped() -> None:
    from markupsafe import Markup

    inner = TEXTS.text("en", "staff-status-closed")
    assert "<b>Closed</b>" in TEXTS.text("en", "staff-card-status", status=inner)
    assert "&lt;b&gt;" in TEXTS.text("en", "staff-card-status", status="<b>")
    assert "<u>x</u>" in TEXTS.text("en", "staff-card-status", status=Markup("<u>x</u>"))
