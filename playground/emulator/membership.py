"""Group privacy mode and ``ChatMember`` objects.

Privacy mode is why a bot in a group sees only commands, replies to itself and service
messages; getting it wrong makes a bot that works in private chats silently deaf in groups,
so the rule lives in one small, separately tested place.
"""

from __future__ import annotations

from playground.emulator.models import JSON, BotRecord

SERVICE_KEYS = frozenset(
    {
        "new_chat_members",
        "left_chat_member",
        "new_chat_title",
        "new_chat_photo",
        "delete_chat_photo",
        "group_chat_created",
        "supergroup_chat_created",
        "migrate_to_chat_id",
        "migrate_from_chat_id",
        "pinned_message",
        "forum_topic_created",
        "forum_topic_edited",
        "forum_topic_closed",
        "forum_topic_reopened",
    }
)
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
)


def member(user: JSON, status: str) -> JSON:
    """A ``ChatMember`` object with the fields each status requires."""
    result: JSON = {"status": status, "user": user}
    if status == "administrator":
        result.update(can_be_edited=False, is_anonymous=False)
        result.update(dict.fromkeys(_ADMIN_RIGHTS, True))
    elif status == "kicked":
        result["until_date"] = 0
    elif status == "creator":
        result["is_anonymous"] = False
    return result


def sees(bot: BotRecord, message: JSON) -> bool:
    """Group privacy mode: commands for this bot, replies to it, and service messages."""
    text = message.get("text") or message.get("caption") or ""
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        _, at, target = command.partition("@")
        return not at or target.lower() == bot.username.lower()
    reply = message.get("reply_to_message")
    if (
        reply is not None
        and reply.get("from", {}).get("id") == bot.id
        and "forum_topic_created" not in reply
    ):
        return True
    return not SERVICE_KEYS.isdisjoint(message)
