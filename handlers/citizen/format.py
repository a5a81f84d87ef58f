"""Fitting people's words into the citizen's messages: shortened where a list needs one line,
never escaped here.

Escaping is the catalogue's job (every argument it gets is escaped), so a value is shortened
as the plain text it is, before it reaches the catalogue: a cut never falls inside `&amp;`, and
the length that counts is the one the citizen sees. Only lists shorten (a timeline entry, a
file name in a refusal); a text relayed from one person to another is never shortened, it is
split into several messages instead (handlers.texts.parts).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from markupsafe import Markup

from handlers.texts import TEXT_LIMIT, lines
from handlers.texts.html import shorten, visible_length

__all__ = ["fit_lines", "one_line", "short_when", "shorten"]


def one_line(raw: str | None, limit: int) -> str:
    """A value shown on one line (a timeline entry, a list row): newlines folded."""
    return shorten(" ".join((raw or "").split()), limit)


def short_when(language: str, moment: datetime, tz: str) -> str:
    """A timeline date, e.g. '2 Nov 2026, 09:00', in the city's time zone."""
    return format_datetime(moment.astimezone(ZoneInfo(tz)), "d MMM yyyy, HH:mm", locale=language)


def fit_lines(
    head: Markup, items: Sequence[Markup], tail: Markup | None = None, limit: int = TEXT_LIMIT
) -> Markup:
    """`head`, as many of the *newest* `items` as fit, then `tail`; one message, ≤ `limit`.

    A long-running ticket's timeline can outgrow one message; the latest events matter most,
    so the oldest are dropped first and replaced by an ellipsis line. Lengths are what the
    citizen sees (tags and character references do not count, as in Telegram).
    """
    budget = limit - visible_length(head) - (visible_length(tail) if tail else 0) - 4
    kept: list[Markup] = []
    used = 0
    for item in reversed(items):
        size = visible_length(item) + 1
        if used + size > budget:
            kept.append(Markup("…"))
            break
        kept.append(item)
        used += size
    body = lines(reversed(kept))
    return lines(part for part in (head, body, tail) if part)
