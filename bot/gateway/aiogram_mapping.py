"""Translations between our neutral types and aiogram's: keyboards in, errors out, and a
getUpdates that keeps Telegram's raw JSON."""

from __future__ import annotations

from functools import lru_cache
from types import TracebackType
from typing import Any

import aiohttp
from aiogram.exceptions import (
    AiogramError,
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods.base import TelegramMethod
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.gateway import errors
from domain.outbound import Keyboard

AiogramMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


class RawGetUpdates(TelegramMethod[list[dict[str, Any]]]):
    """getUpdates answering plain dicts: the inbox stores Telegram's JSON as is, and parsing
    into `Update` models here would be thrown away (each update is parsed once, later)."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


def to_markup(keyboard: Keyboard | None) -> AiogramMarkup | None:
    """Build each distinct keyboard once; aiogram models are frozen, so sharing is safe."""
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
def _cached_markup(keyboard: Keyboard) -> AiogramMarkup:
    return _build_markup(keyboard)


def _build_markup(keyboard: Keyboard) -> AiogramMarkup:
    if keyboard.remove:
        return ReplyKeyboardRemove(remove_keyboard=True)
    if keyboard.inline:
        return InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text=b.text, callback_data=b.data, url=b.url) for b in row]
                for row in keyboard.rows
            ]
        )
    return ReplyKeyboardMarkup(
        keyboard=[
            [
                KeyboardButton(
                    text=b.text,
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


def _original(exc: TelegramAPIError) -> str:
    """aiogram rewrites the text of retry/migrate errors; recover Telegram's description."""
    marker = "\nOriginal description: "
    message = exc.message
    return message.split(marker, 1)[1] if marker in message else message


def map_error(exc: BaseException, chat_id: int | None = None) -> errors.GatewayError | None:
    """aiogram (or raw aiohttp, from file downloads) exception → normalised error; None for
    exceptions that are not about talking to Telegram."""
    if isinstance(exc, TelegramRetryAfter):
        return errors.RetryAfter(float(exc.retry_after), _original(exc))
    if isinstance(exc, TelegramMigrateToChat):
        return errors.ChatMigrated(exc.migrate_to_chat_id, _original(exc))
    if isinstance(exc, TelegramForbiddenError):
        return errors.forbidden_error(exc.message, chat_id)
    if isinstance(exc, TelegramBadRequest | TelegramEntityTooLarge):
        return errors.bad_request_error(exc.message)
    if isinstance(exc, TelegramUnauthorizedError | TelegramNotFound):
        return errors.Unauthorized(exc.message)
    if isinstance(exc, TelegramConflictError):
        return errors.Conflict(exc.message)
    if isinstance(exc, TelegramServerError | ClientDecodeError):
        return errors.ServerError(getattr(exc, "message", str(exc)))
    if isinstance(exc, TelegramNetworkError):
        if isinstance(exc.__cause__, TimeoutError):
            return errors.NetworkTimeout(exc.message)
        return errors.NetworkFailure(exc.message)
    if isinstance(exc, TelegramAPIError):
        return errors.GatewayError(exc.message)
    if isinstance(exc, aiohttp.ClientResponseError):  # file download, raise_for_status
        if exc.status >= 500:
            return errors.ServerError(exc.message)
        if exc.status in (401, 404):
            return errors.BadRequest(f"file not available: {exc.status} {exc.message}")
        return errors.BadRequest(exc.message)
    if isinstance(exc, TimeoutError):
        return errors.NetworkTimeout("Request timeout error")
    if isinstance(exc, aiohttp.ClientError):
        return errors.NetworkFailure(f"{type(exc).__name__}: {exc}")
    if isinstance(exc, AiogramError):
        return errors.GatewayError(str(exc))
    return None


class aiogram_errors:
    """Re-raise aiogram's exceptions as ours; a slotted class is cheaper than @contextmanager."""

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
        if exc is None or isinstance(exc, errors.GatewayError):
            return False
        mapped = map_error(exc, self.chat_id)
        if mapped is not None:
            raise mapped from exc
        return False
