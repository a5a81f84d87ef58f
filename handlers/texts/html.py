"""Telegram HTML as the catalogue produces it: read back as the text a person sees, measured as
Telegram measures it, and put together without losing what is already safe.

The catalogue's HTML is well formed by construction (its tags come from the .ftl files, every
value is escaped), so a small tokenizer is enough here; the emulator's strict parser checks
every catalogue text in the tests.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

TEXT_LIMIT = 4096  # a message's text, counted after entity parsing
CAPTION_LIMIT = 1024  # a photo's or a document's caption
ELLIPSIS = "…"

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|([^<]+)")


@dataclass(frozen=True, slots=True)
class Token:
    """A tag (`raw` as written, `name` lower-case) or a run of text (`text` decoded)."""

    raw: str
    name: str = ""
    closing: bool = False
    text: str | None = None

    @property
    def is_text(self) -> bool:
        return self.text is not None


def tokens(markup: str) -> list[Token]:
    found: list[Token] = []
    for match in _TOKEN.finditer(markup):
        if match.group(3) is not None:
            found.append(Token(match.group(0), text=html.unescape(match.group(3))))
        else:
            found.append(Token(match.group(0), match.group(2).lower(), bool(match.group(1))))
    return found


def plain_text(markup: str) -> str:
    """What Telegram shows for `markup`: the tags gone, the character references decoded."""
    return "".join(t.text for t in tokens(markup) if t.text is not None)


def utf16_length(text: str) -> int:
    """Telegram counts a text's length (and its limits) in UTF-16 code units."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def visible_length(markup: str) -> int:
    return utf16_length(plain_text(markup))


def lines(parts: Iterable[Markup | str | None]) -> Markup:
    """One line per part (None skipped). A plain `str` part is text, so it is escaped."""
    return Markup("\n").join(p for p in parts if p is not None)


def blocks(*parts: Markup | str | None) -> Markup:
    """Paragraphs separated by an empty line (None and empty parts skipped)."""
    return Markup("\n\n").join(p for p in parts if p)


def shorten(raw: str | None, limit: int) -> str:
    """`raw` as plain text of at most `limit` characters, cut at a word with an ellipsis.

    For lists and one-line previews only; a text relayed between people is split, never
    shortened. Plain text in, plain text out: the catalogue escapes it afterwards."""
    text = raw or ""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ELLIPSIS))]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def as_markup(text: Markup | str) -> Markup:
    """HTML to send: a catalogue text as it is, anything else treated as plain text."""
    return Markup.escape(text)
