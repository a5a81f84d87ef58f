"""The user-side HTTP API under ``/_emulator/``: JSON in, ``{"ok": .., "result": ..}`` out.

Tests (through :class:`~playground.emulator.client.EmulatorClient`) and the future web
playground act as Telegram users through these endpoints, inspect what the bot did, and
switch limits and faults. File contents travel base64-encoded so every call stays JSON.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from playground.emulator.limits import LimitConfig
from playground.emulator.state import EmulatorState, WebhookSettings
from playground.emulator.user_actions import UserActions, UserError
from playground.emulator.views import (
    callback_answers,
    chat_info,
    chat_messages,
    events_since,
    summary,
    wait_for_answer,
    wait_for_events,
    wait_for_messages,
)
from playground.emulator.wire import dumps

PREFIX = "/_emulator"
Body = dict[str, Any]
Endpoint = Callable[["UserApi", Body, web.Request], Awaitable[Any]]


def _int(body: Body, name: str, default: int | None = None) -> int | None:
    value = body.get(name)
    return default if value is None or value == "" else int(value)


def _float(body: Body, name: str, default: float) -> float:
    value = body.get(name)
    return default if value is None or value == "" else float(value)


def _bool(body: Body, name: str, default: bool = False) -> bool:
    value = body.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes", "on")
    return bool(value)


def _bytes(value: Any) -> bytes:
    if not isinstance(value, str):
        raise UserError("file data must be a base64 string")
    return base64.b64decode(value)


def _where(body: Body) -> Body:
    return {
        "chat_id": _int(body, "chat_id"),
        "bot_id": _int(body, "bot_id"),
        "reply_to": _int(body, "reply_to"),
        "thread_id": _int(body, "thread_id"),
    }


def _respond(status: int, payload: Any) -> web.Response:
    return web.Response(status=status, body=dumps(payload), content_type="application/json")


def endpoint(func: Endpoint) -> Callable[[UserApi, web.Request], Awaitable[web.Response]]:
    """Parse query + JSON body into one dict, wrap the result, map errors to 4xx."""

    async def handler(self: UserApi, request: web.Request) -> web.Response:
        body: Body = dict(request.query)
        if request.can_read_body:
            try:
                loaded = await request.json()
            except ValueError:
                return _respond(400, {"ok": False, "error": "body must be JSON"})
            if isinstance(loaded, dict):
                body.update(loaded)
        try:
            result = await func(self, body, request)
        except UserError as exc:
            return _respond(exc.status, {"ok": False, "error": str(exc)})
        except (KeyError, ValueError, TypeError) as exc:
            return _respond(400, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        return _respond(200, {"ok": True, "result": result})

    handler.__doc__ = func.__doc__
    return handler


class UserApi:
    def __init__(self, state: EmulatorState):
        self.state = state
        self.actions = UserActions(state)

    def routes(self) -> list[web.RouteDef]:
        p = PREFIX
        get, post = web.get, web.post
        table = [
            (post, "/reset", self.reset), (get, "/state", self.get_state),
            (post, "/bots", self.configure_bot), (post, "/users", self.create_user),
            (post, "/chats", self.create_chat), (get, "/chats/{chat_id}", self.get_chat),
            (post, "/chats/{chat_id}/members", self.add_member),
            (post, "/chats/{chat_id}/members/remove", self.remove_member),
            (post, "/chats/{chat_id}/bots", self.add_bot),
            (post, "/chats/{chat_id}/bots/remove", self.remove_bot),
            (post, "/chats/{chat_id}/upgrade", self.upgrade),
            (post, "/chats/{chat_id}/topics", self.create_topic),
            (get, "/chats/{chat_id}/messages", self.messages),
            (get, "/chats/{chat_id}/wait", self.wait_messages),
            (get, "/chats/{chat_id}/events", self.chat_events),
            (post, "/send/{kind}", self.send), (post, "/edit", self.edit),
            (post, "/press", self.press), (post, "/block", self.block),
            (get, "/callbacks", self.callbacks), (get, "/callbacks/wait", self.wait_callback),
            (get, "/events/log", self.events), (get, "/events/wait", self.wait_events),
            (get, "/updates", self.updates), (get, "/calls", self.calls),
            (post, "/limits", self.set_limits), (get, "/limits", self.limits),
            (post, "/faults", self.add_fault), (get, "/faults", self.faults),
            (post, "/faults/clear", self.clear_faults),
            (post, "/webhook/settings", self.webhook_settings),
            (get, "/webhook/log", self.webhook_log), (get, "/files/{file_id}", self.file),
        ]
        return [verb(p + path, handler) for verb, path, handler in table]

    def _chat(self, request: web.Request, body: Body):  # noqa: ANN202 - ChatRecord
        chat = self.state.find_chat(int(request.match_info["chat_id"]), _int(body, "bot_id"))
        if chat is None:
            raise UserError(f"unknown chat {request.match_info['chat_id']}", 404)
        return chat

    @endpoint
    async def reset(self, body: Body, request: web.Request) -> bool:
        self.state.reset()
        return True

    @endpoint
    async def get_state(self, body: Body, request: web.Request) -> Any:
        return summary(self.state)

    @endpoint
    async def configure_bot(self, body: Body, request: web.Request) -> Any:
        """Create or change a bot: ``bot_id``, ``username``, ``first_name``, ``privacy_mode``."""
        bot_id = _int(body, "bot_id")
        bot = self.state.bots.get(bot_id) if bot_id is not None else self.state.bot()
        if bot is None:
            bot = self.state.add_bot(int(bot_id or 0), username=body.get("username"))
        if body.get("username"):
            bot.username = str(body["username"])
        if body.get("first_name"):
            bot.first_name = str(body["first_name"])
        if "privacy_mode" in body:
            bot.privacy_mode = _bool(body, "privacy_mode")
        bot.refresh()
        return {**bot.me(), "privacy_mode": bot.privacy_mode}

    @endpoint
    async def create_user(self, body: Body, request: web.Request) -> Any:
        fields = {k: body[k] for k in ("first_name", "last_name", "username", "language_code",
                                       "is_premium") if k in body}
        return self.state.add_user(_int(body, "user_id"), **fields).api

    @endpoint
    async def create_chat(self, body: Body, request: web.Request) -> Any:
        chat = self.actions.create_chat(
            str(body.get("kind", "group")),
            str(body.get("title", "Test group")),
            members=[int(m) for m in body.get("members", [])],
            bots=[int(b) for b in body["bots"]] if body.get("bots") is not None else None,
            admin=_bool(body, "admin"),
            username=body.get("username"),
        )
        return chat_info(chat)

    @endpoint
    async def get_chat(self, body: Body, request: web.Request) -> Any:
        return chat_info(self._chat(request, body))

    @endpoint
    async def add_member(self, body: Body, request: web.Request) -> Any:
        chat_id = int(request.match_info["chat_id"])
        return self.actions.add_member(chat_id, int(body["user_id"]), _int(body, "by_user_id"))

    @endpoint
    async def remove_member(self, body: Body, request: web.Request) -> Any:
        chat_id = int(request.match_info["chat_id"])
        return self.actions.remove_member(chat_id, int(body["user_id"]), _int(body, "by_user_id"))

    @endpoint
    async def add_bot(self, body: Body, request: web.Request) -> Any:
        return self.actions.add_bot(
            int(request.match_info["chat_id"]), int(body["by_user_id"]), _int(body, "bot_id"),
            admin=_bool(body, "admin"),
        )

    @endpoint
    async def remove_bot(self, body: Body, request: web.Request) -> bool:
        self.actions.remove_bot(
            int(request.match_info["chat_id"]), int(body["by_user_id"]), _int(body, "bot_id"),
            kick=_bool(body, "kick", True),
        )
        return True

    @endpoint
    async def upgrade(self, body: Body, request: web.Request) -> Any:
        chat_id = int(request.match_info["chat_id"])
        return chat_info(self.actions.upgrade_group(chat_id, int(body["by_user_id"])))

    @endpoint
    async def create_topic(self, body: Body, request: web.Request) -> Any:
        return self.actions.create_topic(
            int(request.match_info["chat_id"]), int(body["user_id"]), str(body["name"]),
            _int(body, "icon_color", 7322096) or 7322096,
        )

    def _filters(self, body: Body) -> Body:
        return {
            "sender": str(body.get("sender", "bot")),
            "bot_id": _int(body, "bot_id"),
            "include_deleted": _bool(body, "include_deleted"),
        }

    @endpoint
    async def messages(self, body: Body, request: web.Request) -> Any:
        return chat_messages(self._chat(request, body), **self._filters(body))

    @endpoint
    async def wait_messages(self, body: Body, request: web.Request) -> Any:
        messages, complete = await wait_for_messages(
            self.state, self._chat(request, body), _int(body, "count", 1) or 1,
            _float(body, "timeout", 5.0), **self._filters(body),
        )
        return {"messages": messages, "complete": complete}

    @endpoint
    async def chat_events(self, body: Body, request: web.Request) -> Any:
        return events_since(self.state, _int(body, "since", 0) or 0, self._chat(request, body))

    @endpoint
    async def send(self, body: Body, request: web.Request) -> Any:
        kind, act, user_id = request.match_info["kind"], self.actions, int(body["user_id"])
        where = _where(body)
        if kind == "text":
            return act.send_text(user_id, str(body["text"]), **where)
        if kind == "command":
            mention = _bool(body, "mention") if "mention" in body else None
            return act.send_command(user_id, str(body["command"]), str(body.get("args", "")),
                                    mention=mention, **where)
        if kind == "photo":
            return act.send_photo(user_id, _bytes(body["data"]), caption=body.get("caption"),
                                  **where)
        if kind == "album":
            photos = [_bytes(item) for item in body["photos"]]
            return act.send_album(user_id, photos, caption=body.get("caption"), **where)
        if kind == "file":
            return act.send_file(
                user_id, str(body["file_kind"]), _bytes(body.get("data", "")),
                file_name=body.get("file_name"), mime_type=body.get("mime_type"),
                caption=body.get("caption"), **where,
            )
        if kind == "location":
            return act.send_location(user_id, float(body["latitude"]), float(body["longitude"]),
                                     live_period=_int(body, "live_period"), **where)
        if kind == "venue":
            return act.send_venue(user_id, float(body["latitude"]), float(body["longitude"]),
                                  str(body["title"]), str(body["address"]), **where)
        if kind == "contact":
            return act.send_contact(
                user_id, str(body["phone_number"]), str(body["first_name"]),
                last_name=body.get("last_name"), contact_user_id=_int(body, "contact_user_id"),
                **where,
            )
        raise UserError(f"unknown message kind {kind!r}", 404)

    @endpoint
    async def edit(self, body: Body, request: web.Request) -> Any:
        return self.actions.edit_text(
            int(body["user_id"]), int(body["message_id"]), str(body["text"]),
            chat_id=_int(body, "chat_id"), bot_id=_int(body, "bot_id"),
        )

    @endpoint
    async def press(self, body: Body, request: web.Request) -> Any:
        return self.actions.press_button(
            int(body["user_id"]), int(body["message_id"]), data=body.get("data"),
            text=body.get("text"), chat_id=_int(body, "chat_id"), bot_id=_int(body, "bot_id"),
        )

    @endpoint
    async def block(self, body: Body, request: web.Request) -> bool:
        if _bool(body, "blocked", True):
            self.actions.block_bot(int(body["user_id"]), _int(body, "bot_id"))
        else:
            self.actions.unblock_bot(int(body["user_id"]), _int(body, "bot_id"))
        return True

    @endpoint
    async def callbacks(self, body: Body, request: web.Request) -> Any:
        return callback_answers(self.state, body.get("query_id"))

    @endpoint
    async def wait_callback(self, body: Body, request: web.Request) -> Any:
        return await wait_for_answer(self.state, str(body["query_id"]),
                                     _float(body, "timeout", 5.0))

    def _event_filter(self, body: Body) -> Body:
        chat_id = _int(body, "chat_id")
        chat = self.state.find_chat(chat_id, _int(body, "bot_id")) if chat_id else None
        types = set(str(body["types"]).split(",")) if body.get("types") else None
        return {"chat": chat, "types": types}

    @endpoint
    async def events(self, body: Body, request: web.Request) -> Any:
        return events_since(self.state, _int(body, "since", 0) or 0, **self._event_filter(body))

    @endpoint
    async def wait_events(self, body: Body, request: web.Request) -> Any:
        events, complete = await wait_for_events(
            self.state, _int(body, "since", 0) or 0, _int(body, "count", 1) or 1,
            _float(body, "timeout", 5.0), **self._event_filter(body),
        )
        return {"events": events, "complete": complete}

    @endpoint
    async def updates(self, body: Body, request: web.Request) -> Any:
        return list(self.state.bot(_int(body, "bot_id")).produced)

    @endpoint
    async def calls(self, body: Body, request: web.Request) -> Any:
        return dict(self.state.bot(_int(body, "bot_id")).calls)

    @endpoint
    async def set_limits(self, body: Body, request: web.Request) -> Any:
        fields = set(LimitConfig.__slots__)  # type: ignore[attr-defined]
        self.state.limits.configure(**{k: v for k, v in body.items() if k in fields})
        return self.state.limits.stats()

    @endpoint
    async def limits(self, body: Body, request: web.Request) -> Any:
        return self.state.limits.stats()

    @endpoint
    async def add_fault(self, body: Body, request: web.Request) -> Any:
        options = {k: v for k, v in body.items() if k != "kind"}
        return self.state.faults.add(str(body["kind"]), **options).to_json()

    @endpoint
    async def faults(self, body: Body, request: web.Request) -> Any:
        return self.state.faults.to_json()

    @endpoint
    async def clear_faults(self, body: Body, request: web.Request) -> bool:
        chat_id = _int(body, "chat_id")
        if chat_id is not None:
            self.state.faults.remove_chat_fault(chat_id)
        else:
            self.state.faults.clear()
        return True

    @endpoint
    async def webhook_settings(self, body: Body, request: web.Request) -> Any:
        settings = self.state.webhook_settings
        for name in WebhookSettings.__slots__:  # type: ignore[attr-defined]
            if body.get(name) is not None:
                setattr(settings, name, float(body[name]))
        return {name: getattr(settings, name) for name in ("timeout", "retry_base", "retry_max")}

    @endpoint
    async def webhook_log(self, body: Body, request: web.Request) -> Any:
        bot_id = _int(body, "bot_id")
        return [e for e in self.state.webhook_log if bot_id is None or e["bot_id"] == bot_id]

    async def file(self, request: web.Request) -> web.StreamResponse:
        """Raw bytes of any stored file, e.g. a photo the bot sent."""
        record = self.state.files.get(request.match_info["file_id"])
        if record is None:
            return _respond(404, {"ok": False, "error": "unknown file_id"})
        return web.Response(body=record.data,
                            content_type=record.mime_type or "application/octet-stream")
