"""Acting as Telegram users: the sending half of ``EmulatorClient``.

Private chats are addressed by the user alone (``chat_id`` omitted); groups by
``chat_id``. Each call returns the stored ``Message`` as the bot will receive it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from playground.emulator.client_base import JSON, ClientBase, b64


class UserMixin(ClientBase):
    async def _send(self, kind: str, user_id: int, where: JSON, **fields: Any) -> Any:
        return await self._call("POST", f"/send/{kind}", {"user_id": user_id, **where, **fields})

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """A text message (entities auto-detected); returns the stored ``Message``."""
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id, "bot_id": bot_id}
        return await self._send("text", user_id, where, text=text)

    async def send_command(
        self,
        user_id: int,
        command: str,
        args: str = "",
        *,
        chat_id: int | None = None,
        mention: bool | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """``/command [args]``; ``mention`` (default: in groups) appends ``@botname``."""
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id, "bot_id": bot_id}
        return await self._send(
            "command", user_id, where, command=command, args=args, mention=mention
        )

    async def start(self, user_id: int, args: str = "", *, bot_id: int | None = None) -> JSON:
        """``/start`` in the private chat: what makes the bot allowed to write."""
        return await self.send_command(user_id, "start", args, bot_id=bot_id)

    async def send_photo(
        self,
        user_id: int,
        data: bytes,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id, "bot_id": bot_id}
        return await self._send("photo", user_id, where, data=b64(data), caption=caption)

    async def send_album(
        self,
        user_id: int,
        photos: Sequence[bytes],
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot_id: int | None = None,
    ) -> list[JSON]:
        """2-10 photos sharing a ``media_group_id``: one message and one update each (each a
        reply to `reply_to`, as Telegram's apps send an album as a reply)."""
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id, "bot_id": bot_id}
        return await self._send(
            "album", user_id, where, photos=[b64(p) for p in photos], caption=caption
        )

    async def send_document(
        self,
        user_id: int,
        data: bytes,
        *,
        file_name: str,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        return await self.send_file(
            user_id,
            "document",
            data,
            file_name=file_name,
            mime_type=mime_type,
            caption=caption,
            chat_id=chat_id,
            bot_id=bot_id,
        )

    async def send_file(
        self,
        user_id: int,
        kind: str,
        data: bytes = b"\0",
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """``kind``: document, sticker, voice, animation, video_note, video or audio."""
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send(
            "file",
            user_id,
            where,
            file_kind=kind,
            data=b64(data),
            file_name=file_name,
            mime_type=mime_type,
            caption=caption,
        )

    async def send_location(
        self,
        user_id: int,
        latitude: float,
        longitude: float,
        *,
        live_period: int | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        where = {"chat_id": chat_id, "reply_to": reply_to, "bot_id": bot_id}
        return await self._send(
            "location",
            user_id,
            where,
            latitude=latitude,
            longitude=longitude,
            live_period=live_period,
        )

    async def send_venue(
        self,
        user_id: int,
        latitude: float,
        longitude: float,
        title: str,
        address: str,
        *,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send(
            "venue",
            user_id,
            where,
            latitude=latitude,
            longitude=longitude,
            title=title,
            address=address,
        )

    async def send_contact(
        self,
        user_id: int,
        phone_number: str,
        first_name: str,
        *,
        last_name: str | None = None,
        contact_user_id: int | None = None,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send(
            "contact",
            user_id,
            where,
            phone_number=phone_number,
            first_name=first_name,
            last_name=last_name,
            contact_user_id=contact_user_id,
        )

    async def edit_text(
        self,
        user_id: int,
        message_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """The user edits their message: the bot gets ``edited_message``."""
        return await self._call(
            "POST",
            "/edit",
            {
                "user_id": user_id,
                "message_id": message_id,
                "text": text,
                "chat_id": chat_id,
                "bot_id": bot_id,
            },
        )

    async def press_button(
        self,
        user_id: int,
        message_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        chat_id: int | None = None,
        bot_id: int | None = None,
    ) -> JSON:
        """Press an inline button by ``callback_data`` and/or label; returns the query."""
        return await self._call(
            "POST",
            "/press",
            {
                "user_id": user_id,
                "message_id": message_id,
                "data": data,
                "text": text,
                "chat_id": chat_id,
                "bot_id": bot_id,
            },
        )
