"""What conversations need beyond the domain's ports: drafts, message links and the burst
guard.

They are conversation machinery rather than complaint rules, so they are declared here; the
storage layer implements them on the same unit of work as the domain repositories.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.conversation import Draft, MessageLink
from domain.flood import Verdict
from domain.ports import UnitOfWork

__all__ = [
    "BurstGuard",
    "ConversationUnitOfWork",
    "Draft",
    "DraftRepository",
    "LinkRepository",
    "MessageLink",
]


class DraftRepository(Protocol):
    async def get(self, chat_id: int) -> Draft | None: ...

    async def save(self, draft: Draft) -> Draft:
        """Insert or update by chat (one draft per chat)."""
        ...

    async def delete(self, chat_id: int) -> bool: ...
    async def list_stale(
        self, *, idle_since: datetime, limit: int = 100, include_reminded: bool = False
    ) -> list[Draft]: ...
    async def mark_reminded(self, chat_id: int) -> None: ...
    async def delete_stale(self, *, idle_since: datetime) -> int: ...


class LinkRepository(Protocol):
    async def find(self, chat_id: int, message_id: int) -> MessageLink | None: ...
    async def for_ticket(
        self, ticket_id: int, *, purpose: str | None = None, chat_id: int | None = None
    ) -> list[MessageLink]: ...


class BurstGuard(Protocol):
    """domain.flood's burst rule: counted in memory by one process, in the database when
    several share the work, so a flooding citizen meets the same limit either way."""

    async def check(self, sender: int, at: float) -> Verdict:
        """Count one update of `sender`, sent at `at` (epoch seconds), and judge it."""
        ...


class ConversationUnitOfWork(UnitOfWork, Protocol):
    drafts: DraftRepository
    links: LinkRepository
    bursts: BurstGuard
