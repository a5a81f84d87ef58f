"""Bot API methods that do not create ordinary messages: identity, updates, webhooks,
commands, chats, callback answers, files and forum topics.

``getUpdates`` is real long polling: it parks on a future that the next update (or a
competing ``getUpdates``, answered with 409 like Telegram) resolves, so a bot sees a user's
message as soon as it is queued and the emulator burns no CPU while nobody writes.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time

from playground.emulator.files import MAX_DOWNLOAD
from playground.emulator.membership import member
from playground.emulator.models import (
    ALL_UPDATE_TYPES,
    DEFAULT_UPDATE_TYPES,
    JSON,
    BotRecord,
    WebhookConfig,
)
from playground.emulator.registry import METHODS, Call, Described, method, target_chat
from playground.emulator.validation import QUERY_TOO_OLD, ApiError, Params, bad_request

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_TOPIC_COLORS = frozenset({7322096, 16766590, 13338331, 9367192, 16749490, 16478047})


@method("getMe")
def get_me(call: Call) -> JSON:
    return call.bot.me()


@method("logOut", "close")
def log_out(call: Call) -> bool:
    return True


@method(
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setChatMenuButton",
    "setMyDefaultAdministratorRights",
)
def accepted(call: Call) -> bool:
    return True


@method("getMyName")
def get_my_name(call: Call) -> JSON:
    return {"name": call.bot.first_name}


@method("getMyDescription", "getMyShortDescription")
def get_my_description(call: Call) -> JSON:
    key = "short_description" if call.method == "getMyShortDescription" else "description"
    return {key: ""}


def _allowed(params: Params, bot: BotRecord) -> None:
    allowed = params.json("allowed_updates")
    if isinstance(allowed, list):
        wanted = frozenset(str(kind) for kind in allowed) & ALL_UPDATE_TYPES
        bot.allowed_updates = wanted or DEFAULT_UPDATE_TYPES


def _confirm(bot: BotRecord, offset: int | None) -> None:
    pending = bot.pending
    if offset is None:
        return
    if offset < 0:
        while len(pending) > -offset:
            pending.popleft()
        return
    while pending and pending[0]["update_id"] < offset:
        pending.popleft()


@method("getUpdates", is_async=True)
async def get_updates(call: Call) -> list[JSON]:
    bot, params = call.bot, call.params
    if bot.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    limit = min(max(params.int("limit", 100) or 100, 1), 100)
    timeout = max(params.float("timeout", 0.0) or 0.0, 0.0)
    _allowed(params, bot)
    _confirm(bot, params.int("offset"))
    if not bot.pending and timeout > 0:
        previous = bot.poll_waiter
        if previous is not None and not previous.done():
            previous.set_result("conflict")
        waiter: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        bot.poll_waiter = waiter
        try:
            outcome = await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            outcome = "timeout"
        finally:
            if bot.poll_waiter is waiter:
                bot.poll_waiter = None
        if outcome == "conflict":
            raise ApiError(409, POLL_CONFLICT)
        if bot.webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
    if len(bot.pending) <= limit:
        return list(bot.pending)
    return list(itertools.islice(bot.pending, limit))


@method("setWebhook")
def set_webhook(call: Call) -> Described:
    bot, params = call.bot, call.params
    url = params.str("url") or ""
    if not url:
        return _delete_webhook(call)
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.str("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    if params.bool("drop_pending_updates"):
        bot.pending.clear()
    _allowed(params, bot)
    unchanged = bot.webhook is not None and (bot.webhook.url, bot.webhook.secret_token) == (
        url,
        secret,
    )
    previous = bot.webhook
    bot.webhook = WebhookConfig(
        url=url,
        secret_token=secret,
        max_connections=params.int("max_connections", 40) or 40,
        ip_address=params.str("ip_address"),
    )
    if unchanged and previous is not None:  # "already set": the delivery record stays
        bot.webhook.last_error_date = previous.last_error_date
        bot.webhook.last_error_message = previous.last_error_message
    if bot.poll_waiter is not None and not bot.poll_waiter.done():
        bot.poll_waiter.set_result("webhook")
    call.state.webhook_changed(bot)
    return Described(True, "Webhook is already set" if unchanged else "Webhook was set")


def _delete_webhook(call: Call) -> Described:
    bot = call.bot
    if call.params.bool("drop_pending_updates"):
        bot.pending.clear()
    if bot.webhook is None:
        return Described(True, "Webhook is already deleted")
    bot.webhook = None
    call.state.webhook_changed(bot)
    return Described(True, "Webhook was deleted")


@method("deleteWebhook")
def delete_webhook(call: Call) -> Described:
    return _delete_webhook(call)


@method("getWebhookInfo")
def get_webhook_info(call: Call) -> JSON:
    bot = call.bot
    info: JSON = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": len(bot.pending),
    }
    hook = bot.webhook
    if hook is not None:
        info.update(url=hook.url, max_connections=hook.max_connections)
        if hook.ip_address:
            info["ip_address"] = hook.ip_address
        if hook.last_error_date:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
        if bot.allowed_updates != DEFAULT_UPDATE_TYPES:
            info["allowed_updates"] = sorted(bot.allowed_updates)
    return info


@method("answerCallbackQuery")
def answer_callback_query(call: Call) -> bool:
    params = call.params
    query_id = params.str("callback_query_id") or ""
    record = call.state.callbacks.get(query_id)
    if record is None or record.bot_id != call.bot.id or record.answer is not None:
        raise bad_request(QUERY_TOO_OLD)
    text = params.str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answer = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": params.bool("show_alert"),
        "url": params.str("url"),
        "cache_time": params.int("cache_time", 0),
        "at": time.time(),
    }
    chat = call.state.find_chat(record.chat_id, call.bot.id)
    if chat is not None:
        call.state.record(chat, "callback_answer", bot_id=call.bot.id, answer=record.answer)
    else:
        call.state.activity.fire()
    return True


@method("getFile")
def get_file(call: Call) -> JSON:
    file_id = call.params.str("file_id") or ""
    record = call.state.files.get(file_id)
    if record is None:
        raise bad_request("invalid file_id")
    if not call.state.files.usable(record, call.bot.id):
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    if len(record.data) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return record.api()


def _scope_key(params: Params) -> str:
    scope = params.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True) + "|" + (params.str("language_code") or "")


@method("setMyCommands")
def set_my_commands(call: Call) -> bool:
    commands = call.params.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    cleaned: list[JSON] = []
    for item in commands:
        if not isinstance(item, dict) or not _COMMAND.fullmatch(str(item.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = item.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": item["command"], "description": description})
    call.bot.commands[_scope_key(call.params)] = cleaned
    return True


@method("getMyCommands")
def get_my_commands(call: Call) -> list[JSON]:
    return list(call.bot.commands.get(_scope_key(call.params), []))


@method("deleteMyCommands")
def delete_my_commands(call: Call) -> bool:
    call.bot.commands.pop(_scope_key(call.params), None)
    return True


@method("getChat")
def get_chat(call: Call) -> JSON:
    return target_chat(call, write=False).full_info()


@method("getChatMember")
def get_chat_member(call: Call) -> JSON:
    chat = target_chat(call, write=False)
    user_id = call.params.int("user_id")
    state, bot = call.state, call.bot
    if user_id == bot.id:
        return member(bot.api, "administrator" if chat.bots.get(bot.id) else "member")
    user = state.users.get(user_id or 0)
    if user is None:
        raise bad_request("user not found")
    status = "member" if chat.type == "private" or user.id in chat.members else "left"
    return member(user.api, status)


@method("getChatMemberCount")
def get_chat_member_count(call: Call) -> int:
    chat = target_chat(call, write=False)
    if chat.type == "private":
        return 2
    return len(chat.members) + len(chat.bots)


@method("getChatAdministrators")
def get_chat_administrators(call: Call) -> list[JSON]:
    chat = target_chat(call, write=False)
    return [
        member(call.state.bots[bot_id].api, "administrator")
        for bot_id, is_admin in chat.bots.items()
        if is_admin and bot_id in call.state.bots
    ]


@method("leaveChat")
def leave_chat(call: Call) -> bool:
    chat = target_chat(call, write=False)
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    was_admin = chat.bots.pop(call.bot.id, False)
    old = "administrator" if was_admin else "member"
    call.state.member_update(chat, call.bot, call.bot.api, old, "left")
    return True


@method("sendChatAction")
def send_chat_action(call: Call) -> bool:
    action = call.params.str("action")
    if action not in _ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat = target_chat(call)
    call.state.record(chat, "chat_action", bot_id=call.bot.id, action=action)
    return True


@method("createForumTopic")
def create_forum_topic(call: Call) -> JSON:
    chat = target_chat(call)
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    name = call.params.str("name") or ""
    if not name.strip():
        raise bad_request("TOPIC_TITLE_EMPTY")
    if len(name) > 128:
        raise bad_request("TOPIC_TITLE_INVALID")
    color = call.params.int("icon_color", 7322096) or 7322096
    if color not in _TOPIC_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    return call.state.create_topic(chat, call.bot.api, call.bot.id, name, color)


def describe_methods() -> list[str]:
    """Canonical names of every supported method (for docs and the playground)."""
    return sorted({m.name for m in METHODS.values()})
