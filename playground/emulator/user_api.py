"""The user side of the ``/_emulator/`` API: people, chats, messages, and what the bot did.

Tests (through :class:`~playground.emulator.client.EmulatorClient`) and the future web
playground act as Telegram users through these endpoints and read the results. File
contents travel base64-encoded so every call stays JSON. Switches for limits, faults and
webhooks live in ``control_api``.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from playground.emulator.api_common import (
    PREFIX,
    Body,
    as_bool,
    as_bytes,
    as_float,
    as_int,
    endpoint,
    where_of,
)
from playground.emulator.models import ChatRecord
from playground.emulator.state import EmulatorState
from playground.emulator.user_actions import UserActions, UserError
from playground.emulator.views import (
    callback_answers,
    chat_info,
    chat_messages,
    events_since,
    wait_for_answer,
    wait_for_events,
    wait_for_messages,
)


class UserApi:
    def __init__(self, state: EmulatorState):
        self.state = state
        self.actions = UserActions(state)

    def routes(self) -> list[web.RouteDef]:
        get, post = web.get, web.post
        table = [
            (post, "/users", self.create_user),
            (post, "/chats", self.create_chat),
            (get, "/chats/{chat_id}", self.get_chat),
            (post, "/chats/{chat_id}/members", self.add_member),
            (post, "/chats/{chat_id}/members/remove", self.remove_member),
            (post, "/chats/{chat_id}/bots", self.add_bot),
            (post, "/chats/{chat_id}/bots/remove", self.remove_bot),
            (post, "/chats/{chat_id}/upgrade", self.upgrade),
            (post, "/chats/{chat_id}/topics", self.create_topic),
            (get, "/chats/{chat_id}/messages", self.messages),
            (get, "/chats/{chat_id}/wait", self.wait_messages),
            (get, "/chats/{chat_id}/events", self.chat_events),
            (post, "/send/{kind}", self.send),
            (post, "/edit", self.edit),
            (post, "/press", self.press),
            (post, "/block", self.block),
            (get, "/callbacks", self.callbacks),
            (get, "/callbacks/wait", self.wait_callback),
            (get, "/events/log", self.events),
            (get, "/events/wait", self.wait_events),
        ]
        return [verb(PREFIX + path, handler) for verb, path, handler in table]

    def _chat(self, request: web.Request, body: Body) -> ChatRecord:
        chat = self.state.find_chat(int(request.match_info["chat_id"]), as_int(body, "bot_id"))
        if chat is None:
            raise UserError(f"unknown chat {request.match_info['chat_id']}", 404)
        return chat

    @endpoint
    async def create_user(self, body: Body, request: web.Request) -> Any:
        fields = {
            k: body[k]
            for k in ("first_name", "last_name", "username", "language_code", "is_premium")
            if k in body
        }
        return self.state.add_user(as_int(body, "user_id"), **fields).api

    @endpoint
    async def create_chat(self, body: Body, request: web.Request) -> Any:
        chat = self.actions.create_chat(
            str(body.get("kind", "group")),
            str(body.get("title", "Test group")),
            members=[int(m) for m in body.get("members", [])],
            bots=[int(b) for b in body["bots"]] if body.get("bots") is not None else None,
            admin=as_bool(body, "admin"),
            username=body.get("username"),
        )
        return chat_info(chat)

    @endpoint
    async def get_chat(self, body: Body, request: web.Request) -> Any:
        return chat_info(self._chat(request, body))

    @endpoint
    async def add_member(self, body: Body, request: web.Request) -> Any:
        chat_id = int(request.match_info["chat_id"])
        return self.actions.add_member(chat_id, int(body["user_id"]), as_int(body, "by_user_id"))

    @endpoint
    async def remove_member(self, body: Body, request: web.Request) -> Any:
        chat_id = int(request.match_info["chat_id"])
        return self.actions.remove_member(chat_id, int(body["user_id"]), as_int(body, "by_user_id"))

    @endpoint
    async def add_bot(self, body: Body, request: web.Request) -> Any:
        return self.actions.add_bot(
            int(request.match_info["chat_id"]),
            int(body["by_user_id"]),
            as_int(body, "bot_id"),
            admin=as_bool(body, "admin"),
        )

    @endpoint
    async def remove_bot(self, body: Body, request: web.Request) -> bool:
        self.actions.remove_bot(
            int(request.match_info["chat_id"]),
            int(body["by_user_id"]),
            as_int(body, "bot_id"),
            kick=as_bool(body, "kick", True),
        )
        return True

    @endpoint
    async def upgrade(self, body: Body, request: web.Request) -> Any:
        chat_id = int(request.match_info["chat_id"])
        return chat_info(self.actions.upgrade_group(chat_id, int(body["by_user_id"])))

    @endpoint
    async def create_topic(self, body: Body, request: web.Request) -> Any:
        return self.actions.create_topic(
            int(request.match_info["chat_id"]),
            int(body["user_id"]),
            str(body["name"]),
            as_int(body, "icon_color", 7322096) or 7322096,
        )

    def _filters(self, body: Body) -> Body:
        return {
            "sender": str(body.get("sender", "bot")),
            "bot_id": as_int(body, "bot_id"),
            "include_deleted": as_bool(body, "include_deleted"),
        }

    @endpoint
    async def messages(self, body: Body, request: web.Request) -> Any:
        return chat_messages(self._chat(request, body), **self._filters(body))

    @endpoint
    async def wait_messages(self, body: Body, request: web.Request) -> Any:
        messages, complete = await wait_for_messages(
            self.state,
            self._chat(request, body),
            as_int(body, "count", 1) or 1,
            as_float(body, "timeout", 5.0),
            **self._filters(body),
        )
        return {"messages": messages, "complete": complete}

    @endpoint
    async def chat_events(self, body: Body, request: web.Request) -> Any:
        return events_since(self.state, as_int(body, "since", 0) or 0, self._chat(request, body))

    @endpoint
    async def send(self, body: Body, request: web.Request) -> Any:
        kind, act, user_id = request.match_info["kind"], self.actions, int(body["user_id"])
        where = where_of(body)
        if kind == "text":
            return act.send_text(user_id, str(body["text"]), **where)
        if kind == "command":
            mention = as_bool(body, "mention") if "mention" in body else None
            return act.send_command(
                user_id, str(body["command"]), str(body.get("args", "")), mention=mention, **where
            )
        if kind == "photo":
            return act.send_photo(
                user_id, as_bytes(body["data"]), caption=body.get("caption"), **where
            )
        if kind == "album":
            photos = [as_bytes(item) for item in body["photos"]]
            return act.send_album(user_id, photos, caption=body.get("caption"), **where)
        if kind == "file":
            return act.send_file(
                user_id,
                str(body["file_kind"]),
                as_bytes(body.get("data", "")),
                file_name=body.get("file_name"),
                mime_type=body.get("mime_type"),
                caption=body.get("caption"),
                **where,
            )
        if kind == "location":
            return act.send_location(
                user_id,
                float(body["latitude"]),
                float(body["longitude"]),
                live_period=as_int(body, "live_period"),
                **where,
            )
        if kind == "venue":
            return act.send_venue(
                user_id,
                float(body["latitude"]),
                float(body["longitude"]),
                str(body["title"]),
                str(body["address"]),
                **where,
            )
        if kind == "contact":
            return act.send_contact(
                user_id,
                str(body["phone_number"]),
                str(body["first_name"]),
                last_name=body.get("last_name"),
                contact_user_id=as_int(body, "contact_user_id"),
                **where,
            )
        raise UserError(f"unknown message kind {kind!r}", 404)

    @endpoint
    async def edit(self, body: Body, request: web.Request) -> Any:
        return self.actions.edit_text(
            int(body["user_id"]),
            int(body["message_id"]),
            str(body["text"]),
            chat_id=as_int(body, "chat_id"),
            bot_id=as_int(body, "bot_id"),
        )

    @endpoint
    async def press(self, body: Body, request: web.Request) -> Any:
        return self.actions.press_button(
            int(body["user_id"]),
            int(body["message_id"]),
            data=body.get("data"),
            text=body.get("text"),
            chat_id=as_int(body, "chat_id"),
            bot_id=as_int(body, "bot_id"),
        )

    @endpoint
    async def block(self, body: Body, request: web.Request) -> bool:
        if as_bool(body, "blocked", True):
            self.actions.block_bot(int(body["user_id"]), as_int(body, "bot_id"))
        else:
            self.actions.unblock_bot(int(body["user_id"]), as_int(body, "bot_id"))
        return True

    @endpoint
    async def callbacks(self, body: Body, request: web.Request) -> Any:
        return callback_answers(self.state, body.get("query_id"))

    @endpoint
    async def wait_callback(self, body: Body, request: web.Request) -> Any:
        return await wait_for_answer(
            self.state, str(body["query_id"]), as_float(body, "timeout", 5.0)
        )

    def _event_filter(self, body: Body) -> Body:
        chat_id = as_int(body, "chat_id")
        chat = self.state.find_chat(chat_id, as_int(body, "bot_id")) if chat_id else None
        types = set(str(body["types"]).split(",")) if body.get("types") else None
        return {"chat": chat, "types": types}

    @endpoint
    async def events(self, body: Body, request: web.Request) -> Any:
        return events_since(self.state, as_int(body, "since", 0) or 0, **self._event_filter(body))

    @endpoint
    async def wait_events(self, body: Body, request: web.Request) -> Any:
        events, complete = await wait_for_events(
            self.state,
            as_int(body, "since", 0) or 0,
            as_int(body, "count", 1) or 1,
            as_float(body, "timeout", 5.0),
            **self._event_filter(body),
        )
        return {"events": events, "complete": complete}
