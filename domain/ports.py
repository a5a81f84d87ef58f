"""What the domain needs from the outside world, as Protocols.

storage/ implements these with SQLModel; tests implement them in memory (tests/fakes.py).
Repositories never commit: only the unit of work does, so a state change, its ticket_event and
the outbox rows it causes land together or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol, Self

from domain.model import (
    Agency,
    Assignment,
    Attachment,
    AuditEntry,
    Category,
    Citizen,
    Invite,
    Staff,
    Template,
    Ticket,
    TicketEvent,
)
from domain.outbound import Outbound
from domain.roles import Role
from domain.status import TicketStatus


class TicketRepository(Protocol):
    async def add(self, ticket: Ticket) -> Ticket:
        """Insert and set `ticket.id`."""
        ...

    async def get(self, ticket_id: int) -> Ticket | None: ...
    async def get_by_code(self, code: str) -> Ticket | None: ...
    async def code_exists(self, code: str) -> bool: ...

    async def save(self, ticket: Ticket) -> None:
        """Write changes if nobody else did since it was read; bump `version`.

        Raises `ConcurrentUpdate` when the stored version moved on.
        """
        ...

    async def list_for_citizen(
        self, citizen_id: int, *, limit: int = 10, offset: int = 0
    ) -> list[Ticket]: ...

    async def count_for_citizen(self, citizen_id: int) -> int: ...

    async def list_by_status(
        self, statuses: Iterable[TicketStatus], *, limit: int = 50
    ) -> list[Ticket]: ...

    async def list_overdue(
        self, statuses: Iterable[TicketStatus], before: datetime, *, limit: int = 50
    ) -> list[Ticket]:
        """Tickets in `statuses` whose `deadline` is at or before `before` and whose clock is
        not paused (`paused_at` is None), earliest deadline first.

        The (status, deadline) index makes this one cheap query; auto-close and the reminder
        scan use it instead of paging through every open ticket.
        """
        ...


class AssignmentRepository(Protocol):
    async def add(self, assignment: Assignment) -> Assignment: ...
    async def get(self, assignment_id: int) -> Assignment | None: ...

    async def save(self, assignment: Assignment) -> None:
        """Optimistic like TicketRepository.save: raises `ConcurrentUpdate`."""
        ...

    async def for_ticket(self, ticket_id: int) -> list[Assignment]: ...


class EventRepository(Protocol):
    async def add(self, event: TicketEvent) -> TicketEvent: ...
    async def for_ticket(
        self, ticket_id: int, *, public_only: bool = False
    ) -> list[TicketEvent]: ...


class AttachmentRepository(Protocol):
    async def add(self, attachment: Attachment) -> Attachment: ...
    async def for_ticket(self, ticket_id: int) -> list[Attachment]: ...


class CitizenRepository(Protocol):
    async def add(self, citizen: Citizen) -> Citizen: ...
    async def get(self, citizen_id: int) -> Citizen | None: ...
    async def get_by_telegram_id(self, telegram_id: int) -> Citizen | None: ...

    async def read_ahead(self, telegram_ids: Collection[int]) -> list[Citizen]:
        """Several updates' citizens at once (those found), for a batch of updates about to
        be handled in this unit of work: `get_by_telegram_id` then reads none of them again."""
        ...

    async def get_by_external_id(self, channel: str, external_id: str) -> Citizen | None: ...
    async def save(self, citizen: Citizen) -> None: ...


class AgencyRepository(Protocol):
    async def add(self, agency: Agency) -> Agency: ...
    async def get(self, agency_id: int) -> Agency | None: ...
    async def get_by_code(self, code: str) -> Agency | None: ...
    async def get_by_group_chat(self, chat_id: int) -> Agency | None: ...
    async def complaint_unit(self) -> Agency | None: ...
    async def list(self, *, active_only: bool = True) -> list[Agency]: ...
    async def save(self, agency: Agency) -> None: ...


class StaffRepository(Protocol):
    async def add(self, staff: Staff) -> Staff: ...
    async def get(self, staff_id: int) -> Staff | None: ...
    async def get_by_telegram_id(self, telegram_id: int) -> Staff | None: ...
    async def save(self, staff: Staff) -> None: ...

    async def list(
        self,
        *,
        agency_id: int | None = None,
        roles: Iterable[Role] | None = None,
        active_only: bool = True,
    ) -> list[Staff]: ...


class CategoryRepository(Protocol):
    async def add(self, category: Category) -> Category: ...
    async def get(self, category_id: int) -> Category | None: ...
    async def get_by_code(self, code: str) -> Category | None: ...
    async def list(self, *, active_only: bool = True) -> list[Category]: ...
    async def save(self, category: Category) -> None: ...


class InviteRepository(Protocol):
    async def add(self, invite: Invite) -> Invite: ...
    async def get_by_token(self, token: str) -> Invite | None: ...
    async def save(self, invite: Invite) -> None: ...


class TemplateRepository(Protocol):
    async def add(self, template: Template) -> Template: ...
    async def list_for_agency(self, agency_id: int | None) -> list[Template]: ...
    async def save(self, template: Template) -> None: ...


class SettingRepository(Protocol):
    """Key/value settings an admin can change at run time (e.g. SLA durations)."""

    async def get(self, key: str) -> Any | None: ...
    async def set(self, key: str, value: Any) -> None: ...


class AuditLog(Protocol):
    """The append-only admin audit log (domain.audit). No update, no delete: on purpose."""

    async def record(self, entry: AuditEntry) -> AuditEntry:
        """Append and set `entry.id`."""
        ...

    async def between(
        self, start: datetime, end: datetime, *, after_id: int = 0, limit: int = 500
    ) -> list[AuditEntry]:
        """Entries with start <= at < end and id > after_id, oldest first, at most `limit`
        (page with the last id seen: the log may be long)."""
        ...

    async def recent(self, start: datetime, end: datetime, *, limit: int = 50) -> list[AuditEntry]:
        """The newest `limit` entries with start <= at < end, newest first."""
        ...

    async def count(self, start: datetime, end: datetime) -> int: ...


class OutboxRepository(Protocol):
    async def add(self, message: Outbound) -> None:
        """Queue a message; it is sent only after the unit of work commits."""
        ...

    async def add_all(self, messages: Sequence[Outbound]) -> None: ...

    async def for_ticket(self, ticket_id: int) -> list[Outbound]:
        """Messages queued about a ticket (`Outbound.ticket_id`), oldest first, sent or not.

        For audits ("what were we told?") and for tests that check every backend alike.
        """
        ...


class UnitOfWork(Protocol):
    """One transaction. `async with uow:` rolls back unless `commit()` was called."""

    tickets: TicketRepository
    assignments: AssignmentRepository
    events: EventRepository
    attachments: AttachmentRepository
    citizens: CitizenRepository
    agencies: AgencyRepository
    staff: StaffRepository
    categories: CategoryRepository
    invites: InviteRepository
    templates: TemplateRepository
    settings: SettingRepository
    outbox: OutboxRepository
    audit: AuditLog

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class Notifier(Protocol):
    """Turns a ticket event into outbox messages (texts, keyboards, who is told).

    Implemented outside the domain (handlers/ owns the texts); called by every use case inside
    its unit of work so the messages commit with the change.
    """

    async def on_event(self, uow: UnitOfWork, ticket: Ticket, event: TicketEvent) -> None: ...
