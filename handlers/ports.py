"""What conversations need beyond the domain's ports: drafts, message links, the languages
groups chose and the burst guard.

They are conversation machinery rather than complaint rules, so they are declared here; the
storage layer implements them on the same unit of work as the domain repositories.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, cast

from domain.conversation import Draft, MessageLink
from domain.flood import Verdict
from domain.ports import UnitOfWork

__all__ = [
    "BurstGuard",
    "ChatLanguageRepository",
    "ConversationUnitOfWork",
    "Draft",
    "DraftRepository",
    "LinkRepository",
    "MessageLink",
    "conversation_uow",
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


class ChatLanguageRepository(Protocol):
    """A group's own language (/lang in the group); None: the city's default."""

    async def get(self, chat_id: int) -> str | None: ...
    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, str]: ...
    async def set(self, chat_id: int, language: str, *, by: int | None = None) -> None: ...
    async def move(self, old_chat_id: int, new_chat_id: int) -> None: ...


class BurstGuard(Protocol):
    """domain.flood's burst rule: counted in memory by one process, in the database when
    several share the work, so a flooding citizen meets the same limit either way."""

    async def check(self, sender: int, at: float) -> Verdict:
        """Count one update of `sender`, sent at `at` (epoch seconds), and judge it."""
        ...


class ConversationUnitOfWork(UnitOfWork, Protocol):
    drafts: DraftRepository
    links: LinkRepository
    chat_languages: ChatLanguageRepository
    bursts: BurstGuard


def conversation_uow(uow: UnitOfWork) -> ConversationUnitOfWork:
    """The unit of work the notifier and the scheduler get is the runtime's, which has the
    conversation repositories too (the domain only names its own)."""
    return cast(ConversationUnitOfWork, uow)
