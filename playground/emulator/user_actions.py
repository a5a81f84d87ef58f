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
from collections.abc import Iterable, Sequence
from typing import Any

from playground.emulator.entities import detect
from playground.emulator.models import JSON, CallbackRecord, ChatRecord, UserRecord
from playground.emulator.state import EmulatorState


class UserError(Exception):
    """A user-side request that cannot be carried out (unknown user, chat, button...)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _snapshot(message: JSON) -> JSON:
    return {k: v for k, v in message.items() if k != "reply_to_message"}


class UserActions:
    def __init__(self, state: EmulatorState):
        self.state = state

    # --- lookups --------------------------------------------------------------------------

    def user(self, user_id: int) -> UserRecord:
        user = self.state.users.get(int(user_id))
        if user is None:
            raise UserError(f"unknown user {user_id}", 404)
        return user

    def group(self, chat_id: int) -> ChatRecord:
        chat = self.state.groups.get(int(chat_id))
        if chat is None:
            raise UserError(f"unknown chat {chat_id}", 404)
        return chat

    def chat_for(self, user: UserRecord, chat_id: int | None, bot_id: int | None) -> ChatRecord:
        """``chat_id`` ``None`` (or the user's own id) means the private chat with the bot."""
        if chat_id is None or int(chat_id) == user.id:
            return self.state.private_chat(self.state.bot(bot_id), user)
        chat = self.group(chat_id)
        if chat.migrated_to is not None:
            raise UserError(f"chat {chat.id} was upgraded to supergroup {chat.migrated_to}")
        if user.id not in chat.members:
            raise UserError(f"user {user.id} is not a member of chat {chat.id}", 403)
        return chat

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
        if kind not in ("document", "video", "audio", "voice", "animation", "sticker",
                        "video_note"):
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
        self, user_id: int, latitude: float, longitude: float, *,
        live_period: int | None = None, **where: Any,
    ) -> JSON:
        location: JSON = {"latitude": float(latitude), "longitude": float(longitude)}
        if live_period:
            location["live_period"] = int(live_period)
        return self.post(user_id, {"location": location}, **where)

    def send_venue(
        self, user_id: int, latitude: float, longitude: float, title: str, address: str,
        **where: Any,
    ) -> JSON:
        location = {"latitude": float(latitude), "longitude": float(longitude)}
        venue = {"location": location, "title": title, "address": address}
        return self.post(user_id, {"venue": venue, "location": location}, **where)

    def send_contact(
        self, user_id: int, phone_number: str, first_name: str, *,
        last_name: str | None = None, contact_user_id: int | None = None, **where: Any,
    ) -> JSON:
        contact: JSON = {"phone_number": phone_number, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        if contact_user_id is not None:
            contact["user_id"] = int(contact_user_id)
        return self.post(user_id, {"contact": contact}, **where)

    def edit_text(
        self, user_id: int, message_id: int, text: str, *,
        chat_id: int | None = None, bot_id: int | None = None,
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
        self, user_id: int, message_id: int, *, data: str | None = None,
        text: str | None = None, chat_id: int | None = None, bot_id: int | None = None,
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

    # --- bots and users -------------------------------------------------------------------

    def block_bot(self, user_id: int, bot_id: int | None = None) -> None:
        user, bot = self.user(user_id), self.state.bot(bot_id)
        if user.id not in bot.blocked_by:
            bot.blocked_by.add(user.id)
            chat = self.state.private_chat(bot, user)
            self.state.member_update(chat, bot, user.api, "member", "kicked")

    def unblock_bot(self, user_id: int, bot_id: int | None = None) -> None:
        user, bot = self.user(user_id), self.state.bot(bot_id)
        if user.id in bot.blocked_by:
            bot.blocked_by.discard(user.id)
            chat = self.state.private_chat(bot, user)
            self.state.member_update(chat, bot, user.api, "kicked", "member")

    # --- groups ---------------------------------------------------------------------------

    def create_chat(
        self,
        kind: str,
        title: str,
        *,
        members: Iterable[int] = (),
        bots: Iterable[int] | None = None,
        admin: bool = False,
        username: str | None = None,
    ) -> ChatRecord:
        """A group, supergroup or forum; ``bots`` default to the default bot."""
        try:
            chat = self.state.new_chat(kind, title, username=username)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        member_ids = [self.user(uid).id for uid in members]
        chat.members.update(member_ids)
        bot_ids = [self.state.bot().id] if bots is None else list(bots)
        for bot_id in bot_ids:
            self.add_bot(chat.id, member_ids[0] if member_ids else None, bot_id, admin=admin)
        return chat

    def _service(self, chat: ChatRecord, actor: JSON, content: JSON) -> JSON:
        message = self.state.store_message(chat, actor, None, content)
        self.state.deliver(chat, message)
        return message

    def add_member(self, chat_id: int, user_id: int, by_user_id: int | None = None) -> JSON:
        chat, user = self.group(chat_id), self.user(user_id)
        actor = self.user(by_user_id) if by_user_id is not None else user
        chat.members.add(user.id)
        return self._service(
            chat,
            actor.api,
            {"new_chat_members": [user.api], "new_chat_member": user.api,
             "new_chat_participant": user.api},
        )

    def remove_member(self, chat_id: int, user_id: int, by_user_id: int | None = None) -> JSON:
        chat, user = self.group(chat_id), self.user(user_id)
        actor = self.user(by_user_id) if by_user_id is not None else user
        chat.members.discard(user.id)
        return self._service(
            chat, actor.api, {"left_chat_member": user.api, "left_chat_participant": user.api}
        )

    def add_bot(
        self, chat_id: int, by_user_id: int | None, bot_id: int | None = None, *,
        admin: bool = False,
    ) -> JSON | None:
        """The bot joins: ``my_chat_member`` then the ``new_chat_members`` service message."""
        chat, bot = self.group(chat_id), self.state.bot(bot_id)
        old = "kicked" if bot.id in chat.kicked_bots else "left"
        chat.kicked_bots.discard(bot.id)
        chat.bots[bot.id] = admin
        if by_user_id is None:
            return None
        actor = self.user(by_user_id)
        self.state.member_update(chat, bot, actor.api, old, "member", admin=admin)
        return self._service(
            chat,
            actor.api,
            {"new_chat_members": [bot.api], "new_chat_member": bot.api,
             "new_chat_participant": bot.api},
        )

    def remove_bot(
        self, chat_id: int, by_user_id: int, bot_id: int | None = None, *, kick: bool = True
    ) -> None:
        """The bot is removed: it gets ``my_chat_member`` only, as it has left the chat."""
        chat, bot, actor = self.group(chat_id), self.state.bot(bot_id), self.user(by_user_id)
        was_admin = chat.bots.pop(bot.id, None)
        if was_admin is None:
            raise UserError(f"bot {bot.id} is not in chat {chat.id}")
        if kick:
            chat.kicked_bots.add(bot.id)
        old = "administrator" if was_admin else "member"
        self.state.member_update(chat, bot, actor.api, old, "kicked" if kick else "left")
        self.state.store_message(
            chat, actor.api, None,
            {"left_chat_member": bot.api, "left_chat_participant": bot.api},
        )

    def upgrade_group(self, chat_id: int, by_user_id: int) -> ChatRecord:
        """Group → supergroup: ``migrate_to_chat_id`` in the old, ``..._from_...`` in the new."""
        old, actor = self.group(chat_id), self.user(by_user_id)
        if old.type != "group" or old.migrated_to is not None:
            raise UserError(f"chat {old.id} is not a basic group")
        new = self.state.new_chat("supergroup", old.title or "", username=old.username)
        new.members = set(old.members)
        new.bots = dict(old.bots)
        old.migrated_to = new.id
        self._service(old, actor.api, {"migrate_to_chat_id": new.id})
        self._service(new, actor.api, {"migrate_from_chat_id": old.id})
        return new

    def create_topic(
        self, chat_id: int, user_id: int, name: str, icon_color: int = 7322096
    ) -> JSON:
        chat, user = self.group(chat_id), self.user(user_id)
        if not chat.is_forum:
            raise UserError(f"chat {chat.id} is not a forum")
        return self.state.create_topic(chat, user.api, None, name, icon_color)
