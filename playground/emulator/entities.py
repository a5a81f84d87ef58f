"""Formatting: ``parse_mode`` parsing and entity auto-detection, as Telegram does it.

A bot that sends broken HTML gets ``400 Bad Request: can't parse entities: ...`` from
Telegram, and the message that arrives has plain text plus an ``entities`` array whose
offsets and lengths count UTF-16 code units. Tests that check formatting (and the playground
that renders it) need both behaviours, so the parsers here follow TDLib's rules and error
wording closely enough for a bot to meet the same failures it would meet in production.
"""

from __future__ import annotations

import re
from typing import Any

from playground.emulator.validation import ApiError, bad_request, utf16_len

Entity = dict[str, Any]


class Builder:
    """Accumulates plain text while tracking the UTF-16 position entity offsets need."""

    __slots__ = ("entities", "parts", "pos")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[Entity] = []

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.pos += utf16_len(chunk)

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        length = self.pos - start
        if length > 0:
            self.entities.append({"type": kind, "offset": start, "length": length, **extra})

    def result(self) -> tuple[str, list[Entity]]:
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


def parse_error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


# --- HTML ---------------------------------------------------------------------------------

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TEXT_RUN = re.compile(r"[^<&]+")
_CHAR_REF = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});")
_TAG_NAME = re.compile(r"[a-zA-Z0-9-]+")
_ATTRIBUTE = re.compile(r"""([a-zA-Z0-9_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_SPACE = re.compile(r"\s*")


def _char_ref(body: str) -> str | None:
    if body[0] != "#":
        return _NAMED.get(body)
    code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)
    return None


def _unescape(value: str) -> str:
    return _CHAR_REF.sub(lambda m: _char_ref(m.group(1)) or m.group(0), value)


def _close_html(out: Builder, tag: str, start: int, attrs: dict[str, str]) -> None:
    kind = _HTML_TAGS[tag]
    if kind == "text_link":
        url = attrs.get("href", "")
        if url:
            out.entity("text_link", start, url=url)
    elif kind == "pre":
        language = attrs.get("\0language")
        if language:
            out.entity("pre", start, language=language)
        else:
            out.entity("pre", start)
    elif kind == "blockquote":
        out.entity("expandable_blockquote" if "expandable" in attrs else "blockquote", start)
    elif kind == "custom_emoji":
        out.entity("custom_emoji", start, custom_emoji_id=attrs.get("emoji-id", ""))
    else:
        out.entity(kind, start)


def parse_html(text: str) -> tuple[str, list[Entity]]:
    out = Builder()
    stack: list[tuple[str, int, dict[str, str]]] = []
    i, n = 0, len(text)
    while i < n:
        run = _TEXT_RUN.match(text, i)
        if run:
            out.add(run.group())
            i = run.end()
            continue
        if text[i] == "&":
            ref = _CHAR_REF.match(text, i)
            decoded = _char_ref(ref.group(1)) if ref else None
            if ref and decoded is not None:
                out.add(decoded)
                i = ref.end()
            else:
                out.add("&")
                i += 1
            continue
        if text.startswith("</", i):
            end = text.find(">", i)
            if end == -1:
                raise parse_error(f"Unclosed end tag at byte offset {byte_offset(text, i)}")
            name = text[i + 2 : end].strip().lower()
            if not stack:
                raise parse_error(f"Unexpected end tag at byte offset {byte_offset(text, i)}")
            tag, start, attrs = stack.pop()
            if name and name != tag:
                raise parse_error(
                    f"Unmatched end tag at byte offset {byte_offset(text, i)}, "
                    f'expected "</{tag}>", found "</{name}>"'
                )
            if tag == "code" and stack and stack[-1][0] == "pre" and stack[-1][1] == start:
                css = attrs.get("class", "")
                if css.startswith("language-"):
                    stack[-1][2]["\0language"] = css.removeprefix("language-")
            else:
                _close_html(out, tag, start, attrs)
            i = end + 1
            continue
        name_match = _TAG_NAME.match(text, i + 1)
        name = name_match.group().lower() if name_match else ""
        if name not in _HTML_TAGS:
            offset = byte_offset(text, i)
            raise parse_error(f'Unsupported start tag "{name}" at byte offset {offset}')
        j = name_match.end() if name_match else i + 1
        attrs: dict[str, str] = {}
        while True:
            j = _SPACE.match(text, j).end()  # type: ignore[union-attr]
            if j >= n:
                raise parse_error(f"Unclosed start tag at byte offset {byte_offset(text, i)}")
            if text[j] == ">":
                j += 1
                break
            attribute = _ATTRIBUTE.match(text, j)
            if not attribute:
                raise parse_error(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" at '
                    f"byte offset {byte_offset(text, j)}"
                )
            value = next((g for g in attribute.groups()[1:] if g is not None), "")
            attrs[attribute.group(1).lower()] = _unescape(value)
            j = attribute.end()
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise parse_error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(text, i)}'
            )
        stack.append((name, out.pos, attrs))
        i = j
    if stack:
        raise parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


# --- dispatch and auto-detection ----------------------------------------------------------


def parse(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Plain text and entities for ``text`` under ``parse_mode`` (``None`` = plain)."""
    from playground.emulator.markdown import parse_markdown, parse_markdown_v2

    mode = (parse_mode or "").lower()
    if not mode:
        return text, []
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise bad_request(f"unsupported parse_mode {parse_mode}")


_AUTO = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"]+)"
    r"|(?P<bot_command>(?<!\S)/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/]))"
    r"|(?P<mention>(?<![\w@])@[a-zA-Z0-9_]{4,32}\b)"
    r"|(?P<hashtag>(?<![\w#])#\w*[^\W\d]\w*)"
)
_AUTO_HINT = re.compile(r"[/@#:]")


def detect(text: str, explicit: list[Entity] | None = None) -> list[Entity]:
    """Entities Telegram finds by itself: bot commands, mentions, hashtags and URLs.

    Detected entities that overlap an explicit one are dropped, as in Telegram.
    """
    found: list[Entity] = list(explicit or ())
    if not _AUTO_HINT.search(text):
        return found
    ascii_only = text.isascii()
    taken = [(e["offset"], e["offset"] + e["length"]) for e in found]
    for match in _AUTO.finditer(text):
        start, end = match.span()
        if not ascii_only:
            start, end = utf16_len(text[:start]), utf16_len(text[:end])
        if any(a < end and start < b for a, b in taken):
            continue
        found.append({"type": match.lastgroup, "offset": start, "length": end - start})
    found.sort(key=lambda e: (e["offset"], -e["length"]))
    return found


def check_explicit(text: str, entities: Any) -> list[Entity]:
    """Validate an ``entities`` / ``caption_entities`` parameter against its text."""
    if entities is None:
        return []
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    size = utf16_len(text)
    result: list[Entity] = []
    for entity in entities:
        if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
            raise bad_request('can\'t parse MessageEntity: Field "type" must be of type String')
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request("can't parse MessageEntity: offset and length must be Integer")
        if offset < 0 or length <= 0 or offset + length > size:
            continue
        result.append(entity)
    result.sort(key=lambda e: (e["offset"], -e["length"]))
    return result
