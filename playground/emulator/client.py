"""``EmulatorClient``: act as Telegram users and inspect the bot, from async tests.

A thin typed wrapper over the ``/_emulator/`` JSON API. Private chats are addressed by the
user (``chat_id`` omitted); groups by ``chat_id``. Waits are server-side long polls that
return the moment the bot acts, and raise :class:`TimeoutError` listing what was seen.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

import httpx

JSON = dict[str, Any]


class EmulatorError(Exception):
    """The user-side API refused a request (unknown user, chat, button...)."""

    def __init__(self, status: int, message: str):
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class EmulatorClient:
    def __init__(self, base_url: str, *, bot_id: int | None = None, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.bot_id = bot_id
        self._timeout = timeout
        self._http = httpx.AsyncClient(base_url=f"{self.base_url}/_emulator", timeout=timeout)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(
        self, verb: str, path: str, body: JSON | None = None, *, wait: float = 0.0
    ) -> Any:
        payload = {k: v for k, v in (body or {}).items() if v is not None}
        if "bot_id" not in payload and self.bot_id is not None:
            payload["bot_id"] = self.bot_id
        timeout = self._timeout + wait
        if verb == "GET":
            params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in payload.items()}
            response = await self._http.get(path, params=params, timeout=timeout)
        else:
            response = await self._http.post(path, json=payload, timeout=timeout)
        data = response.json()
        if not data.get("ok"):
            raise EmulatorError(response.status_code, str(data.get("error")))
        return data["result"]

    # --- setup ----------------------------------------------------------------------------

    async def reset(self) -> None:
        """Forget all users, chats, messages, files, faults and limits (bots stay)."""
        await self._call("POST", "/reset")

    async def state(self) -> JSON:
        return await self._call("GET", "/state")

    async def configure_bot(
        self, *, bot_id: int | None = None, username: str | None = None,
        first_name: str | None = None, privacy_mode: bool | None = None,
    ) -> JSON:
        return await self._call("POST", "/bots", {"bot_id": bot_id, "username": username,
                                                  "first_name": first_name,
                                                  "privacy_mode": privacy_mode})

    async def set_privacy(self, enabled: bool, *, bot_id: int | None = None) -> JSON:
        return await self.configure_bot(bot_id=bot_id, privacy_mode=enabled)

    async def create_user(
        self, first_name: str = "Test", *, user_id: int | None = None,
        last_name: str | None = None, username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        """A new Telegram user; returns its ``User`` object."""
        return await self._call("POST", "/users", {
            "first_name": first_name, "user_id": user_id, "last_name": last_name,
            "username": username, "language_code": language_code,
        })

    async def create_chat(
        self, kind: str = "group", title: str = "Test group", *, members: Iterable[int] = (),
        bots: Iterable[int] | None = None, admin: bool = False, username: str | None = None,
    ) -> JSON:
        """A ``group``, ``supergroup`` or ``forum``; the bot joins unless ``bots=[]``.

        Returns the ``Chat`` object; the first member is the one who adds the bot.
        """
        info = await self._call("POST", "/chats", {
            "kind": kind, "title": title, "members": list(members),
            "bots": list(bots) if bots is not None else None, "admin": admin,
            "username": username,
        })
        return info["chat"]

    async def chat_info(self, chat_id: int) -> JSON:
        """Members, bots, topics, current reply keyboard, migration of a chat."""
        return await self._call("GET", f"/chats/{chat_id}")

    async def add_member(self, chat_id: int, user_id: int, *, by_user_id: int | None = None
                         ) -> JSON:
        return await self._call("POST", f"/chats/{chat_id}/members",
                                {"user_id": user_id, "by_user_id": by_user_id})

    async def remove_member(self, chat_id: int, user_id: int) -> JSON:
        return await self._call("POST", f"/chats/{chat_id}/members/remove", {"user_id": user_id})

    async def add_bot(self, chat_id: int, by_user_id: int, *, bot_id: int | None = None,
                      admin: bool = False) -> JSON:
        return await self._call("POST", f"/chats/{chat_id}/bots",
                                {"by_user_id": by_user_id, "bot_id": bot_id, "admin": admin})

    async def remove_bot(self, chat_id: int, by_user_id: int, *, bot_id: int | None = None,
                         kick: bool = True) -> None:
        await self._call("POST", f"/chats/{chat_id}/bots/remove",
                         {"by_user_id": by_user_id, "bot_id": bot_id, "kick": kick})

    async def upgrade_group(self, chat_id: int, by_user_id: int) -> JSON:
        """Returns the new supergroup's ``Chat`` object."""
        info = await self._call("POST", f"/chats/{chat_id}/upgrade", {"by_user_id": by_user_id})
        return info["chat"]

    async def create_topic(self, chat_id: int, user_id: int, name: str) -> JSON:
        """A forum topic opened by a user; returns ``ForumTopic``."""
        return await self._call("POST", f"/chats/{chat_id}/topics",
                                {"user_id": user_id, "name": name})

    async def block_bot(self, user_id: int, *, blocked: bool = True,
                        bot_id: int | None = None) -> None:
        await self._call("POST", "/block",
                         {"user_id": user_id, "blocked": blocked, "bot_id": bot_id})

    # --- acting as a user -----------------------------------------------------------------

    async def _send(self, kind: str, user_id: int, where: JSON, **fields: Any) -> Any:
        return await self._call("POST", f"/send/{kind}", {"user_id": user_id, **where, **fields})

    async def send_text(self, user_id: int, text: str, *, chat_id: int | None = None,
                        reply_to: int | None = None, thread_id: int | None = None,
                        bot_id: int | None = None) -> JSON:
        """A text message (entities auto-detected); returns the stored ``Message``."""
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id,
                 "bot_id": bot_id}
        return await self._send("text", user_id, where, text=text)

    async def send_command(self, user_id: int, command: str, args: str = "", *,
                           chat_id: int | None = None, mention: bool | None = None,
                           reply_to: int | None = None, thread_id: int | None = None,
                           bot_id: int | None = None) -> JSON:
        """``/command [args]``; ``mention`` (default: in groups) appends ``@botname``."""
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id,
                 "bot_id": bot_id}
        return await self._send("command", user_id, where, command=command, args=args,
                                mention=mention)

    async def start(self, user_id: int, args: str = "", *, bot_id: int | None = None) -> JSON:
        """``/start`` in the private chat: what makes the bot allowed to write."""
        return await self.send_command(user_id, "start", args, bot_id=bot_id)

    async def send_photo(self, user_id: int, data: bytes, *, caption: str | None = None,
                         chat_id: int | None = None, reply_to: int | None = None,
                         thread_id: int | None = None, bot_id: int | None = None) -> JSON:
        where = {"chat_id": chat_id, "reply_to": reply_to, "thread_id": thread_id,
                 "bot_id": bot_id}
        return await self._send("photo", user_id, where, data=_b64(data), caption=caption)

    async def send_album(self, user_id: int, photos: Sequence[bytes], *,
                         caption: str | None = None, chat_id: int | None = None,
                         bot_id: int | None = None) -> list[JSON]:
        """2-10 photos sharing a ``media_group_id``: one message and one update each."""
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send("album", user_id, where, photos=[_b64(p) for p in photos],
                                caption=caption)

    async def send_document(self, user_id: int, data: bytes, *, file_name: str,
                            mime_type: str = "application/octet-stream",
                            caption: str | None = None, chat_id: int | None = None,
                            bot_id: int | None = None) -> JSON:
        return await self.send_file(user_id, "document", data, file_name=file_name,
                                    mime_type=mime_type, caption=caption, chat_id=chat_id,
                                    bot_id=bot_id)

    async def send_file(self, user_id: int, kind: str, data: bytes = b"\0", *,
                        file_name: str | None = None, mime_type: str | None = None,
                        caption: str | None = None, chat_id: int | None = None,
                        bot_id: int | None = None) -> JSON:
        """``kind``: document, sticker, voice, animation, video_note, video or audio."""
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send("file", user_id, where, file_kind=kind, data=_b64(data),
                                file_name=file_name, mime_type=mime_type, caption=caption)

    async def send_location(self, user_id: int, latitude: float, longitude: float, *,
                            live_period: int | None = None, chat_id: int | None = None,
                            reply_to: int | None = None, bot_id: int | None = None) -> JSON:
        where = {"chat_id": chat_id, "reply_to": reply_to, "bot_id": bot_id}
        return await self._send("location", user_id, where, latitude=latitude,
                                longitude=longitude, live_period=live_period)

    async def send_venue(self, user_id: int, latitude: float, longitude: float, title: str,
                         address: str, *, chat_id: int | None = None,
                         bot_id: int | None = None) -> JSON:
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send("venue", user_id, where, latitude=latitude,
                                longitude=longitude, title=title, address=address)

    async def send_contact(self, user_id: int, phone_number: str, first_name: str, *,
                           last_name: str | None = None, contact_user_id: int | None = None,
                           chat_id: int | None = None, bot_id: int | None = None) -> JSON:
        where = {"chat_id": chat_id, "bot_id": bot_id}
        return await self._send("contact", user_id, where, phone_number=phone_number,
                                first_name=first_name, last_name=last_name,
                                contact_user_id=contact_user_id)

    async def edit_text(self, user_id: int, message_id: int, text: str, *,
                        chat_id: int | None = None, bot_id: int | None = None) -> JSON:
        """The user edits their message: the bot gets ``edited_message``."""
        return await self._call("POST", "/edit", {"user_id": user_id, "message_id": message_id,
                                                  "text": text, "chat_id": chat_id,
                                                  "bot_id": bot_id})

    async def press_button(self, user_id: int, message_id: int, *, data: str | None = None,
                           text: str | None = None, chat_id: int | None = None,
                           bot_id: int | None = None) -> JSON:
        """Press an inline button by ``callback_data`` and/or label; returns the query."""
        return await self._call("POST", "/press", {
            "user_id": user_id, "message_id": message_id, "data": data, "text": text,
            "chat_id": chat_id, "bot_id": bot_id,
        })

    # --- observing the bot ----------------------------------------------------------------

    async def messages(self, chat_id: int, *, sender: str = "bot", include_deleted: bool = False,
                       bot_id: int | None = None) -> list[JSON]:
        """Current state of the chat's messages (``sender``: bot, user or all)."""
        return await self._call("GET", f"/chats/{chat_id}/messages", {
            "sender": sender, "include_deleted": include_deleted, "bot_id": bot_id})

    async def wait_for_messages(self, chat_id: int, count: int = 1, timeout: float = 5.0, *,
                                sender: str = "bot", bot_id: int | None = None) -> list[JSON]:
        """Wait until the chat shows ≥ ``count`` (non-deleted) messages from ``sender``."""
        result = await self._call("GET", f"/chats/{chat_id}/wait", {
            "count": count, "timeout": timeout, "sender": sender, "bot_id": bot_id,
        }, wait=timeout)
        if not result["complete"]:
            seen = [m.get("text") or sorted(m) for m in result["messages"]]
            raise TimeoutError(f"chat {chat_id}: wanted {count} messages, saw {seen}")
        return result["messages"]

    async def events(self, *, since: int = 0, chat_id: int | None = None,
                     types: Iterable[str] | None = None, bot_id: int | None = None) -> list[JSON]:
        """The ordered event log (sends, edits, deletes, callbacks...) after ``since``."""
        return await self._call("GET", "/events/log", {
            "since": since, "chat_id": chat_id, "bot_id": bot_id,
            "types": ",".join(types) if types else None})

    async def wait_for_events(self, *, since: int = 0, count: int = 1, timeout: float = 5.0,
                              chat_id: int | None = None, types: Iterable[str] | None = None,
                              bot_id: int | None = None) -> list[JSON]:
        result = await self._call("GET", "/events/wait", {
            "since": since, "count": count, "timeout": timeout, "chat_id": chat_id,
            "bot_id": bot_id, "types": ",".join(types) if types else None}, wait=timeout)
        if not result["complete"]:
            raise TimeoutError(f"wanted {count} events after {since}, saw {result['events']}")
        return result["events"]

    async def callback_answers(self, query_id: str | None = None) -> list[JSON]:
        return await self._call("GET", "/callbacks", {"query_id": query_id})

    async def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> JSON:
        """The bot's ``answerCallbackQuery`` (text, show_alert, url, cache_time)."""
        answer = await self._call("GET", "/callbacks/wait",
                                  {"query_id": query_id, "timeout": timeout}, wait=timeout)
        if answer is None:
            raise TimeoutError(f"callback query {query_id} was not answered")
        return answer

    async def updates(self, *, bot_id: int | None = None) -> list[JSON]:
        """Every update produced for the bot (delivered or not), in order."""
        return await self._call("GET", "/updates", {"bot_id": bot_id})

    async def call_counts(self, *, bot_id: int | None = None) -> dict[str, int]:
        return await self._call("GET", "/calls", {"bot_id": bot_id})

    async def download(self, file_id: str) -> bytes:
        response = await self._http.get(f"/files/{file_id}")
        if response.status_code != 200:
            raise EmulatorError(response.status_code, response.text)
        return response.content

    # --- limits, faults, webhooks ---------------------------------------------------------

    async def set_limits(self, enabled: bool = True, **numbers: float) -> JSON:
        """Flood limits: private_per_second, private_burst, group_per_minute,
        global_per_second, global_burst. Returns :meth:`limit_stats`."""
        return await self._call("POST", "/limits", {"enabled": enabled, **numbers})

    async def limit_stats(self) -> JSON:
        """``rejected`` (429s given), ``rejected_by_chat``, ``send_times`` per chat."""
        return await self._call("GET", "/limits")

    async def inject_fault(self, kind: str, *, method: str | None = None,
                           chat_id: int | None = None, times: int | None = 1,
                           status: int | None = None, description: str | None = None,
                           retry_after: int | None = None, delay_ms: int | None = None,
                           migrate_to_chat_id: int | None = None) -> JSON:
        """kind: error, retry_after, delay, hang, drop, lost_answer (next ``times`` calls,
        ``None`` = until cleared) or blocked, kicked, migrate (standing, per chat)."""
        return await self._call("POST", "/faults", {
            "kind": kind, "method": method, "chat_id": chat_id, "times": times,
            "status": status, "description": description, "retry_after": retry_after,
            "delay_ms": delay_ms, "migrate_to_chat_id": migrate_to_chat_id})

    async def fail_next(self, times: int = 1, *, status: int = 502, method: str | None = None,
                        description: str | None = None) -> JSON:
        return await self.inject_fault("error", times=times, status=status, method=method,
                                       description=description)

    async def retry_after_next(self, times: int = 1, *, retry_after: int = 5,
                               method: str | None = None) -> JSON:
        return await self.inject_fault("retry_after", times=times, retry_after=retry_after,
                                       method=method)

    async def slow_down(self, delay_ms: int, *, times: int | None = 1,
                        method: str | None = None) -> JSON:
        return await self.inject_fault("delay", delay_ms=delay_ms, times=times, method=method)

    async def hang(self, *, delay_ms: int = 30_000, times: int = 1,
                   method: str | None = None) -> JSON:
        """No answer for ``delay_ms``, then the connection is closed; the method never runs."""
        return await self.inject_fault("hang", delay_ms=delay_ms, times=times, method=method)

    async def drop_connection(self, *, times: int = 1, method: str | None = None) -> JSON:
        return await self.inject_fault("drop", times=times, method=method)

    async def lose_answer(self, *, times: int = 1, method: str | None = "sendMessage") -> JSON:
        """The method runs (the message is stored) but the answer is lost."""
        return await self.inject_fault("lost_answer", times=times, method=method)

    async def block_chat(self, chat_id: int) -> JSON:
        """Sends to ``chat_id`` get 403 "bot was blocked by the user"."""
        return await self.inject_fault("blocked", chat_id=chat_id, times=None)

    async def kick_bot_from(self, chat_id: int) -> JSON:
        """Sends to ``chat_id`` get 403 "bot was kicked from the (super)group chat"."""
        return await self.inject_fault("kicked", chat_id=chat_id, times=None)

    async def migrate_chat(self, chat_id: int, to_chat_id: int) -> JSON:
        """Sends to ``chat_id`` get 400 with ``parameters.migrate_to_chat_id``."""
        return await self.inject_fault("migrate", chat_id=chat_id, times=None,
                                       migrate_to_chat_id=to_chat_id)

    async def clear_faults(self, *, chat_id: int | None = None) -> None:
        await self._call("POST", "/faults/clear", {"chat_id": chat_id})

    async def faults(self) -> JSON:
        return await self._call("GET", "/faults")

    async def webhook_settings(self, *, timeout: float | None = None,
                               retry_base: float | None = None,
                               retry_max: float | None = None) -> JSON:
        """Webhook answer timeout and redelivery backoff, in seconds."""
        return await self._call("POST", "/webhook/settings", {
            "timeout": timeout, "retry_base": retry_base, "retry_max": retry_max})

    async def webhook_log(self, *, bot_id: int | None = None) -> list[JSON]:
        return await self._call("GET", "/webhook/log", {"bot_id": bot_id})
