"""Splitting a text past Telegram's limit into messages that each fit, without losing a word.

Whatever one person writes to another (an officer's reply, a resolution note, a citizen's added
information) arrives whole: the notice around it (“Reply from DPUPR about ADU-…:”) plus a
4,000-character text is more than one message may hold, so it becomes several, sent in order,
the heading only on the first.

The split works on the visible text, the way Telegram counts it (UTF-16 code units after the
HTML is parsed), so escaping never changes where a text is cut and a cut never falls inside a
character reference. It prefers the end of a paragraph, then of a line, then of a sentence, then
a space; only a text without any of those is cut mid-word (never between a character and the
mark or joiner that belongs to it). A tag open at a cut is closed at the end of one part and
opened again at the start of the next, so every part is well-formed HTML on its own.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from handlers.texts.html import TEXT_LIMIT, Token, tokens, utf16_length

# Where a part may end, best first: after an empty line, a line, a sentence, a space.
_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…。]+[\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)
_JOINERS = {"\u200d", "\u200c", "\u2060"}  # zero-width (non-)joiner, word joiner


def split_html(markup: str, limit: int = TEXT_LIMIT) -> list[Markup]:
    """`markup` as one or more parts, each at most `limit` visible UTF-16 code units."""
    pieces = tokens(markup)
    visible = "".join(t.text for t in pieces if t.text is not None)
    if utf16_length(visible) <= limit:
        return [Markup(markup)]  # noqa: S704  (HTML made by the catalogue)
    cuts = _cuts(visible, limit)
    parts = _render(pieces, cuts)
    return [p for p in parts if _has_text(p)]


def _cuts(text: str, limit: int) -> list[int]:
    """Positions (code point indices) where a new part begins."""
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    cuts: list[int] = []
    start = 0
    while units[-1] - units[start] > limit:
        end = start
        while end < len(text) and units[end + 1] - units[start] <= limit:
            end += 1
        cut = _best_cut(text, start, end)
        cuts.append(cut)
        start = cut
    return cuts


def _best_cut(text: str, start: int, end: int) -> int:
    """The best place to end a part that may run from `start` to `end` (exclusive)."""
    floor = start + max(1, (end - start) // 2)  # fill at least half the part
    window = text[start:end]
    for boundary in _BOUNDARIES:
        ends = [start + m.end() for m in boundary.finditer(window)]
        # A boundary ending right at `end` counts only if its whitespace stops there too.
        good = [e for e in ends if floor <= e <= end]
        if good:
            return good[-1]
    cut = end
    while cut > floor and _clings(text, cut):
        cut -= 1
    return cut if cut > start else end


def _clings(text: str, index: int) -> bool:
    """True when the character at `index` belongs with the one before it (a combining mark,
    a variation selector, a joiner or the character a joiner joins)."""
    if index <= 0 or index >= len(text):
        return False
    char, before = text[index], text[index - 1]
    if unicodedata.combining(char) or char in _JOINERS or before in _JOINERS:
        return True
    if "\ufe00" <= char <= "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff":  # VS, skin tones
        return True
    return "\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= char <= "\U0001f1ff"


def _render(pieces: list[Token], cuts: list[int]) -> list[Markup]:
    """The parts between the cuts, each closing the tags open at its end and reopening them."""
    parts: list[str] = []
    current: list[str] = []
    stack: list[Token] = []
    position, next_cut, pending = 0, 0, False

    def finish() -> None:
        nonlocal current
        current.extend(f"</{t.name}>" for t in reversed(stack))
        parts.append("".join(current))
        current = [t.raw for t in stack]

    for piece in pieces:
        if not piece.is_text and piece.closing:
            current.append(piece.raw)  # a closing tag goes with the text before it
            if stack:
                stack.pop()
            continue
        if pending:
            finish()
            pending = False
        if not piece.is_text:
            current.append(piece.raw)
            stack.append(piece)
            continue
        text = piece.text or ""
        while next_cut < len(cuts) and cuts[next_cut] < position + len(text):
            head = text[: cuts[next_cut] - position]
            current.append(str(escape(head)))
            position += len(head)
            text = text[len(head) :]
            finish()
            next_cut += 1
        current.append(str(escape(text)))
        position += len(text)
        if next_cut < len(cuts) and cuts[next_cut] == position:
            pending = True
            next_cut += 1
    parts.append("".join(current))
    return [Markup(p) for p in parts]  # noqa: S704  (its own tags, its text re-escaped)


def _has_text(part: str) -> bool:
    return any(t.text and t.text.strip() for t in tokens(part))
