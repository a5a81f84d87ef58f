"""Chats and memberships as users change them: groups, bots joining, upgrades, topics.

Split from ``user_actions`` (which holds the message-sending half). Joining and leaving
produce what Telegram produces: ``my_chat_member`` for the bot, plus the
``new_chat_members`` service message when it joins; upgrading a group to a supergroup
leaves ``migrate_to_chat_id`` in the old chat and ``migrate_from_chat_id`` in the new one.
"""

from __future__ import annotations

from collections.abc import Iterable

from playground.emulator.models import JSON, ChatRecord, UserRecord
from playground.emulator.state import EmulatorState


class UserError(Exception):
    """A user-side request that cannot be carried out (unknown user, chat, button...)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _snapshot(message: JSON) -> JSON:
    return {k: v for k, v in message.items() if k != "reply_to_message"}


class GroupActions:
    """Lookups shared by every user action, and the chat-management half of them."""

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
            {
                "new_chat_members": [user.api],
                "new_chat_member": user.api,
                "new_chat_participant": user.api,
            },
        )

    def remove_member(self, chat_id: int, user_id: int, by_user_id: int | None = None) -> JSON:
        chat, user = self.group(chat_id), self.user(user_id)
        actor = self.user(by_user_id) if by_user_id is not None else user
        chat.members.discard(user.id)
        return self._service(
            chat, actor.api, {"left_chat_member": user.api, "left_chat_participant": user.api}
        )

    def add_bot(
        self,
        chat_id: int,
        by_user_id: int | None,
        bot_id: int | None = None,
        *,
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
            {
                "new_chat_members": [bot.api],
                "new_chat_member": bot.api,
                "new_chat_participant": bot.api,
            },
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
            chat,
            actor.api,
            None,
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
