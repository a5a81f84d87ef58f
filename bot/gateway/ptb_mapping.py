"""Translations between our neutral types and python-telegram-bot's: keyboards in, errors out.

Kept apart from the gateway so the gateway reads as a list of Bot API calls.
"""

from __future__ import annotations

import json
from functools import lru_cache
from types import TracebackType
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram import error as tg

from bot.gateway import errors
from bot.gateway.ptb_transport import AiohttpRequest
from domain.outbound import Keyboard

PtbMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


class ServerStatus(tg.NetworkError):
    """A 5xx answer. ptb reports 5xx and dropped connections alike as NetworkError; raising this
    from `do_request` (a TelegramError, so ptb passes it through untouched) keeps them apart."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status


class FloodWait(tg.TelegramError):
    """A 429, raised before ptb builds its own RetryAfter: ptb 22's RetryAfter warns about a
    coming type change on every construction, which would litter production logs."""

    def __init__(self, seconds: float, description: str) -> None:
        super().__init__(description)
        self.seconds = seconds


class StatusAwareRequest(AiohttpRequest):
    """ptb's transport (on aiohttp, see ptb_transport) telling server errors from network
    errors (see `ServerStatus`) and reading 429s itself (see `FloodWait`). Only error answers
    are inspected."""

    def answered(self, code: int, payload: bytes) -> tuple[int, bytes]:
        if code >= 500:
            raise ServerStatus(code, _error_body(payload).get("description") or f"HTTP {code}")
        if code == 429:
            body = _error_body(payload)
            seconds = (body.get("parameters") or {}).get("retry_after")
            if isinstance(seconds, int | float):
                raise FloodWait(seconds, body.get("description") or "Too Many Requests")
        return code, payload


def _error_body(payload: bytes) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def to_markup(keyboard: Keyboard | None) -> PtbMarkup | None:
    """Keyboards repeat a lot (the same claim/reply buttons on every card): build each once.

    ptb objects are immutable after construction, so sharing them between calls is safe.
    """
    if keyboard is None:
        return None
    try:
        return _cached_markup(keyboard)
    except TypeError:  # rows given as lists: unhashable, build it every time
        return _build_markup(keyboard)


def to_inline_markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    """Edits accept only inline keyboards; anything else is a programming error."""
    markup = to_markup(keyboard)
    if markup is not None and not isinstance(markup, InlineKeyboardMarkup):
        raise ValueError("only inline keyboards can be attached by an edit")
    return markup


@lru_cache(maxsize=512)
def _cached_markup(keyboard: Keyboard) -> PtbMarkup:
    return _build_markup(keyboard)


def _build_markup(keyboard: Keyboard) -> PtbMarkup:
    if keyboard.remove:
        return ReplyKeyboardRemove()
    if keyboard.inline:
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b.text, callback_data=b.data, url=b.url) for b in row]
                for row in keyboard.rows
            ]
        )
    return ReplyKeyboardMarkup(
        [
            [
                KeyboardButton(
                    b.text,
                    request_contact=b.request_contact or None,
                    request_location=b.request_location or None,
                )
                for b in row
            ]
            for row in keyboard.rows
        ],
        resize_keyboard=True,
        one_time_keyboard=keyboard.one_time or None,
        input_field_placeholder=keyboard.placeholder,
    )


def map_error(exc: tg.TelegramError, chat_id: int | None = None) -> errors.GatewayError:
    """ptb exception → normalised error. Order matters: BadRequest and TimedOut are
    NetworkError subclasses in ptb."""
    if isinstance(exc, FloodWait):
        return errors.RetryAfter(exc.seconds, exc.message)
    if isinstance(exc, tg.RetryAfter):
        return errors.RetryAfter(_retry_seconds(exc), exc.message)
    if isinstance(exc, tg.ChatMigrated):
        return errors.ChatMigrated(exc.new_chat_id, exc.message)
    if isinstance(exc, tg.Forbidden):
        return errors.forbidden_error(exc.message, chat_id)
    if isinstance(exc, tg.BadRequest):
        return errors.bad_request_error(exc.message)
    if isinstance(exc, tg.InvalidToken):
        return errors.Unauthorized(exc.message)
    if isinstance(exc, tg.Conflict):
        return errors.Conflict(exc.message)
    if isinstance(exc, ServerStatus):
        return errors.ServerError(exc.message)
    if isinstance(exc, tg.TimedOut):
        return errors.NetworkTimeout(exc.message)
    if isinstance(exc, tg.NetworkError):
        return errors.NetworkFailure(exc.message)
    return errors.GatewayError(exc.message)


def _retry_seconds(exc: tg.RetryAfter) -> float:
    """ptb 22 keeps a timedelta but its public getter warns about a pending type change."""
    delta = getattr(exc, "_retry_after", None)
    if delta is not None:
        return delta.total_seconds()
    value = exc.retry_after
    return value if isinstance(value, int | float) else value.total_seconds()


class ptb_errors:
    """Re-raise ptb's exceptions as ours; a slotted class is cheaper than @contextmanager."""

    __slots__ = ("chat_id",)

    def __init__(self, chat_id: int | None = None) -> None:
        self.chat_id = chat_id

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if isinstance(exc, tg.TelegramError):
            raise map_error(exc, self.chat_id) from exc
        return False
