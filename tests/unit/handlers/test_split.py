"""Splitting a long text: where it is cut, how Telegram's length is counted, and that every
part is valid HTML on its own; then how a message becomes several (buttons on the last)."""

from __future__ import annotations

from markupsafe import Markup

from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from handlers.texts import message_parts, split_html
from handlers.texts.html import plain_text, utf16_length
from playground.emulator.entities import parse_html


def _visible(parts: list[Markup]) -> list[str]:
    return [parse_html(p)[0] for p in parts]  # the emulator's parser: raises on bad HTML


def test_a_text_that_fits_is_left_alone() -> None:
    text = Markup("<b>Halo</b> &amp; selamat")
    assert split_html(text, 20) == [text]


def test_a_cut_prefers_a_paragraph_then_a_sentence_then_a_space() -> None:
    paragraphs = Markup("A" * 50 + ". " + "B" * 30 + "\n\n" + "C" * 60)
    first, second = _visible(split_html(paragraphs, 100))
    assert first.rstrip() == "A" * 50 + ". " + "B" * 30 and second == "C" * 60

    sentences = Markup("Satu dua tiga. " * 10)
    parts = _visible(split_html(sentences, 70))
    assert all(p.rstrip().endswith(".") for p in parts)
    assert "".join(parts) == plain_text(sentences)

    words = Markup("kata " * 40)
    parts = _visible(split_html(words, 33))
    assert all(not p.startswith(" ") and p.rstrip().endswith("kata") for p in parts)


def test_a_part_is_never_mostly_empty_for_a_boundary_near_its_start() -> None:
    text = Markup("💬 Reply from DPUPR:\n" + "panjang " * 600)
    first, *_ = _visible(split_html(text, 4096))
    assert len(first) > 2048  # not just the heading alone


def test_length_is_counted_in_utf16_after_parsing() -> None:
    emoji = Markup("🙂" * 3000)  # 2 code units each: 6,000 units
    parts = _visible(split_html(emoji, 4096))
    assert [utf16_length(p) for p in parts] == [4096, 1904]
    escaped = Markup("&lt;" * 4000)  # 16,000 characters of HTML, 4,000 visible
    assert len(split_html(escaped, 4096)) == 1


def test_a_cut_never_separates_a_joined_emoji_or_a_mark() -> None:
    family = "👨\u200d👩\u200d👧"
    text = Markup(family * 700)  # no space anywhere: cut by characters
    parts = _visible(split_html(text, 1000))
    assert all(p.startswith("👨") and p.endswith("👧") for p in parts)
    assert "".join(parts) == family * 700


def test_tags_open_at_a_cut_are_closed_and_reopened() -> None:
    text = Markup('<b>Judul</b>\n<i>{}</i> <a href="https://x.id/?a=1&amp;b=2">peta</a>').format(
        "kalimat panjang. " * 40
    )
    parts = split_html(text, 300)
    assert len(parts) >= 3
    for part in parts:
        parse_html(part)
    assert parts[1].startswith("<i>") and parts[0].endswith("</i>")
    assert "".join(_visible(parts)) == plain_text(text)


def test_a_long_message_becomes_parts_with_the_buttons_on_the_last() -> None:
    keyboard = Keyboard(((Button("Ya", data="x"),),))
    message = Outbound(
        chat_id=7,
        text=Markup("<b>Balasan</b>\n") + "teks. " * 1500,
        keyboard=keyboard,
        reply_to_message_id=5,
        ticket_id=3,
        link_purpose="notice",
    )
    parts = message_parts(message)
    assert len(parts) == 3
    assert [p.keyboard for p in parts] == [None, None, keyboard]
    assert [p.reply_to_message_id for p in parts] == [5, None, None]
    assert {(p.ticket_id, p.link_purpose, p.kind) for p in parts} == {
        (3, "notice", OutboundKind.TEXT)
    }


def test_a_plain_string_is_text_and_a_long_caption_continues_as_text() -> None:
    (plain,) = message_parts(Outbound(chat_id=1, text="a <b> & c", parse_mode=None))
    assert plain.text == "a &lt;b&gt; &amp; c" and plain.parse_mode == "HTML"
    photo = Outbound(chat_id=1, kind=OutboundKind.PHOTO, photos=["f"], text=Markup("x " * 900))
    media, *rest = message_parts(photo)
    assert media.kind is OutboundKind.PHOTO and utf16_length(plain_text(media.text or "")) <= 1024
    assert rest and all(p.kind is OutboundKind.TEXT and not p.photos for p in rest)
