"""Messages as they may be queued: HTML built by the catalogue, and split past Telegram's limits.

Everything the handlers and the scheduler queue goes through `queue` (or `message_parts`), so
two rules hold for every message whoever writes it:
- its text is HTML: a catalogue text is kept as it is, any other string is treated as plain
  text and escaped;
- a text past 4,096 visible characters (a caption past 1,024) becomes several messages in
  order. The keyboard goes on the last part (it answers the whole text), a reply-to on the first,
  and every part keeps the ticket link, so a reply to any part reaches the ticket.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from markupsafe import Markup

from domain.outbound import Outbound, OutboundKind
from domain.ports import OutboxRepository
from handlers.texts.html import CAPTION_LIMIT, TEXT_LIMIT, as_markup, utf16_length
from handlers.texts.split import split_html

CAPTIONED = (OutboundKind.PHOTO, OutboundKind.ALBUM, OutboundKind.DOCUMENT)


def message_parts(message: Outbound) -> list[Outbound]:
    """`message` as one or more messages that Telegram accepts (edits are never split)."""
    if message.text is None or message.kind not in (OutboundKind.TEXT, *CAPTIONED):
        return [message]
    limit = TEXT_LIMIT if message.kind is OutboundKind.TEXT else CAPTION_LIMIT
    html = message.text
    if isinstance(html, Markup) and message.parse_mode == "HTML" and utf16_length(html) <= limit:
        return [message]  # the usual case: a catalogue text that fits, even counting its tags
    html = as_markup(html)
    texts = split_html(html, limit)
    if len(texts) == 1:
        return [dataclasses.replace(message, text=texts[0], parse_mode="HTML")]
    first = dataclasses.replace(message, text=texts[0], parse_mode="HTML", keyboard=None)
    rest = [
        dataclasses.replace(
            message,
            kind=OutboundKind.TEXT,
            text=text,
            parse_mode="HTML",
            photos=[],
            upload_id=None,
            reply_to_message_id=None,
            reply_link_purpose=None,
            keyboard=None,
        )
        for text in texts[1:]
    ]
    rest[-1].keyboard = message.keyboard
    return [first, *rest]


def all_parts(messages: Iterable[Outbound]) -> list[Outbound]:
    return [part for message in messages for part in message_parts(message)]


async def queue(outbox: OutboxRepository, *messages: Outbound) -> list[Outbound]:
    """Queue `messages` (split where needed) in this unit of work; returns what was queued."""
    parts = all_parts(messages)
    if len(parts) == 1:
        await outbox.add(parts[0])
    elif parts:
        await outbox.add_all(parts)
    return parts
