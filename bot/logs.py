"""Structured logs that never carry the bot token, and keep personal data out of INFO.

Libraries log request URLs, and a Bot API URL contains the token (`/bot<token>/method`), so a
filter scrubs every record, and the noisy HTTP loggers are turned down to WARNING.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

_TOKEN_IN_URL = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_BARE_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}\b")
NOISY_LOGGERS = (
    "httpx",
    "httpcore",
    "aiohttp.access",
    "aiohttp.client",
    "telegram",
    "aiogram",
    "aiosqlite",
    "asyncio",
    "apscheduler",
)


def redact(text: str, token: str | None = None) -> str:
    if token:
        text = text.replace(token, "<token>")
    text = _TOKEN_IN_URL.sub("bot<token>", text)
    return _BARE_TOKEN.sub("<token>", text)


class RedactingFilter(logging.Filter):
    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.token)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.token)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy to ship to any log store and to grep."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "t": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        extra = getattr(record, "fields", None)
        if isinstance(extra, dict):
            entry.update(extra)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(
    level: str = "INFO", token: str | None = None, *, json_lines: bool = True
) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter(token))
    handler.setFormatter(
        JsonFormatter() if json_lines else logging.Formatter("%(levelname)s %(name)s %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
