"""Putting citizens' and officers' words into HTML messages that Telegram will accept.

Every message goes out with parse_mode=HTML, so user text must be escaped, and escaping can
make a 2,000-character description longer than Telegram's 4,096. Values are therefore clipped
after escaping, to a budget, so that no template can overflow whatever people type.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

TEXT_LIMIT = 4096  # Telegram's limit for a message text
VALUE_BUDGET = 2200  # one description or note: 2,000 characters and a little escaping room
ELLIPSIS = "…"


def clip(raw: str | None, budget: int = VALUE_BUDGET) -> str:
    """`raw` escaped for HTML, shortened (with an ellipsis) so the escaped text fits `budget`.

    Cutting the raw text rather than the escaped one never splits an entity like `&amp;`.
    """
    text = raw or ""
    escaped = escape(text, quote=False)
    if len(escaped) <= budget:
        return escaped
    room = max(0, budget - len(ELLIPSIS))
    low, high = 0, len(text)  # the longest prefix whose escaped form fits `room`
    while low < high:
        middle = (low + high + 1) // 2
        if len(escape(text[:middle], quote=False)) <= room:
            low = middle
        else:
            high = middle - 1
    return escape(text[:low], quote=False).rstrip() + ELLIPSIS


def one_line(raw: str | None, budget: int) -> str:
    """A value shown on one line (a timeline entry, a list row): newlines folded."""
    return clip(" ".join((raw or "").split()), budget)


def short_when(language: str, moment: datetime, tz: str) -> str:
    """A timeline date, e.g. '2 Nov 2026, 09:00', in the city's time zone."""
    return format_datetime(moment.astimezone(ZoneInfo(tz)), "d MMM yyyy, HH:mm", locale=language)


def fit_lines(head: str, lines: Sequence[str], tail: str = "", limit: int = TEXT_LIMIT) -> str:
    """`head`, as many of the *newest* `lines` as fit, then `tail`; one message, ≤ `limit`.

    A long-running ticket's timeline can outgrow one message; the latest events matter most,
    so the oldest are dropped first and replaced by an ellipsis line.
    """
    budget = limit - len(head) - len(tail) - 4
    kept: list[str] = []
    used = 0
    for line in reversed(lines):
        if used + len(line) + 1 > budget:
            kept.append(ELLIPSIS)
            break
        kept.append(line)
        used += len(line) + 1
    body = "\n".join(reversed(kept))
    return "\n".join(part for part in (head, body, tail) if part)
