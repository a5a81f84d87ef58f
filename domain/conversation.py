"""Conversation records: a citizen's draft complaint and the bot messages that belong to a
ticket. Not lifecycle rules, but both the handlers and storage need the same shape, and the
inner layer is where shared shapes live."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Draft:
    """One chat's conversation state (e.g. the intake steps), persisted between updates so a
    restart or another worker continues exactly where the citizen was."""

    chat_id: int
    step: str
    data: dict[str, Any] = field(default_factory=dict)
    citizen_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    reminded_at: datetime | None = None
    last_message_id: int | None = None
    version: int = 0
    id: int | None = None


@dataclass
class MessageLink:
    """A bot message that belongs to a ticket; a reply to it routes back to the ticket.

    `message_id` is None while the message is queued (a card is linked when it is queued, so
    the next change finds it before Telegram has it); the sender fills it in."""

    chat_id: int
    message_id: int | None
    ticket_id: int
    purpose: str
    created_at: datetime
    agency_id: int | None = None
    id: int | None = None
