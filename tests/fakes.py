"""In-memory implementations of domain/ports.py, faithful enough to stand in for a database.

- `add` assigns ids from per-table sequences that, like PostgreSQL's, are never rolled back.
- Records are copied on every read and write, so a caller mutating an object changes nothing
  until it saves, and an uncommitted unit of work leaves the store untouched.
- A unit of work keeps a journal of its writes and applies it on `commit`; reads see the
  journal first, then the committed store (READ COMMITTED, like PostgreSQL's default).
- Saving a ticket or assignment is optimistic: it locks the row until the unit of work ends (a
  second writer waits, as in PostgreSQL), raises `ConcurrentUpdate` if the stored version moved
  on, and bumps `version` on success.
- Unique columns (ticket code, Telegram ids, agency/category codes, invite token) are enforced.
- Every call yields to the event loop, so concurrent units of work really interleave.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from typing import Any, Self

from domain.clock import Clock, SystemClock
from domain.conversation import Draft
from domain.errors import ConcurrentUpdate
from domain.flood import InMemoryBurstGuard
from domain.model import (
    Agency,
    Ticket,
    TicketEvent,
)
from domain.outbound import Outbound
from domain.ports import UnitOfWork
from tests.fake_repos import (
    UNIQUE,
    AgencyRepo,
    AssignmentRepo,
    AttachmentRepo,
    AuditRepo,
    CategoryRepo,
    ChatLanguageRepo,
    CitizenRepo,
    DraftRepo,
    EventRepo,
    InviteRepo,
    LinkRepo,
    OutboxRepo,
    ReportRequestRepo,
    SettingRepo,
    StaffRepo,
    TemplateRepo,
    TicketRepo,
)

TABLES = (
    *UNIQUE,
    *("assignments", "events", "attachments", "templates", "audit"),
    *("links", "report_requests"),  # handlers.ports.NoticeUnitOfWork's
)


class InMemoryStore:
    """The committed state, shared by every unit of work made with `.uow()`."""

    def __init__(self, lock_timeout: float = 5.0, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        self.tables: dict[str, dict[int, Any]] = {name: {} for name in TABLES}
        self.settings: dict[str, Any] = {}
        self.outbox: list[Outbound] = []
        self.drafts: dict[int, Draft] = {}
        self.bursts = InMemoryBurstGuard()
        self.lock_timeout = lock_timeout
        self.sequences = {name: itertools.count(1) for name in TABLES}
        self._locks: dict[tuple[str, int], tuple[InMemoryUnitOfWork, asyncio.Event]] = {}

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self)

    async def lock(self, key: tuple[str, int], owner: InMemoryUnitOfWork) -> None:
        """Hold `key` for `owner` until it commits or rolls back; others wait their turn."""
        while True:
            held = self._locks.get(key)
            if held is None:
                self._locks[key] = (owner, asyncio.Event())
                owner.held.add(key)
                return
            holder, released = held
            if holder is owner:
                return
            try:
                await asyncio.wait_for(released.wait(), self.lock_timeout)
            except TimeoutError:
                raise ConcurrentUpdate(f"{key} stayed locked") from None

    def release(self, owner: InMemoryUnitOfWork) -> None:
        for key in owner.held:
            held = self._locks.get(key)
            if held is not None and held[0] is owner:
                del self._locks[key]
                held[1].set()
        owner.held.clear()


class InMemoryUnitOfWork:
    """One transaction over an `InMemoryStore`; rolls back on exit unless committed."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.journal: dict[str, dict[int, Any]] = defaultdict(dict)
        self.pending_settings: dict[str, Any] = {}
        self.pending_outbox: list[Outbound] = []
        self.pending_drafts: dict[int, Draft | None] = {}  # None: deleted
        self.held: set[tuple[str, int]] = set()
        self.tickets = TicketRepo(self, "tickets")
        self.assignments = AssignmentRepo(self, "assignments")
        self.events = EventRepo(self, "events")
        self.attachments = AttachmentRepo(self, "attachments")
        self.citizens = CitizenRepo(self, "citizens")
        self.agencies = AgencyRepo(self, "agencies")
        self.staff = StaffRepo(self, "staff")
        self.categories = CategoryRepo(self, "categories")
        self.invites = InviteRepo(self, "invites")
        self.templates = TemplateRepo(self, "templates")
        self.settings = SettingRepo(self)
        self.outbox = OutboxRepo(self)
        self.chat_languages = ChatLanguageRepo(self)
        self.links = LinkRepo(self, "links")
        self.report_requests = ReportRequestRepo(self, "report_requests")
        self.audit = AuditRepo(self, "audit")
        self.drafts = DraftRepo(self)
        self.bursts = store.bursts

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.rollback()

    async def commit(self) -> None:
        await asyncio.sleep(0)
        for table, rows in self.journal.items():
            self.store.tables[table].update(rows)
        self.store.settings.update(self.pending_settings)
        self.store.outbox.extend(self.pending_outbox)
        for chat_id, draft in self.pending_drafts.items():
            if draft is None:
                self.store.drafts.pop(chat_id, None)
            else:
                self.store.drafts[chat_id] = draft
        await self.rollback()  # the journal is applied: forget it and release the rows

    async def rollback(self) -> None:
        self.journal.clear()
        self.pending_settings.clear()
        self.pending_outbox = []
        self.pending_drafts = {}
        self.store.release(self)

    def row(self, table: str, row_id: int) -> Any | None:
        if row_id in self.journal[table]:
            return self.journal[table][row_id]
        return self.store.tables[table].get(row_id)

    def rows(self, table: str) -> list[Any]:
        merged = {**self.store.tables[table], **self.journal[table]}
        return [merged[k] for k in sorted(merged)]


class RecordingNotifier:
    """The notification rules in their simplest real form, with plain one-line texts.

    One message to the citizen for every public event; one to each agency group a ticket is
    sent to (events whose data lists `dispatched_to`); and the citizen's added information to
    the groups of the agencies working on it, or to the complaint unit's group if none is.
    """

    async def on_event(self, uow: UnitOfWork, ticket: Ticket, event: TicketEvent) -> None:
        line = f"{event.action} {ticket.code} {event.to_status}"
        if event.text:
            line += f"\n{event.text}"
        messages: list[Outbound] = []
        citizen = await uow.citizens.get(ticket.citizen_id) if event.public else None
        if citizen is not None and citizen.chat_id is not None:  # no chat: another channel
            messages.append(Outbound(citizen.chat_id, text=line, ticket_id=ticket.id))
        for agency in await self._agencies_to_tell(uow, event):
            if agency.group_chat_id is not None:
                messages.append(
                    Outbound(
                        agency.group_chat_id, text=line, ticket_id=ticket.id, agency_id=agency.id
                    )
                )
        await uow.outbox.add_all(messages)

    @staticmethod
    async def _agencies_to_tell(uow: UnitOfWork, event: TicketEvent) -> list[Agency]:
        ids: list[int] = list(event.data.get("dispatched_to", []))
        if event.action == "citizen_add_info":
            ids = list(event.data.get("agency_ids", []))
            if not ids:
                unit = await uow.agencies.complaint_unit()
                return [unit] if unit else []
        found = [await uow.agencies.get(i) for i in ids]
        return [a for a in found if a is not None]
