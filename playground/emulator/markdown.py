"""MarkdownV2 and legacy Markdown parsing with Telegram's rules and error messages.

MarkdownV2 is the mode bots most often get wrong (every ``.`` and ``-`` must be escaped), so
its reserved-character and unclosed-entity errors are reproduced word for word: a bot that
passes here will not meet "can't parse entities" in production for the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playground.emulator.entities import Builder, Entity, byte_offset, parse_error

_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_TYPE_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_V2_PLAIN = re.compile(r"[^\\_*\[\]()~`>#+\-=|{}.!\n]+")


@dataclass(slots=True)
class _Open:
    kind: str
    start: int  # UTF-16 position in the output
    index: int  # index in the source, for byte offsets in errors
    language: str = ""


def _reserved(char: str) -> Exception:
    return parse_error(
        f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
    )


def _unclosed(text: str, opened: _Open) -> Exception:
    name = _TYPE_NAMES.get(opened.kind, opened.kind)
    return parse_error(
        f"Can't find end of {name} entity at byte offset {byte_offset(text, opened.index)}"
    )


def _toggle(text: str, out: Builder, stack: list[_Open], kind: str, index: int) -> None:
    if stack and stack[-1].kind == kind:
        opened = stack.pop()
        out.entity(kind, opened.start)
        return
    if any(o.kind == kind for o in stack):
        raise _unclosed(text, stack[-1])
    stack.append(_Open(kind, out.pos, index))


def _link_target(text: str, i: int) -> tuple[str, int]:
    """Parse ``(url)`` starting at ``text[i] == '('``; returns the URL and the next index."""
    url: list[str] = []
    j = i + 1
    while j < len(text):
        char = text[j]
        if char == "\\" and j + 1 < len(text):
            url.append(text[j + 1])
            j += 2
            continue
        if char == ")":
            return "".join(url), j + 1
        url.append(char)
        j += 1
    raise parse_error(f"Can't find end of a URL at byte offset {byte_offset(text, i)}")


def parse_markdown_v2(text: str) -> tuple[str, list[Entity]]:
    out = Builder()
    stack: list[_Open] = []
    quote: int | None = None
    i, n = 0, len(text)
    while i < n:
        top = stack[-1] if stack else None
        char = text[i]
        if char == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        if top is not None and top.kind in ("code", "pre"):
            if char != "`":
                out.add(char)
                i += 1
            elif top.kind == "code":
                stack.pop()
                out.entity("code", top.start)
                i += 1
            elif text.startswith("```", i):
                stack.pop()
                if top.language:
                    out.entity("pre", top.start, language=top.language)
                else:
                    out.entity("pre", top.start)
                i += 3
            else:
                raise _reserved(char)
            continue
        plain = _V2_PLAIN.match(text, i)
        if plain:
            out.add(plain.group())
            i = plain.end()
            continue
        if char == "\n":
            if quote is not None and not text.startswith(">", i + 1):
                out.entity("blockquote", quote)
                quote = None
            out.add(char)
            i += 1
        elif char == ">" and (i == 0 or text[i - 1] == "\n") and not stack:
            quote = out.pos if quote is None else quote
            i += 1
        elif char in "*~":
            _toggle(text, out, stack, "bold" if char == "*" else "strikethrough", i)
            i += 1
        elif char == "_":
            double = text.startswith("__", i)
            _toggle(text, out, stack, "underline" if double else "italic", i)
            i += 2 if double else 1
        elif char == "|" and text.startswith("||", i):
            _toggle(text, out, stack, "spoiler", i)
            i += 2
        elif char == "`":
            if text.startswith("```", i):
                j = i + 3
                newline = text.find("\n", j)
                first_line = text[j:newline] if newline != -1 else ""
                language = first_line if first_line and " " not in first_line else ""
                opened = _Open("pre", out.pos, i, language)
                i = newline + 1 if language else j
                stack.append(opened)
            else:
                stack.append(_Open("code", out.pos, i))
                i += 1
        elif char == "[":
            stack.append(_Open("text_link", out.pos, i))
            i += 1
        elif char == "!" and text.startswith("![", i):
            stack.append(_Open("custom_emoji", out.pos, i))
            i += 2
        elif char == "]" and top is not None and top.kind in ("text_link", "custom_emoji"):
            stack.pop()
            i += 1
            if i < n and text[i] == "(":
                url, i = _link_target(text, i)
                if top.kind == "custom_emoji":
                    emoji_id = url.rpartition("id=")[2]
                    out.entity("custom_emoji", top.start, custom_emoji_id=emoji_id)
                elif url:
                    out.entity("text_link", top.start, url=url)
        else:
            raise _reserved(char)
    if stack:
        raise _unclosed(text, stack[-1])
    if quote is not None:
        out.entity("blockquote", quote)
    return out.result()


_LEGACY_PLAIN = re.compile(r"[^\\_*`\[]+")
_LEGACY_KINDS = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Legacy ``Markdown``: no nesting, ``*bold*``, ``_italic_``, ``[text](url)``, code."""
    out = Builder()
    i, n = 0, len(text)
    while i < n:
        plain = _LEGACY_PLAIN.match(text, i)
        if plain:
            out.add(plain.group())
            i = plain.end()
            continue
        char = text[i]
        if char == "\\":
            if i + 1 < n and text[i + 1] in "_*`[":
                out.add(text[i + 1])
                i += 2
            else:
                out.add(char)
                i += 1
            continue
        begin = i
        if text.startswith("```", i):
            j = i + 3
            end = text.find("```", j)
            if end == -1:
                raise _legacy_unclosed(text, begin)
            body = text[j:end]
            newline = body.find("\n")
            language = body[:newline] if newline > 0 and " " not in body[:newline] else ""
            start = out.pos
            out.add(body[newline + 1 :] if language else body)
            if language:
                out.entity("pre", start, language=language)
            else:
                out.entity("pre", start)
            i = end + 3
            continue
        end_char = "]" if char == "[" else char
        end = text.find(end_char, i + 1)
        if end == -1:
            raise _legacy_unclosed(text, begin)
        start = out.pos
        out.add(text[i + 1 : end])
        i = end + 1
        if char != "[":
            out.entity(_LEGACY_KINDS[char], start)
            continue
        if i < n and text[i] == "(":
            close = text.find(")", i)
            if close == -1:
                raise _legacy_unclosed(text, i)
            url = text[i + 1 : close]
            if url:
                out.entity("text_link", start, url=url)
            i = close + 1
    return out.result()


def _legacy_unclosed(text: str, index: int) -> Exception:
    return parse_error(
        f"Can't find end of the entity starting at byte offset {byte_offset(text, index)}"
    )
