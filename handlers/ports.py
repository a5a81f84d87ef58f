"""What conversations need beyond the domain's ports: drafts and message links.

Both are conversation machinery rather than complaint rules, so they are declared here; the
storage layer implements them on the same unit of work as the domain repositories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from domain.ports import UnitOfWork


@dataclass
class Draft:
    """A citizen's complaint in the making; lives in the database so restarts don't lose it."""

    chat_id: int
    citizen_id: int
    step: str
    created_at: datetime
    updated_at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    reminded_at: datetime | None = None
    last_message_id: int | None = None
    version: int = 0
    id: int | None = None


@dataclass
class MessageLink:
    """Which ticket a bot message is about, so a reply to it reaches the right ticket."""

    chat_id: int
    message_id: int
    ticket_id: int
    purpose: str
    created_at: datetime
    agency_id: int | None = None
    id: int | None = None


class DraftRepository(Protocol):
    async def get(self, chat_id: int) -> Draft | None: ...
    async def save(self, draft: Draft) -> Draft: ...
    async def delete(self, chat_id: int) -> None: ...


class LinkRepository(Protocol):
    async def find(self, chat_id: int, message_id: int) -> MessageLink | None: ...


class ConversationUnitOfWork(UnitOfWork, Protocol):
    drafts: DraftRepository
    links: LinkRepository
