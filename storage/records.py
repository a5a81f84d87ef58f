"""The bot runtime's records: what the machinery repositories hand to the inbox worker, the
sender and the conversation handlers. They are not domain records (the domain never sees
Telegram updates), so they live here, next to their tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.outbound import Outbound


@dataclass
class InboxItem:
    """A claimed Telegram update. `attempts` counts claims, so a poison update that keeps
    killing its worker can be dead-lettered by the caller."""

    update_id: int
    chat_id: int | None
    payload: dict[str, Any]
    attempts: int
    received_at: datetime
    bot_id: int = 0


@dataclass
class OutboxItem:
    """A claimed outbox row, its payload already turned back into an Outbound."""

    id: int
    chat_id: int
    message: Outbound
    attempts: int
    created_at: datetime
    ticket_id: int | None = None
    link_purpose: str | None = None


@dataclass
class MessageLink:
    """A bot message that belongs to a ticket; a reply to it routes back to the ticket."""

    chat_id: int
    message_id: int
    ticket_id: int
    purpose: str
    created_at: datetime
    agency_id: int | None = None
    id: int | None = None


@dataclass
class Draft:
    """One chat's conversation state (e.g. the intake steps), persisted between updates."""

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
