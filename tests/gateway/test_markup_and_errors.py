"""Keyboards must reach Telegram as the same JSON from either library, and both libraries'
exceptions must land on the same normalised error."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import aiohttp
import pytest
from aiogram import exceptions as ag
from aiogram.methods import SendMessage
from telegram import error as tg

from bot.gateway import aiogram_mapping, errors, ptb_mapping
from domain.outbound import Button, Keyboard, Outbound

INLINE = Keyboard(
    rows=(
        (Button("Ambil", data="v1:claim:42"), Button("Tolak", data="v1:reject:42")),
        (Button("Lihat di peta", url="https://maps.google.com/?q=-7.57,110.82"),),
    )
)
REPLY = Keyboard(
    rows=(
        (Button("📍 Kirim lokasi", request_location=True),),
        (Button("📞 Kirim nomor", request_contact=True), Button("Lewati")),
    ),
    inline=False,
    one_time=True,
    placeholder="Pilih salah satu",
)
REMOVE = Keyboard(rows=(), inline=False, remove=True)


def _ptb_json(keyboard: Keyboard) -> dict[str, Any]:
    markup = ptb_mapping.to_markup(keyboard)
    assert markup is not None
    return markup.to_dict()


def _aiogram_json(keyboard: Keyboard) -> dict[str, Any]:
    markup = aiogram_mapping.to_markup(keyboard)
    assert markup is not None
    return markup.model_dump(mode="json", exclude_none=True, by_alias=True)


@pytest.mark.parametrize("keyboard", [INLINE, REPLY, REMOVE], ids=["inline", "reply", "remove"])
def test_both_libraries_send_the_same_keyboard_json(keyboard: Keyboard) -> None:
    assert _ptb_json(keyboard) == _aiogram_json(keyboard)


def test_keyboard_json_is_what_telegram_expects() -> None:
    assert _ptb_json(INLINE) == {
        "inline_keyboard": [
            [
                {"text": "Ambil", "callback_data": "v1:claim:42"},
                {"text": "Tolak", "callback_data": "v1:reject:42"},
            ],
            [{"text": "Lihat di peta", "url": "https://maps.google.com/?q=-7.57,110.82"}],
        ]
    }
    assert _ptb_json(REPLY) == {
        "keyboard": [
            [{"text": "📍 Kirim lokasi", "request_location": True}],
            [{"text": "📞 Kirim nomor", "request_contact": True}, {"text": "Lewati"}],
        ],
        "resize_keyboard": True,
        "one_time_keyboard": True,
        "input_field_placeholder": "Pilih salah satu",
    }
    assert _ptb_json(REMOVE) == {"remove_keyboard": True}


def test_keyboards_from_the_outbox_are_built_once() -> None:
    """The outbox round-trips keyboards through JSON; equal keyboards share one markup."""
    stored = Outbound(chat_id=1, text="x", keyboard=INLINE).to_json()
    again = Outbound.from_json(stored).keyboard
    assert ptb_mapping.to_markup(again) is ptb_mapping.to_markup(INLINE)
    assert aiogram_mapping.to_markup(again) is aiogram_mapping.to_markup(INLINE)


def test_keyboard_with_list_rows_still_works() -> None:
    loose = Keyboard(rows=[[Button("A", data="a")]])  # type: ignore[arg-type]
    assert _ptb_json(loose) == _aiogram_json(loose)


@pytest.mark.parametrize("mapping", [ptb_mapping, aiogram_mapping], ids=["ptb", "aiogram"])
def test_edits_refuse_reply_keyboards(mapping: Any) -> None:
    assert mapping.to_inline_markup(None) is None
    with pytest.raises(ValueError, match="inline"):
        mapping.to_inline_markup(REPLY)


@pytest.mark.parametrize(
    ("description", "chat_id", "expected"),
    [
        ("Forbidden: bot was blocked by the user", 111, errors.Blocked),
        ("Forbidden: user is deactivated", 111, errors.Blocked),
        ("Forbidden: bot can't initiate conversation with a user", 111, errors.Blocked),
        ("Forbidden: bot was kicked from the group chat", -4012345678, errors.Kicked),
        ("Forbidden: bot was kicked from the supergroup chat", -100123, errors.Kicked),
        ("Forbidden: bot is not a member of the channel chat", -100123, errors.Kicked),
        ("Forbidden: the group chat was deleted", -4012345678, errors.Kicked),
        ("Forbidden", -100123, errors.Kicked),
        ("Forbidden", 111, errors.Blocked),
    ],
)
def test_forbidden_tells_blocked_from_kicked(
    description: str, chat_id: int, expected: type[errors.Unreachable]
) -> None:
    error = errors.forbidden_error(description, chat_id)
    assert type(error) is expected
    assert error.chat_id == chat_id and error.description == description


def test_bad_request_prefix_is_dropped_and_not_modified_recognised() -> None:
    error = errors.bad_request_error("Bad Request: chat not found")
    assert type(error) is errors.BadRequest and error.description == "Chat not found"
    assert isinstance(
        errors.bad_request_error("Bad Request: message is not modified: specified new message"),
        errors.NotModified,
    )


def _ag(cls: type[ag.TelegramAPIError], message: str, **extra: Any) -> ag.TelegramAPIError:
    return cls(method=SendMessage(chat_id=1, text="x"), message=message, **extra)


def _ptb_retry_after(seconds: int) -> tg.RetryAfter:
    """ptb 22's constructor itself warns about the coming timedelta type; not our concern."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tg.RetryAfter(seconds)


def _timeout_cause() -> ag.TelegramNetworkError:
    error = _ag(ag.TelegramNetworkError, "Request timeout error")
    error.__cause__ = TimeoutError()
    return error


# (ptb exception, aiogram exception, expected class, expected attributes)
CASES: list[tuple[Exception, BaseException, type[errors.GatewayError], dict[str, Any]]] = [
    (
        _ptb_retry_after(7),
        _ag(ag.TelegramRetryAfter, "Too Many Requests: retry after 7", retry_after=7),
        errors.RetryAfter,
        {"seconds": 7},
    ),
    (
        tg.ChatMigrated(-100777),
        _ag(
            ag.TelegramMigrateToChat,
            "Bad Request: group chat was upgraded to a supergroup chat",
            migrate_to_chat_id=-100777,
        ),
        errors.ChatMigrated,
        {"new_chat_id": -100777},
    ),
    (
        tg.Forbidden("Forbidden: bot was blocked by the user"),
        _ag(ag.TelegramForbiddenError, "Forbidden: bot was blocked by the user"),
        errors.Blocked,
        {"description": "Forbidden: bot was blocked by the user"},
    ),
    (
        tg.BadRequest("Bad Request: message text is empty"),
        _ag(ag.TelegramBadRequest, "Bad Request: message text is empty"),
        errors.BadRequest,
        {"description": "Message text is empty"},
    ),
    (
        tg.BadRequest("Bad Request: message is not modified"),
        _ag(ag.TelegramBadRequest, "Bad Request: message is not modified"),
        errors.NotModified,
        {},
    ),
    (
        tg.InvalidToken("Unauthorized"),
        _ag(ag.TelegramUnauthorizedError, "Unauthorized"),
        errors.Unauthorized,
        {},
    ),
    (
        tg.Conflict("Conflict: terminated by other getUpdates request"),
        _ag(ag.TelegramConflictError, "Conflict: terminated by other getUpdates request"),
        errors.Conflict,
        {},
    ),
    (
        ptb_mapping.ServerStatus(502, "Bad Gateway"),
        _ag(ag.TelegramServerError, "Bad Gateway"),
        errors.ServerError,
        {"description": "Bad Gateway"},
    ),
    (tg.TimedOut(), _timeout_cause(), errors.NetworkTimeout, {}),
    (
        tg.NetworkError("httpx.RemoteProtocolError: Server disconnected"),
        _ag(ag.TelegramNetworkError, "ServerDisconnectedError: Server disconnected"),
        errors.NetworkFailure,
        {},
    ),
]


@pytest.mark.parametrize(("ptb_exc", "aiogram_exc", "expected", "attrs"), CASES)
def test_library_errors_map_to_the_same_normalised_error(
    ptb_exc: tg.TelegramError,
    aiogram_exc: BaseException,
    expected: type[errors.GatewayError],
    attrs: dict[str, Any],
) -> None:
    ptb_mapped = ptb_mapping.map_error(ptb_exc, 111)
    for mapped in (ptb_mapped, aiogram_mapping.map_error(aiogram_exc, 111)):
        assert type(mapped) is expected
        for name, value in attrs.items():
            assert getattr(mapped, name) == value


def test_context_managers_reraise_as_ours_with_the_cause() -> None:
    original = tg.Forbidden("Forbidden: bot was kicked from the group chat")
    with pytest.raises(errors.Kicked) as caught, ptb_mapping.ptb_errors(-4012345678):
        raise original
    assert caught.value.__cause__ is original
    with pytest.raises(errors.Kicked), aiogram_mapping.aiogram_errors(-4012345678):
        raise _ag(ag.TelegramForbiddenError, "Forbidden: bot was kicked from the group chat")


def test_unrelated_exceptions_pass_through() -> None:
    with pytest.raises(KeyError), ptb_mapping.ptb_errors():
        raise KeyError("bug")
    with pytest.raises(KeyError), aiogram_mapping.aiogram_errors():
        raise KeyError("bug")
    with pytest.raises(asyncio.CancelledError), aiogram_mapping.aiogram_errors():
        raise asyncio.CancelledError


def test_aiogram_file_download_errors_are_mapped() -> None:
    """aiogram streams files with bare aiohttp, outside its own error handling."""

    def response_error(status: int) -> aiohttp.ClientResponseError:
        return aiohttp.ClientResponseError(None, (), status=status, message="x")  # type: ignore[arg-type]

    assert isinstance(aiogram_mapping.map_error(response_error(502)), errors.ServerError)
    assert isinstance(aiogram_mapping.map_error(response_error(404)), errors.BadRequest)
    assert isinstance(aiogram_mapping.map_error(TimeoutError()), errors.NetworkTimeout)
    dropped = aiohttp.ServerDisconnectedError()
    assert isinstance(aiogram_mapping.map_error(dropped), errors.NetworkFailure)


def test_ptb_429_read_from_the_wire_keeps_fractional_seconds() -> None:
    mapped = ptb_mapping.map_error(ptb_mapping.FloodWait(2.5, "Too Many Requests: retry after 2"))
    assert isinstance(mapped, errors.RetryAfter) and mapped.seconds == 2.5
