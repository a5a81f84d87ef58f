"""Every user-facing string, in Indonesian (default) and English, from Fluent catalogues, as
Telegram HTML that is safe by construction (see catalogue.py), split to Telegram's limits
(split.py, parts.py)."""

from markupsafe import Markup

from handlers.texts.catalogue import Catalogue, default_catalogue
from handlers.texts.html import CAPTION_LIMIT, TEXT_LIMIT, blocks, lines, plain_text
from handlers.texts.parts import message_parts, queue
from handlers.texts.split import split_html

__all__ = [
    "CAPTION_LIMIT",
    "TEXT_LIMIT",
    "Catalogue",
    "Markup",
    "blocks",
    "default_catalogue",
    "lines",
    "message_parts",
    "plain_text",
    "queue",
    "split_html",
]
