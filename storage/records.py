"""The bot runtime's records: what the machinery repositories hand to the inbox worker and
the sender. They are not domain records (the domain never sees Telegram updates), so they live
here, next to their tables. Drafts and message links are shared with the handlers, so their
shape lives in domain.conversation and is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.conversation import Draft, MessageLink
from domain.outbound import Outbound

__all__ = ["Draft", "InboxItem", "MessageLink", "OutboxItem"]


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
