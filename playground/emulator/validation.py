"""Bot API errors and parameter access, shaped exactly like Telegram's answers.

Bot libraries decide which exception to raise from the HTTP status, the ``description`` and
the ``parameters`` object, so every refusal in the emulator goes through :class:`ApiError`
and the helpers below: one place that knows Telegram's wording.

:class:`Params` hides how a request was encoded. Telegram accepts the same method as a GET
query, JSON, form-encoded or multipart body; in the last three every non-string value may
arrive as a JSON-encoded string ("123", "true", '{"inline_keyboard": ...}'), so values are
decoded lazily by the type the method asks for, never guessed up front.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class ApiError(Exception):
    """A refusal, rendered as ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    return ApiError(403, f"Forbidden: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def chat_migrated(new_chat_id: int) -> ApiError:
    return ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        {"migrate_to_chat_id": new_chat_id},
    )


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


CHAT_NOT_FOUND = "chat not found"
MESSAGE_TEXT_EMPTY = "message text is empty"
MESSAGE_TOO_LONG = "message is too long"
CAPTION_TOO_LONG = "message caption is too long"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_INLINE_BUTTONS = 100


def utf16_len(text: str) -> int:
    """Telegram measures text (and entity offsets) in UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


@dataclass(slots=True)
class UploadedFile:
    """One file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


_TRUE = frozenset({"true", "1", "True", "TRUE", "yes", "on"})


class Params:
    """Typed, encoding-agnostic access to one request's parameters."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]):
        self._data = data

    def __contains__(self, name: str) -> bool:
        value = self._data.get(name)
        return value is not None and value != ""

    def raw(self, name: str) -> Any:
        return self._data.get(name)

    def names(self) -> list[str]:
        return list(self._data)

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self._data.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, UploadedFile):
            return default
        return json.dumps(value)

    def int(self, name: str, default: int | None = None) -> int | None:
        value = self._data.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            try:
                return int(float(value))
            except (TypeError, ValueError):
                raise bad_request(f"invalid {name} specified") from None

    def float(self, name: str, default: float | None = None) -> float | None:
        value = self._data.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def bool(self, name: str, default: bool = False) -> bool:
        value = self._data.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return bool(value)
        return str(value) in _TRUE

    def json(self, name: str, *, what: str | None = None) -> Any:
        """A structured parameter (object or array), JSON-decoded if it came as text."""
        value = self._data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what or name} JSON object") from None
        return value

    def file(self, name: str) -> UploadedFile | None:
        value = self._data.get(name)
        return value if isinstance(value, UploadedFile) else None


def require_text(text: str | None, *, limit: int = MAX_TEXT) -> str:
    """Text-message rules: present, not blank, at most ``limit`` UTF-16 units."""
    if text is None or not text.strip():
        raise bad_request(MESSAGE_TEXT_EMPTY)
    if utf16_len(text) > limit:
        raise bad_request(MESSAGE_TOO_LONG)
    return text


def check_caption(caption: str | None) -> None:
    if caption is not None and utf16_len(caption) > MAX_CAPTION:
        raise bad_request(CAPTION_TOO_LONG)


_URL_SCHEMES = ("http://", "https://", "tg://", "ton://")


def _check_inline_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text is not specified")
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_EMPTY")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    elif "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(_URL_SCHEMES):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
    elif not any(key != "text" for key in button):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    return button


def _check_reply_button(button: Any) -> None:
    if isinstance(button, str):
        if not button:
            raise bad_request("keyboard button text is empty")
        return
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse keyboard button: Text is not specified")


def check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate any of the four markup kinds; returns the markup as given (or ``None``)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array'
            )
        count = 0
        for row in rows:
            for button in row:
                _check_inline_button(button)
                count += 1
        if count > MAX_INLINE_BUTTONS:
            raise bad_request("BUTTONS_TOO_MUCH")
        return markup
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array')
        for row in rows:
            for button in row:
                _check_reply_button(button)
        return markup
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")
