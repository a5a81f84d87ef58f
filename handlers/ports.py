"""What conversations need beyond the domain's ports: drafts, message links, the languages
groups chose, report requests and the burst guard.

They are conversation machinery rather than complaint rules, so they are declared here; the
storage layer implements them on the same unit of work as the domain repositories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol, cast

from domain.conversation import Draft, MessageLink
from domain.flood import Verdict
from domain.ports import UnitOfWork
from handlers.reports.ports import ReportRequests

__all__ = [
    "BurstGuard",
    "ChatLanguageRepository",
    "ConversationUnitOfWork",
    "Draft",
    "DraftRepository",
    "LinkRepository",
    "MessageLink",
    "NoticeUnitOfWork",
    "notice_uow",
]


class DraftRepository(Protocol):
    async def get(self, chat_id: int) -> Draft | None: ...

    async def save(self, draft: Draft) -> None:
        """Insert or update by chat (one draft per chat), in this unit of work: its next read
        sees it, the commit keeps it."""
        ...

    async def delete(self, chat_id: int) -> bool: ...
    async def list_stale(
        self, *, idle_since: datetime, limit: int = 100, include_reminded: bool = False
    ) -> list[Draft]: ...
    async def mark_reminded(self, chat_id: int) -> None: ...
    async def delete_stale(self, *, idle_since: datetime) -> int: ...


class LinkRepository(Protocol):
    """Which ticket a bot message belongs to. A link is recorded when its message is queued
    (`expect`, no message id yet) for what must be found before it is sent (cards, topics),
    and completed by the sender, in the transaction that marks the message sent."""

    async def find(self, chat_id: int, message_id: int) -> MessageLink | None: ...
    async def for_ticket(
        self, ticket_id: int, *, purpose: str | None = None, chat_id: int | None = None
    ) -> list[MessageLink]:
        """Oldest first, queued ones (message_id None) included."""
        ...

    async def expect(
        self, *, chat_id: int, ticket_id: int, purpose: str, agency_id: int | None = None
    ) -> None:
        """A message of `purpose` about the ticket was queued for `chat_id` in this unit of
        work: link it now; the sender fills in its message id once Telegram has it."""
        ...


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

    async def count_ahead(self, updates: Sequence[tuple[int, float]]) -> None:
        """Count several senders' updates (sender, sent at) of a batch at once, where that is
        cheaper (one statement); each sender's `check` then returns its verdict."""
        ...


class NoticeUnitOfWork(UnitOfWork, Protocol):
    """What the notifier and the staff side need beyond the domain: message links (cards),
    the groups' languages and report requests. The SQL unit of work and the in-memory fake
    both implement all of it."""

    links: LinkRepository
    chat_languages: ChatLanguageRepository
    report_requests: ReportRequests


class ConversationUnitOfWork(NoticeUnitOfWork, Protocol):
    drafts: DraftRepository
    bursts: BurstGuard


def notice_uow(uow: UnitOfWork) -> NoticeUnitOfWork:
    """The domain hands its Notifier the unit of work the caller opened, typed by the domain's
    own Protocol; every caller's (the runtime's, the scheduler's, the tests' fake) is a
    NoticeUnitOfWork, so the notifier names the wider type once, here."""
    return cast(NoticeUnitOfWork, uow)
