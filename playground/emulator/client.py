"""``EmulatorClient``: act as Telegram users and inspect the bot, from async tests.

A thin typed wrapper over the ``/_emulator/`` JSON API. Private chats are addressed by the
user (``chat_id`` omitted); groups by ``chat_id``. Waits are server-side long polls that
return the moment the bot acts, and raise :class:`TimeoutError` listing what was seen.
"""

from __future__ import annotations

from collections.abc import Iterable

from playground.emulator.client_base import JSON, ClientBase, EmulatorError
from playground.emulator.client_control import ControlMixin
from playground.emulator.client_users import UserMixin

__all__ = ["ClientBase", "EmulatorClient", "EmulatorError"]


class EmulatorClient(UserMixin, ControlMixin):
    """Act as users, observe the bot, and switch limits/faults (see the mixins)."""

    # --- setup ----------------------------------------------------------------------------

    async def reset(self) -> None:
        """Forget all users, chats, messages, files, faults and limits (bots stay)."""
        await self._call("POST", "/reset")

    async def state(self) -> JSON:
        return await self._call("GET", "/state")

    async def configure_bot(
        self,
        *,
        bot_id: int | None = None,
        username: str | None = None,
        first_name: str | None = None,
        privacy_mode: bool | None = None,
    ) -> JSON:
        return await self._call(
            "POST",
            "/bots",
            {
                "bot_id": bot_id,
                "username": username,
                "first_name": first_name,
                "privacy_mode": privacy_mode,
            },
        )

    async def set_privacy(self, enabled: bool, *, bot_id: int | None = None) -> JSON:
        return await self.configure_bot(bot_id=bot_id, privacy_mode=enabled)

    async def create_user(
        self,
        first_name: str = "Test",
        *,
        user_id: int | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        """A new Telegram user; returns its ``User`` object."""
        return await self._call(
            "POST",
            "/users",
            {
                "first_name": first_name,
                "user_id": user_id,
                "last_name": last_name,
                "username": username,
                "language_code": language_code,
            },
        )

    async def create_chat(
        self,
        kind: str = "group",
        title: str = "Test group",
        *,
        members: Iterable[int] = (),
        bots: Iterable[int] | None = None,
        admin: bool = False,
        username: str | None = None,
    ) -> JSON:
        """A ``group``, ``supergroup`` or ``forum``; the bot joins unless ``bots=[]``.

        Returns the ``Chat`` object; the first member is the one who adds the bot.
        """
        info = await self._call(
            "POST",
            "/chats",
            {
                "kind": kind,
                "title": title,
                "members": list(members),
                "bots": list(bots) if bots is not None else None,
                "admin": admin,
                "username": username,
            },
        )
        return info["chat"]

    async def chat_info(self, chat_id: int) -> JSON:
        """Members, bots, topics, current reply keyboard, migration of a chat."""
        return await self._call("GET", f"/chats/{chat_id}")

    async def add_member(
        self, chat_id: int, user_id: int, *, by_user_id: int | None = None
    ) -> JSON:
        return await self._call(
            "POST", f"/chats/{chat_id}/members", {"user_id": user_id, "by_user_id": by_user_id}
        )

    async def remove_member(self, chat_id: int, user_id: int) -> JSON:
        return await self._call("POST", f"/chats/{chat_id}/members/remove", {"user_id": user_id})

    async def add_bot(
        self, chat_id: int, by_user_id: int, *, bot_id: int | None = None, admin: bool = False
    ) -> JSON:
        return await self._call(
            "POST",
            f"/chats/{chat_id}/bots",
            {"by_user_id": by_user_id, "bot_id": bot_id, "admin": admin},
        )

    async def remove_bot(
        self, chat_id: int, by_user_id: int, *, bot_id: int | None = None, kick: bool = True
    ) -> None:
        await self._call(
            "POST",
            f"/chats/{chat_id}/bots/remove",
            {"by_user_id": by_user_id, "bot_id": bot_id, "kick": kick},
        )

    async def upgrade_group(self, chat_id: int, by_user_id: int) -> JSON:
        """Returns the new supergroup's ``Chat`` object."""
        info = await self._call("POST", f"/chats/{chat_id}/upgrade", {"by_user_id": by_user_id})
        return info["chat"]

    async def create_topic(self, chat_id: int, user_id: int, name: str) -> JSON:
        """A forum topic opened by a user; returns ``ForumTopic``."""
        return await self._call(
            "POST", f"/chats/{chat_id}/topics", {"user_id": user_id, "name": name}
        )

    async def block_bot(
        self, user_id: int, *, blocked: bool = True, bot_id: int | None = None
    ) -> None:
        await self._call(
            "POST", "/block", {"user_id": user_id, "blocked": blocked, "bot_id": bot_id}
        )

    # --- observing the bot ----------------------------------------------------------------

    async def messages(
        self,
        chat_id: int,
        *,
        sender: str = "bot",
        include_deleted: bool = False,
        bot_id: int | None = None,
    ) -> list[JSON]:
        """Current state of the chat's messages (``sender``: bot, user or all)."""
        return await self._call(
            "GET",
            f"/chats/{chat_id}/messages",
            {"sender": sender, "include_deleted": include_deleted, "bot_id": bot_id},
        )

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 30.0,  # noqa: ASYNC109 - the server waits, bounded by it
        *,
        sender: str = "bot",
        bot_id: int | None = None,
    ) -> list[JSON]:
        """Wait until the chat shows ≥ ``count`` (non-deleted) messages from ``sender``."""
        result = await self._call(
            "GET",
            f"/chats/{chat_id}/wait",
            {
                "count": count,
                "timeout": timeout,
                "sender": sender,
                "bot_id": bot_id,
            },
            wait=timeout,
        )
        if not result["complete"]:
            seen = [m.get("text") or sorted(m) for m in result["messages"]]
            raise TimeoutError(f"chat {chat_id}: wanted {count} messages, saw {seen}")
        return result["messages"]

    async def events(
        self,
        *,
        since: int = 0,
        chat_id: int | None = None,
        types: Iterable[str] | None = None,
        bot_id: int | None = None,
    ) -> list[JSON]:
        """The ordered event log (sends, edits, deletes, callbacks...) after ``since``."""
        return await self._call(
            "GET",
            "/events/log",
            {
                "since": since,
                "chat_id": chat_id,
                "bot_id": bot_id,
                "types": ",".join(types) if types else None,
            },
        )

    async def wait_for_events(
        self,
        *,
        since: int = 0,
        count: int = 1,
        timeout: float = 30.0,  # noqa: ASYNC109 - the server waits, bounded by it
        chat_id: int | None = None,
        types: Iterable[str] | None = None,
        bot_id: int | None = None,
    ) -> list[JSON]:
        result = await self._call(
            "GET",
            "/events/wait",
            {
                "since": since,
                "count": count,
                "timeout": timeout,
                "chat_id": chat_id,
                "bot_id": bot_id,
                "types": ",".join(types) if types else None,
            },
            wait=timeout,
        )
        if not result["complete"]:
            raise TimeoutError(f"wanted {count} events after {since}, saw {result['events']}")
        return result["events"]

    async def callback_answers(self, query_id: str | None = None) -> list[JSON]:
        return await self._call("GET", "/callbacks", {"query_id": query_id})

    async def wait_for_callback_answer(
        self,
        query_id: str,
        timeout: float = 30.0,  # noqa: ASYNC109 - the server waits, bounded by it
    ) -> JSON:
        """The bot's ``answerCallbackQuery`` (text, show_alert, url, cache_time)."""
        answer = await self._call(
            "GET", "/callbacks/wait", {"query_id": query_id, "timeout": timeout}, wait=timeout
        )
        if answer is None:
            raise TimeoutError(f"callback query {query_id} was not answered")
        return answer

    async def download(self, file_id: str) -> bytes:
        response = await self._http.get(f"/files/{file_id}")
        if response.status_code != 200:
            raise EmulatorError(response.status_code, response.text)
        return response.content
