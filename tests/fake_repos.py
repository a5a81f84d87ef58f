"""The in-memory repositories of tests/fakes.py's unit of work, one per port of
domain/ports.py (and handlers/ports.py): rows kept in the unit of work's journal over the
committed store, copied on every read and write, unique columns enforced.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from domain.conversation import Draft, MessageLink
from domain.errors import ConcurrentUpdate, NotFound
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
from domain.report_requests import PENDING, ReportRequest
from domain.roles import Role
from domain.status import TicketStatus

if TYPE_CHECKING:
    from tests.fakes import InMemoryUnitOfWork

R = TypeVar("R")

UNIQUE: dict[str, tuple[str, ...]] = {
    "tickets": ("code",),
    "citizens": ("telegram_id", "external_id"),
    "staff": ("telegram_id",),
    "agencies": ("code",),
    "categories": ("code",),
    "invites": ("token",),
}


class UniqueViolation(ValueError):
    """What a database's unique index would refuse."""


class Repo(Generic[R]):
    """Row storage shared by all the repositories below: `add`, `get` and `save`.

    `versioned` tables (tickets, assignments) save optimistically; the others are plain
    last-writer-wins updates, as in storage/.
    """

    versioned = False

    def __init__(self, uow: InMemoryUnitOfWork, table: str) -> None:
        self.uow = uow
        self.table = table

    async def add(self, record: R) -> R:
        await asyncio.sleep(0)
        for column in UNIQUE.get(self.table, ()):
            value = getattr(record, column)
            if value is not None and any(
                getattr(r, column) == value for r in self.uow.rows(self.table)
            ):
                raise UniqueViolation(f"{self.table}.{column} = {value!r} exists")
        row_id = next(self.uow.store.sequences[self.table])
        record.id = row_id  # type: ignore[attr-defined]
        self.uow.journal[self.table][row_id] = copy.deepcopy(record)
        return record

    async def get(self, row_id: int) -> R | None:
        await asyncio.sleep(0)
        return copy.deepcopy(self.uow.row(self.table, row_id))

    async def save(self, record: R) -> None:
        await asyncio.sleep(0)
        row_id: int | None = record.id  # type: ignore[attr-defined]
        if row_id is None:
            raise NotFound(f"{self.table} without id")
        if self.versioned:
            await self._check_version(row_id, record)
        elif self.uow.row(self.table, row_id) is None:
            raise NotFound(f"{self.table} {row_id}")
        self.uow.journal[self.table][row_id] = copy.deepcopy(record)

    async def _check_version(self, row_id: int, record: Any) -> None:
        """UPDATE ... WHERE id = ? AND version = ?, holding the row until the transaction ends."""
        await self.uow.store.lock((self.table, row_id), self.uow)
        stored = self.uow.row(self.table, row_id)
        if stored is None:
            raise NotFound(f"{self.table} {row_id}")
        if stored.version != record.version:
            raise ConcurrentUpdate(f"{self.table} {row_id} changed meanwhile")
        record.version += 1

    async def _find(self, keep: Callable[[R], bool]) -> list[R]:
        await asyncio.sleep(0)
        return [copy.deepcopy(r) for r in self.uow.rows(self.table) if keep(r)]

    async def _first(self, keep: Callable[[R], bool]) -> R | None:
        found = await self._find(keep)
        return found[0] if found else None


class TicketRepo(Repo[Ticket]):
    versioned = True

    async def get_by_code(self, code: str) -> Ticket | None:
        return await self._first(lambda t: t.code == code)

    async def code_exists(self, code: str) -> bool:
        return await self.get_by_code(code) is not None

    async def list_for_citizen(
        self, citizen_id: int, *, limit: int = 10, offset: int = 0
    ) -> list[Ticket]:
        found = await self._find(lambda t: t.citizen_id == citizen_id)
        found.sort(key=lambda t: (t.created_at, t.id or 0), reverse=True)
        return found[offset : offset + limit]

    async def count_for_citizen(self, citizen_id: int) -> int:
        return len(await self._find(lambda t: t.citizen_id == citizen_id))

    async def list_by_status(
        self, statuses: Iterable[TicketStatus], *, limit: int = 50
    ) -> list[Ticket]:
        wanted = set(statuses)
        found = await self._find(lambda t: t.status in wanted)
        return sorted(found, key=lambda t: (t.created_at, t.id or 0))[:limit]

    async def list_overdue(
        self, statuses: Iterable[TicketStatus], before: datetime, *, limit: int = 50
    ) -> list[Ticket]:
        wanted = set(statuses)

        def overdue(t: Ticket) -> bool:
            return (
                t.status in wanted
                and t.deadline is not None
                and t.deadline <= before
                and t.paused_at is None
            )

        found = await self._find(overdue)
        return sorted(found, key=lambda t: (t.deadline, t.id or 0))[:limit]


class AssignmentRepo(Repo[Assignment]):
    versioned = True

    async def for_ticket(self, ticket_id: int) -> list[Assignment]:
        return await self._find(lambda a: a.ticket_id == ticket_id)


class EventRepo(Repo[TicketEvent]):
    async def for_ticket(self, ticket_id: int, *, public_only: bool = False) -> list[TicketEvent]:
        return await self._find(
            lambda e: e.ticket_id == ticket_id and (e.public or not public_only)
        )


class AttachmentRepo(Repo[Attachment]):
    async def for_ticket(self, ticket_id: int) -> list[Attachment]:
        return await self._find(lambda a: a.ticket_id == ticket_id)


class CitizenRepo(Repo[Citizen]):
    async def get_by_telegram_id(self, telegram_id: int) -> Citizen | None:
        return await self._first(lambda c: c.telegram_id == telegram_id)

    async def read_ahead(self, telegram_ids: Collection[int]) -> list[Citizen]:
        return await self._find(lambda c: c.telegram_id in telegram_ids)

    async def get_by_external_id(self, channel: str, external_id: str) -> Citizen | None:
        return await self._first(lambda c: (c.channel, c.external_id) == (channel, external_id))


class AgencyRepo(Repo[Agency]):
    async def get_by_code(self, code: str) -> Agency | None:
        return await self._first(lambda a: a.code == code)

    async def get_by_group_chat(self, chat_id: int) -> Agency | None:
        return await self._first(lambda a: a.group_chat_id == chat_id)

    async def complaint_unit(self) -> Agency | None:
        return await self._first(lambda a: a.is_complaint_unit)

    async def list(self, *, active_only: bool = True) -> list[Agency]:
        return await self._find(lambda a: a.active or not active_only)


class StaffRepo(Repo[Staff]):
    async def get_by_telegram_id(self, telegram_id: int) -> Staff | None:
        return await self._first(lambda s: s.telegram_id == telegram_id)

    async def list(
        self,
        *,
        agency_id: int | None = None,
        roles: Iterable[Role] | None = None,
        active_only: bool = True,
    ) -> list[Staff]:
        wanted = set(roles) if roles is not None else None

        def keep(s: Staff) -> bool:
            return (
                (agency_id is None or s.agency_id == agency_id)
                and (wanted is None or s.role in wanted)
                and (s.active or not active_only)
            )

        return await self._find(keep)


class CategoryRepo(Repo[Category]):
    async def get_by_code(self, code: str) -> Category | None:
        return await self._first(lambda c: c.code == code)

    async def list(self, *, active_only: bool = True) -> list[Category]:
        found = await self._find(lambda c: c.active or not active_only)
        return sorted(found, key=lambda c: (c.sort_order, c.id or 0))


class InviteRepo(Repo[Invite]):
    async def get_by_token(self, token: str) -> Invite | None:
        return await self._first(lambda i: i.token == token)


class TemplateRepo(Repo[Template]):
    async def list_for_agency(self, agency_id: int | None) -> list[Template]:
        return await self._find(lambda t: t.agency_id is None or t.agency_id == agency_id)


class AuditRepo(Repo[AuditEntry]):
    """Append-only, like storage's: `record` and `between`, no save."""

    async def record(self, entry: AuditEntry) -> AuditEntry:
        return await self.add(entry)

    async def between(
        self, start: datetime, end: datetime, *, after_id: int = 0, limit: int = 500
    ) -> list[AuditEntry]:
        found = await self._find(lambda e: start <= e.at < end and (e.id or 0) > after_id)
        return sorted(found, key=lambda e: e.id or 0)[:limit]

    async def recent(self, start: datetime, end: datetime, *, limit: int = 50) -> list[AuditEntry]:
        found = await self._find(lambda e: start <= e.at < end)
        return sorted(found, key=lambda e: e.id or 0, reverse=True)[:limit]

    async def count(self, start: datetime, end: datetime) -> int:
        return len(await self._find(lambda e: start <= e.at < end))

    async def save(self, record: AuditEntry) -> None:
        raise TypeError("the audit log is append-only")


class SettingRepo:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self.uow = uow

    async def get(self, key: str) -> Any | None:
        await asyncio.sleep(0)
        if key in self.uow.pending_settings:
            return copy.deepcopy(self.uow.pending_settings[key])
        return copy.deepcopy(self.uow.store.settings.get(key))

    async def set(self, key: str, value: Any) -> None:
        await asyncio.sleep(0)
        self.uow.pending_settings[key] = copy.deepcopy(value)


class ChatLanguageRepo:
    """Groups' languages, kept with the settings (same transaction rules)."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self.settings = SettingRepo(uow)

    async def get(self, chat_id: int) -> str | None:
        return await self.settings.get(f"chat_language:{chat_id}")

    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, str]:
        found = {c: await self.get(c) for c in chat_ids}
        return {c: lang for c, lang in found.items() if lang is not None}

    async def set(self, chat_id: int, language: str, *, by: int | None = None) -> None:
        await self.settings.set(f"chat_language:{chat_id}", language)

    async def move(self, old_chat_id: int, new_chat_id: int) -> None:
        language = await self.get(old_chat_id)
        if language is not None and await self.get(new_chat_id) is None:
            await self.set(new_chat_id, language)


class LinkRepo(Repo[MessageLink]):
    """handlers.ports.LinkRepository. Nothing is sent here, so queued links stay queued."""

    async def expect(
        self, *, chat_id: int, ticket_id: int, purpose: str, agency_id: int | None = None
    ) -> None:
        now = self.uow.store.clock.now()
        await self.add(MessageLink(chat_id, None, ticket_id, purpose, now, agency_id))

    async def find(self, chat_id: int, message_id: int) -> MessageLink | None:
        return await self._first(lambda k: (k.chat_id, k.message_id) == (chat_id, message_id))

    async def for_ticket(
        self, ticket_id: int, *, purpose: str | None = None, chat_id: int | None = None
    ) -> list[MessageLink]:
        return await self._find(
            lambda k: (
                k.ticket_id == ticket_id
                and purpose in (None, k.purpose)
                and chat_id in (None, k.chat_id)
            )
        )


class ReportRequestRepo(Repo[ReportRequest]):
    """handlers.reports.ports.ReportRequests (the scheduler's side is SQL-only)."""

    async def is_pending(self, kind: str, label: str) -> bool:
        found = await self._first(lambda r: (r.status, r.kind, r.label) == (PENDING, kind, label))
        return found is not None


class OutboxRepo:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self.uow = uow

    async def add(self, message: Outbound) -> None:
        await asyncio.sleep(0)
        self.uow.pending_outbox.append(copy.deepcopy(message))

    async def add_all(self, messages: Sequence[Outbound]) -> None:
        for message in messages:
            await self.add(message)

    async def for_ticket(self, ticket_id: int) -> list[Outbound]:
        await asyncio.sleep(0)
        seen = [*self.uow.store.outbox, *self.uow.pending_outbox]
        return [copy.deepcopy(m) for m in seen if m.ticket_id == ticket_id]


class DraftRepo:
    """One conversation state per chat, as storage keeps it: `save` upserts by chat and bumps
    `version`. Listing idle drafts is the upkeep's, tested on SQL."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self.uow = uow

    def _current(self, chat_id: int) -> Draft | None:
        if chat_id in self.uow.pending_drafts:
            return self.uow.pending_drafts[chat_id]
        return self.uow.store.drafts.get(chat_id)

    async def get(self, chat_id: int) -> Draft | None:
        await asyncio.sleep(0)
        return copy.deepcopy(self._current(chat_id))

    async def save(self, draft: Draft) -> None:
        await asyncio.sleep(0)
        before = self._current(draft.chat_id)
        draft.version = 0 if before is None else before.version + 1
        if before is not None:
            draft.created_at, draft.id = before.created_at, before.id
        self.uow.pending_drafts[draft.chat_id] = copy.deepcopy(draft)

    async def delete(self, chat_id: int) -> bool:
        await asyncio.sleep(0)
        existed = self._current(chat_id) is not None
        self.uow.pending_drafts[chat_id] = None
        return existed

    async def list_stale(
        self, *, idle_since: datetime, limit: int = 100, include_reminded: bool = False
    ) -> list[Draft]:
        raise NotImplementedError("the draft upkeep is tested on SQL")

    async def mark_reminded(self, chat_id: int) -> None:
        raise NotImplementedError("the draft upkeep is tested on SQL")

    async def delete_stale(self, *, idle_since: datetime) -> int:
        raise NotImplementedError("the draft upkeep is tested on SQL")
