"""Normalised Bot API errors, the same whichever Telegram library is in use.

The sender decides what to do with a failed outbox row from the error class alone (see DESIGN,
"Three durable hand-offs"): wait, back off, mark the chat unreachable, rewrite the chat id, or
give up with a reason. Each gateway maps its library's exceptions onto these.
"""

from __future__ import annotations


class GatewayError(Exception):
    """Base of every error a gateway raises; `description` is Telegram's text, if any."""

    def __init__(self, description: str = "") -> None:
        super().__init__(description)
        self.description = description


class RetryAfter(GatewayError):
    """429 flood control: the same call may succeed after `seconds`."""

    def __init__(self, seconds: float, description: str = "") -> None:
        super().__init__(description or f"Too Many Requests: retry after {seconds}")
        self.seconds = seconds


class Unreachable(GatewayError):
    """403: the bot can no longer write to this chat; retrying will not help."""

    def __init__(self, description: str = "", chat_id: int | None = None) -> None:
        super().__init__(description)
        self.chat_id = chat_id


class Blocked(Unreachable):
    """A private chat: the user blocked the bot, was deactivated, or never started it."""


class Kicked(Unreachable):
    """A group or channel: the bot was kicked, is not a member, or the chat was deleted."""


class ChatMigrated(GatewayError):
    """The group became a supergroup: store `new_chat_id` and resend there."""

    def __init__(self, new_chat_id: int, description: str = "") -> None:
        super().__init__(description or f"Group migrated to supergroup {new_chat_id}")
        self.new_chat_id = new_chat_id


class BadRequest(GatewayError):
    """A 400 (or similar) that can never succeed as sent; the row fails with this reason."""


class NotModified(BadRequest):
    """An edit that changed nothing; the sender treats it as done."""


class Unauthorized(GatewayError):
    """401/404 from the API: the token is wrong. Nothing will work until configuration changes."""


class Conflict(GatewayError):
    """409: another poller or a webhook holds the updates."""


class MalformedUpdate(GatewayError):
    """An update the library cannot read (a field missing or of the wrong type). The worker
    parks that inbox row instead of retrying it forever."""


class ServerError(GatewayError):
    """5xx (or an unreadable answer): transient on Telegram's side; back off and retry."""


class NetworkError(GatewayError):
    """The request may or may not have reached Telegram; back off and retry."""


class NetworkTimeout(NetworkError):
    """No answer in time (connect, read, write or pool wait)."""


class NetworkFailure(NetworkError):
    """The connection failed or was dropped."""


_BLOCKED_HINTS = ("blocked", "deactivated", "can't initiate", "bots can't send messages to bots")
_KICKED_HINTS = ("kicked", "not a member", "chat was deleted", "channel", "group", "supergroup")


def forbidden_error(description: str, chat_id: int | None) -> Unreachable:
    """Tell a blocked citizen from a kicked-out bot; the admins are told different things.

    Telegram's wording decides first; when it names neither, the chat id does: private chats
    (users) have positive ids, groups and channels negative ones.
    """
    text = description.lower()
    if any(hint in text for hint in _BLOCKED_HINTS):
        return Blocked(description, chat_id)
    if any(hint in text for hint in _KICKED_HINTS):
        return Kicked(description, chat_id)
    if chat_id is not None and chat_id < 0:
        return Kicked(description, chat_id)
    return Blocked(description, chat_id)


def bad_request_error(description: str) -> BadRequest:
    """Make both libraries' 400 texts look alike: ptb strips "Bad Request: " and capitalises
    the rest, aiogram keeps Telegram's text. We strip the prefix and capitalise the first
    letter only, and compare case-insensitively."""
    description = description.removeprefix("Bad Request: ")
    description = description[:1].upper() + description[1:]
    if "message is not modified" in description.lower():
        return NotModified(description)
    return BadRequest(description)
