"""parse_mode parsing (HTML, MarkdownV2, Markdown) and entity auto-detection."""

from __future__ import annotations

import pytest

from playground.emulator.entities import detect, parse
from playground.emulator.validation import ApiError


def entity(kind: str, offset: int, length: int, **extra: str) -> dict[str, object]:
    return {"type": kind, "offset": offset, "length": length, **extra}


@pytest.mark.parametrize(
    ("mode", "source", "text", "entities"),
    [
        (
            "HTML",
            "<b>bold</b> and <i>it</i>",
            "bold and it",
            [entity("bold", 0, 4), entity("italic", 9, 2)],
        ),
        ("HTML", "<b>a <i>b</i></b>", "a b", [entity("bold", 0, 3), entity("italic", 2, 1)]),
        (
            "HTML",
            '<a href="https://x.id/?a=1&amp;b=2">link</a>',
            "link",
            [entity("text_link", 0, 4, url="https://x.id/?a=1&b=2")],
        ),
        ("HTML", "1 &lt; 2 &amp;&amp; 3 &gt; 2 &#128512;", "1 < 2 && 3 > 2 😀", []),
        (
            "HTML",
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [entity("pre", 0, 5, language="python")],
        ),
        (
            "HTML",
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [entity("spoiler", 0, 1), entity("spoiler", 1, 1)],
        ),
        ("HTML", "😀<b>x</b>", "😀x", [entity("bold", 2, 1)]),  # UTF-16 offsets
        (
            "MarkdownV2",
            "*bold* _it_ __u__ ~s~ ||sp||",
            "bold it u s sp",
            [
                entity("bold", 0, 4),
                entity("italic", 5, 2),
                entity("underline", 8, 1),
                entity("strikethrough", 10, 1),
                entity("spoiler", 12, 2),
            ],
        ),
        ("MarkdownV2", r"Price: 5\.000\! \(approx\)", "Price: 5.000! (approx)", []),
        (
            "MarkdownV2",
            "[site](https://x.id/a\\)b)",
            "site",
            [entity("text_link", 0, 4, url="https://x.id/a)b")],
        ),
        (
            "MarkdownV2",
            "`code` ```py\nprint()```",
            "code print()",
            [entity("code", 0, 4), entity("pre", 5, 7, language="py")],
        ),
        (
            "MarkdownV2",
            ">quoted\n>more\nafter",
            "quoted\nmore\nafter",
            [entity("blockquote", 0, 11)],
        ),
        (
            "Markdown",
            "*b* _i_ `c` [t](http://x.id)",
            "b i c t",
            [
                entity("bold", 0, 1),
                entity("italic", 2, 1),
                entity("code", 4, 1),
                entity("text_link", 6, 1, url="http://x.id"),
            ],
        ),
        (None, "<b>not parsed</b>", "<b>not parsed</b>", []),
    ],
)
def test_parse(mode: str | None, source: str, text: str, entities: list[object]) -> None:
    assert parse(source, mode) == (text, entities)


@pytest.mark.parametrize(
    ("mode", "source", "detail"),
    [
        ("HTML", "<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("HTML", "<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("HTML", "é<b>x</i>", 'Unmatched end tag at byte offset 6, expected "</b>", found "</i>"'),
        ("HTML", "x</b>", "Unexpected end tag at byte offset 1"),
        ("HTML", "<b", "Unclosed start tag at byte offset 0"),
        ("HTML", "<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "MarkdownV2",
            "Hi!",
            "Character '!' is reserved and must be escaped with the preceding '\\'",
        ),
        ("MarkdownV2", "a *bold", "Can't find end of Bold entity at byte offset 2"),
        ("MarkdownV2", "`code", "Can't find end of Code entity at byte offset 0"),
        ("Markdown", "x *bold", "Can't find end of the entity starting at byte offset 2"),
    ],
)
def test_parse_errors(mode: str, source: str, detail: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse(source, mode)
    assert caught.value.code == 400
    assert caught.value.description == f"Bad Request: can't parse entities: {detail}"


def test_unknown_parse_mode() -> None:
    with pytest.raises(ApiError):
        parse("x", "BBCode")


def test_detect_commands_mentions_hashtags_urls() -> None:
    text = "/lapor@aduan_bot jalan rusak #jalan cc @lurah_solo https://solo.id/x"
    kinds = [(e["type"], text[e["offset"] : e["offset"] + e["length"]]) for e in detect(text)]
    assert kinds == [
        ("bot_command", "/lapor@aduan_bot"),
        ("hashtag", "#jalan"),
        ("mention", "@lurah_solo"),
        ("url", "https://solo.id/x"),
    ]


def test_detect_keeps_explicit_entities_and_counts_utf16() -> None:
    explicit = [entity("bold", 0, 2)]
    found = detect("😀 /start", explicit)
    assert found == [entity("bold", 0, 2), entity("bot_command", 3, 6)]
