"""What people do in Telegram, turned into stored messages and bot updates.

This is the user side of the emulator without HTTP: the JSON API (``user_api``) and, later,
the web playground call it. Every action produces exactly the objects Telegram would -
messages with the right entities, ``callback_query`` with ``chat_instance``,
``my_chat_member`` plus ``new_chat_members`` when a bot joins, the two migration service
messages when a group becomes a supergroup - and hands them to the bots that may see them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

from playground.emulator.entities import detect
from playground.emulator.group_actions import GroupActions, UserError
from playground.emulator.models import JSON, CallbackRecord

__all__ = ["UserActions", "UserError"]


def _snapshot(message: JSON) -> JSON:
    return {k: v for k, v in message.items() if k != "reply_to_message"}


class UserActions(GroupActions):
    """Everything a user can do: send, edit, press buttons - plus :class:`GroupActions`."""

    # --- sending --------------------------------------------------------------------------

    def post(
        self,
        user_id: int,
        content: JSON,
        *,
        chat_id: int | None = None,
        bot_id: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        """Store a message from a user and deliver it; the primitive behind all sends."""
        state = self.state
        user = self.user(user_id)
        chat = self.chat_for(user, chat_id, bot_id)
        if chat.bot_id is not None:
            bot = state.bots[chat.bot_id]
            if user.id in bot.blocked_by:
                self.unblock_bot(user.id, bot.id)
            bot.started.add(user.id)
        reply = None
        if reply_to is not None:
            record = chat.messages.get(int(reply_to))
            if record is None or record.deleted:
                raise UserError(f"message {reply_to} not found in chat {chat.id}", 404)
            reply = _snapshot(record.message)
        if thread_id is not None:
            if chat.is_forum and thread_id not in chat.topics:
                raise UserError(f"topic {thread_id} not found in chat {chat.id}", 404)
            if reply is None and chat.is_forum:
                reply = _snapshot(chat.messages[thread_id].message)
        message = state.store_message(
            chat, user.api, None, content, reply_to=reply, thread_id=thread_id
        )
        state.deliver(chat, message)
        return message

    def send_text(self, user_id: int, text: str, **where: Any) -> JSON:
        if not text:
            raise UserError("text is empty")
        content: JSON = {"text": text}
        entities = detect(text)
        if entities:
            content["entities"] = entities
        return self.post(user_id, content, **where)

    def send_command(
        self,
        user_id: int,
        command: str,
        args: str = "",
        *,
        mention: bool | None = None,
        **where: Any,
    ) -> JSON:
        """``/command`` with a ``bot_command`` entity; ``/command@bot`` in groups by default."""
        user = self.user(user_id)
        chat = self.chat_for(user, where.get("chat_id"), where.get("bot_id"))
        name = command.lstrip("/")
        if mention is None:
            mention = chat.is_group
        head = f"/{name}"
        if mention:
            head += f"@{self.state.bot(where.get('bot_id')).username}"
        text = f"{head} {args}" if args else head
        entities = detect(text, [{"type": "bot_command", "offset": 0, "length": len(head)}])
        return self.post(user_id, {"text": text, "entities": entities}, **where)

    def _caption(self, caption: str | None) -> JSON:
        if not caption:
            return {}
        content: JSON = {"caption": caption}
        entities = detect(caption)
        if entities:
            content["caption_entities"] = entities
        return content

    def send_photo(
        self,
        user_id: int,
        data: bytes,
        *,
        caption: str | None = None,
        media_group_id: str | None = None,
        **where: Any,
    ) -> JSON:
        content: JSON = {"photo": self.state.files.add_photo(data)}
        if media_group_id:
            content["media_group_id"] = media_group_id
        content.update(self._caption(caption))
        return self.post(user_id, content, **where)

    def send_album(
        self,
        user_id: int,
        photos: Sequence[bytes],
        *,
        caption: str | None = None,
        **where: Any,
    ) -> list[JSON]:
        """Several photo messages sharing one ``media_group_id``, one update each."""
        if not 2 <= len(photos) <= 10:
            raise UserError("an album has 2-10 items")
        group_id = str(random.randrange(10**17, 10**18))
        return [
            self.send_photo(
                user_id,
                data,
                caption=caption if index == 0 else None,
                media_group_id=group_id,
                **where,
            )
            for index, data in enumerate(photos)
        ]

    def send_file(
        self,
        user_id: int,
        kind: str,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
        **where: Any,
    ) -> JSON:
        """A document, or a sticker/voice/animation/video_note/video/audio message."""
        files = self.state.files
        if kind not in (
            "document",
            "video",
            "audio",
            "voice",
            "animation",
            "sticker",
            "video_note",
        ):
            raise UserError(f"unsupported file kind {kind!r}")
        if kind == "voice" and not mime_type:
            mime_type = "audio/ogg"
        record = files.add(kind, data, file_name=file_name, mime_type=mime_type)
        media = files.media_object(record)
        content: JSON = {kind: media}
        if kind == "animation":
            content["document"] = media
        if kind not in ("sticker", "video_note"):
            content.update(self._caption(caption))
        return self.post(user_id, content, **where)

    def send_location(
        self,
        user_id: int,
        latitude: float,
        longitude: float,
        *,
        live_period: int | None = None,
        **where: Any,
    ) -> JSON:
        location: JSON = {"latitude": float(latitude), "longitude": float(longitude)}
        if live_period:
            location["live_period"] = int(live_period)
        return self.post(user_id, {"location": location}, **where)

    def send_venue(
        self,
        user_id: int,
        latitude: float,
        longitude: float,
        title: str,
        address: str,
        **where: Any,
    ) -> JSON:
        location = {"latitude": float(latitude), "longitude": float(longitude)}
        venue = {"location": location, "title": title, "address": address}
        return self.post(user_id, {"venue": venue, "location": location}, **where)

    def send_contact(
        self,
        user_id: int,
        phone_number: str,
        first_name: str,
        *,
        last_name: str | None = None,
        contact_user_id: int | None = None,
        **where: Any,
    ) -> JSON:
        contact: JSON = {"phone_number": phone_number, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        if contact_user_id is not None:
            contact["user_id"] = int(contact_user_id)
        return self.post(user_id, {"contact": contact}, **where)

    def edit_text(
        self,
        user_id: int,
        message_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """The user edits their own text message: an ``edited_message`` update."""
        user = self.user(user_id)
        chat = self.chat_for(user, chat_id, bot_id)
        record = chat.messages.get(int(message_id))
        if record is None or record.deleted or record.message.get("from", {}).get("id") != user.id:
            raise UserError(f"user {user.id} has no message {message_id} in chat {chat.id}", 404)
        if "text" not in record.message:
            raise UserError("only text messages can be edited")
        new = {k: v for k, v in record.message.items() if k != "entities"}
        new["text"] = text
        entities = detect(text)
        if entities:
            new["entities"] = entities
        new["edit_date"] = int(time.time())
        self.state.replace_message(chat, record, new)
        self.state.deliver(chat, new, "edited_message")
        return new

    def press_button(
        self,
        user_id: int,
        message_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """Press an inline button (by ``callback_data`` or label): a ``callback_query``."""
        user = self.user(user_id)
        chat = self.chat_for(user, chat_id, bot_id)
        record = chat.messages.get(int(message_id))
        if record is None or record.deleted or record.bot_id is None:
            raise UserError(f"no bot message {message_id} in chat {chat.id}", 404)
        rows = (record.message.get("reply_markup") or {}).get("inline_keyboard") or []
        button = next(
            (
                b
                for row in rows
                for b in row
                if "callback_data" in b
                and (data is None or b["callback_data"] == data)
                and (text is None or b["text"] == text)
            ),
            None,
        )
        if button is None:
            raise UserError(f"message {message_id} has no such callback button", 404)
        state = self.state
        query = {
            "id": state.next_callback_id(),
            "from": user.api,
            "message": record.message,
            "chat_instance": chat.chat_instance,
            "data": button["callback_data"],
        }
        state.callbacks[query["id"]] = CallbackRecord(query, record.bot_id, chat.id)
        state.enqueue(state.bots[record.bot_id], "callback_query", query)
        state.record(chat, "callback_query", bot_id=record.bot_id, from_bot=False, query=query)
        return query
