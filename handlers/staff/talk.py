"""How staff handlers speak: the language of a group, linked posts, and persisted prompts.

A group is read by everyone in it, so what the bot posts there is in the group's own language
(set with /lang in the group, else the city's default); what only the presser sees (a callback
answer, a private chat) is in theirs.

A prompt ("reply to this message with your question") is an ordinary bot message linked to
the ticket with the purpose ``prompt_<intent>:<staff id>``. The reply to it carries the intent,
so a pending question survives restarts and is shared by every worker: nothing is in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from domain.outbound import Keyboard, Outbound
from handlers.texts import queue
from handlers.turn import Turn

PROMPT = "prompt_"
# Messages that stand for the ticket itself: a reply to any of them is about that ticket.
TICKET_MESSAGES = frozenset({"card", "card_media", "relay"})


def lang(turn: Turn) -> str:
    """The group's own language in groups (everyone reads it), the user's own in private."""
    return turn.language if turn.incoming.is_private else turn.chat_language


def st(turn: Turn, key: str, **args: Any) -> Markup:
    """A staff text in the language of the chat it is posted in."""
    return turn.texts.text(lang(turn), key, **args)


def label(turn: Turn, key: str) -> str:
    """A button's label in the chat's language (plain text: buttons parse no HTML)."""
    return turn.texts.plain(lang(turn), key)


async def post(
    turn: Turn,
    text: Markup,
    *,
    ticket_id: int | None = None,
    purpose: str | None = None,
    agency_id: int | None = None,
    keyboard: Keyboard | None = None,
    reply_to: int | None = None,
) -> Outbound:
    """Queue a message to this chat (in this topic), linked to the ticket when `purpose`."""
    message = Outbound(
        chat_id=turn.incoming.chat.id if turn.incoming.chat else 0,
        text=text,
        keyboard=keyboard,
        reply_to_message_id=reply_to,
        thread_id=turn.incoming.thread_id,
        ticket_id=ticket_id,
        link_purpose=purpose,
        agency_id=agency_id,
    )
    parts = await queue(turn.uow.outbox, message)
    turn.queued.extend(parts)
    return parts[0]


def prompt_purpose(intent: str, staff_id: int) -> str:
    return f"{PROMPT}{intent}:{staff_id}"


@dataclass(frozen=True)
class Prompt:
    intent: str  # hold | duplicate | where | info | resolve | notours
    staff_id: int


def parse_prompt(purpose: str) -> Prompt | None:
    if not purpose.startswith(PROMPT):
        return None
    intent, _, staff = purpose[len(PROMPT) :].partition(":")
    if not intent or not staff.isdigit():
        return None
    return Prompt(intent, int(staff))


def mention(turn: Turn, name: str, telegram_id: int) -> Markup:
    """A mention, so the person a prompt waits for is notified."""
    return st(turn, "staff-mention", name=name, id=str(telegram_id))
