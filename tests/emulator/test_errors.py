"""Every validation rule and injected fault: Telegram's exact error shape over raw HTTP,
and the usual exception from python-telegram-bot and from aiogram for the same call."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import exceptions as ag
from telegram import error as ptb

from playground.emulator import EmulatorClient, EmulatorServer
from tests.emulator.conftest import png
from tests.emulator.libs import LIBS, RawError, make_lib

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@dataclass
class Ctx:
    """A world with a started user, a stranger, a group and a supergroup."""

    client: EmulatorClient
    user: int
    stranger: int
    group: int
    supergroup: int
    bot_message: int
    photo_file_id: str
    extra: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
async def ctx(emulator: EmulatorServer, client: EmulatorClient) -> Ctx:
    user = await client.create_user("Ann")
    await client.start(user["id"])
    stranger = await client.create_user("Stranger")
    group = await client.create_chat("group", "G", members=[user["id"]])
    supergroup = await client.create_chat("supergroup", "SG", members=[user["id"]])
    state = emulator.state
    bot = state.bot()
    chat = state.private_chat(bot, state.users[user["id"]])
    message = state.store_message(chat, bot.api, bot.id, {"text": "same"})
    photo = await client.send_photo(user["id"], png())
    return Ctx(
        client,
        user["id"],
        stranger["id"],
        group["id"],
        supergroup["id"],
        message["message_id"],
        photo["photo"][-1]["file_id"],
    )


Act = Callable[[Ctx, Any], Awaitable[Any]]


@dataclass(frozen=True)
class Case:
    kind: str
    status: int
    description: str
    act: Act
    parameters: dict[str, Any] | None = None
    prepare: Callable[[Ctx], Awaitable[Any]] | None = None


async def _upgrade(c: Ctx, lib: Any) -> Any:
    new = await c.client.upgrade_group(c.group, c.user)
    c.extra["new"] = new["id"]
    return await lib.send(c.group, "hi")


async def _flood(c: Ctx, lib: Any) -> Any:
    await c.client.set_limits(private_per_second=0.2, private_burst=1)
    await lib.send(c.user, "first")
    return await lib.send(c.user, "second")


async def _kicked(c: Ctx, lib: Any) -> Any:
    await c.client.remove_bot(c.group, c.user)
    return await lib.send(c.group, "hi")


async def _fault(c: Ctx, lib: Any, **fault: Any) -> Any:
    await c.client.inject_fault(**fault)
    return await lib.send(c.user, "hi")


CASES: dict[str, Case] = {
    "chat_not_found": Case(
        "bad", 400, "Bad Request: chat not found", lambda c, lib: lib.send(987654, "hi")
    ),
    "text_empty": Case(
        "bad", 400, "Bad Request: message text is empty", lambda c, lib: lib.send(c.user, "")
    ),
    "text_too_long": Case(
        "bad", 400, "Bad Request: message is too long", lambda c, lib: lib.send(c.user, "x" * 4097)
    ),
    "html_unclosed": Case(
        "bad",
        400,
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
        lambda c, lib: lib.send(c.user, "<b>bold", parse_mode="HTML"),
    ),
    "markdown_v2_reserved": Case(
        "bad",
        400,
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped "
        "with the preceding '\\'",
        lambda c, lib: lib.send(c.user, "Done.", parse_mode="MarkdownV2"),
    ),
    "button_data": Case(
        "bad",
        400,
        "Bad Request: BUTTON_DATA_INVALID",
        lambda c, lib: lib.send(c.user, "hi", button_data="x" * 65),
    ),
    "caption_too_long": Case(
        "bad",
        400,
        "Bad Request: message caption is too long",
        lambda c, lib: lib.photo(c.user, c.photo_file_id, "c" * 1025),
    ),
    "album_too_big": Case(
        "bad",
        400,
        "Bad Request: too many messages to send as an album",
        lambda c, lib: lib.album(c.user, c.photo_file_id, 11),
    ),
    "album_too_small": Case(
        "bad",
        400,
        "Bad Request: not enough messages to send as an album",
        lambda c, lib: lib.album(c.user, c.photo_file_id, 1),
    ),
    "not_modified": Case(
        "bad",
        400,
        "Bad Request: message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup of the message",
        lambda c, lib: lib.edit(c.user, c.bot_message, "same"),
    ),
    "edit_not_found": Case(
        "bad",
        400,
        "Bad Request: message to edit not found",
        lambda c, lib: lib.edit(c.user, 9999, "new"),
    ),
    "delete_not_found": Case(
        "bad",
        400,
        "Bad Request: message to delete not found",
        lambda c, lib: lib.delete(c.user, 9999),
    ),
    "query_too_old": Case(
        "bad",
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
        lambda c, lib: lib.answer("123"),
    ),
    "cant_initiate": Case(
        "forbidden",
        403,
        "Forbidden: bot can't initiate conversation with a user",
        lambda c, lib: lib.send(c.stranger, "hi"),
    ),
    "user_blocked_bot": Case(
        "forbidden",
        403,
        "Forbidden: bot was blocked by the user",
        lambda c, lib: lib.send(c.user, "hi"),
        prepare=lambda c: c.client.block_bot(c.user),
    ),
    "kicked_from_group": Case(
        "forbidden", 403, "Forbidden: bot was kicked from the group chat", _kicked
    ),
    "blocked_fault": Case(
        "forbidden",
        403,
        "Forbidden: bot was blocked by the user",
        lambda c, lib: _fault(c, lib, kind="blocked", chat_id=c.user, times=None),
    ),
    "kicked_fault_supergroup": Case(
        "forbidden",
        403,
        "Forbidden: bot was kicked from the supergroup chat",
        lambda c, lib: lib.send(c.supergroup, "hi"),
        prepare=lambda c: c.client.kick_bot_from(c.supergroup),
    ),
    "group_upgraded": Case(
        "migrate",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        _upgrade,
        {"migrate_to_chat_id": "new"},
    ),
    "migrate_fault": Case(
        "migrate",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        lambda c, lib: lib.send(c.group, "hi"),
        {"migrate_to_chat_id": -1001234567890},
        prepare=lambda c: c.client.migrate_chat(c.group, -1001234567890),
    ),
    "flood_limit": Case(
        "retry", 429, "Too Many Requests: retry after 5", _flood, {"retry_after": 5}
    ),
    "retry_after_fault": Case(
        "retry",
        429,
        "Too Many Requests: retry after 7",
        lambda c, lib: _fault(c, lib, kind="retry_after", retry_after=7),
        {"retry_after": 7},
    ),
    "bad_gateway": Case(
        "server", 502, "Bad Gateway", lambda c, lib: _fault(c, lib, kind="error", status=502)
    ),
    "internal_error": Case(
        "server",
        500,
        "Internal Server Error",
        lambda c, lib: _fault(c, lib, kind="error", status=500, method="sendMessage"),
    ),
}


@pytest.fixture
async def lib(request: pytest.FixtureRequest, emulator: EmulatorServer) -> AsyncIterator[Any]:
    facade = make_lib(request.param, emulator)
    try:
        yield facade
    finally:
        await facade.close()


def _retry_seconds(value: int | dt.timedelta) -> int:
    return int(value.total_seconds()) if isinstance(value, dt.timedelta) else int(value)


@pytest.mark.parametrize("lib", LIBS, indirect=True)
@pytest.mark.parametrize("name", list(CASES))
async def test_error(name: str, lib: Any, ctx: Ctx) -> None:
    case = CASES[name]
    if case.prepare is not None:
        await case.prepare(ctx)
    with pytest.raises(lib.exceptions[case.kind]) as caught:
        await case.act(ctx, lib)
    error = caught.value
    parameters = dict(case.parameters or {})
    if parameters.get("migrate_to_chat_id") == "new":
        parameters["migrate_to_chat_id"] = ctx.extra["new"]
    if isinstance(error, RawError):
        expected: dict[str, Any] = {
            "ok": False,
            "error_code": case.status,
            "description": case.description,
        }
        if parameters:
            expected["parameters"] = parameters
        assert (error.status, error.body) == (case.status, expected)
        return
    if isinstance(error, ptb.ChatMigrated):
        assert error.new_chat_id == parameters["migrate_to_chat_id"]
    elif isinstance(error, ptb.RetryAfter):
        assert _retry_seconds(error.retry_after) == parameters["retry_after"]
    elif isinstance(error, ag.TelegramMigrateToChat):
        assert error.migrate_to_chat_id == parameters["migrate_to_chat_id"]
    elif isinstance(error, ag.TelegramRetryAfter):
        assert error.retry_after == parameters["retry_after"]
    else:
        assert case.description.removeprefix("Bad Request: ").lower() in str(error).lower()
