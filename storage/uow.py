"""The SQL unit of work: one transaction per `async with`, committed only by `commit()`.

Everything a use case does (the ticket, its event, the outbox rows it causes) goes through one
AsyncSession, so it lands together or not at all.

SQLite serialises writers. Each write unit of work starts with `BEGIN IMMEDIATE` (see
storage.database), so writers queue on the busy timeout up front instead of failing later
with "database is locked" when a read lock cannot be upgraded. Within this process they queue
before that, in `SqliteWriters`. Consequence: never open a second write unit of work on SQLite
while holding one in the same task, it would wait on itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.flood import InMemoryBurstGuard
from storage.erasure import SqlErasure
from storage.queries.report_requests import SqlReportRequestRepository
from storage.repositories import (
    EvidenceFiles,
    EvidenceQueue,
    OutboxQueue,
    SqlAgencyRepository,
    SqlAssignmentRepository,
    SqlAttachmentRepository,
    SqlAuditLog,
    SqlCategoryRepository,
    SqlChatLanguageRepository,
    SqlCitizenRepository,
    SqlContext,
    SqlDraftRepository,
    SqlEventRepository,
    SqlInboxRepository,
    SqlInviteRepository,
    SqlMessageLinkRepository,
    SqlOutboxRepository,
    SqlSettingRepository,
    SqlStaffRepository,
    SqlTemplateRepository,
    SqlTicketRepository,
)
from storage.repositories.bursts import SqlBurstGuard
from storage.repositories.catalog_cache import CatalogCache, CatalogView


class SharedRollback(RuntimeError):
    """`rollback()` was called in a unit of work several updates share: undoing one update's
    changes would undo the others' too, so the caller handles each on its own instead."""


class SqliteWriters:
    """SQLite's writers, one at a time, queued in this process's event loop.

    Left to SQLite, each waiting writer sits in the busy handler, in its connection's thread,
    sleeping and retrying (1 to 100 ms at a time): under load the database then stays idle
    between writers while they sleep, and the retries cost CPU. `bench intake` measured
    about a quarter more updates per second, at less CPU per update, with the queue here. Other
    processes (the CLI) still meet the busy timeout; so does a writer queued here too long.
    """

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._lock: asyncio.Lock | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def acquire(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._loop is not loop:  # a lock belongs to one event loop
            self._lock, self._loop = asyncio.Lock(), loop
        lock = self._lock
        try:
            async with asyncio.timeout(self.timeout):
                await lock.acquire()
        except TimeoutError:
            raise sqlite3.OperationalError("database is locked") from None
        return lock


class SqlUnitOfWork:
    """domain.ports.UnitOfWork over SQLAlchemy, plus the runtime's machinery repositories
    (`inbox`, `outbox_queue`, `links`, `drafts`, `chat_languages`, `bursts`) sharing the same
    transaction."""

    tickets: SqlTicketRepository
    assignments: SqlAssignmentRepository
    events: SqlEventRepository
    attachments: SqlAttachmentRepository
    citizens: SqlCitizenRepository
    agencies: SqlAgencyRepository
    staff: SqlStaffRepository
    categories: SqlCategoryRepository
    invites: SqlInviteRepository
    templates: SqlTemplateRepository
    settings: SqlSettingRepository
    outbox: SqlOutboxRepository
    audit: SqlAuditLog
    inbox: SqlInboxRepository
    outbox_queue: OutboxQueue
    links: SqlMessageLinkRepository
    drafts: SqlDraftRepository
    report_requests: SqlReportRequestRepository
    chat_languages: SqlChatLanguageRepository
    bursts: SqlBurstGuard | InMemoryBurstGuard
    evidence_queue: EvidenceQueue
    evidence_files: EvidenceFiles
    erasure: SqlErasure

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        clock: Clock,
        dialect: str,
        writers: SqliteWriters | None = None,
        bursts: InMemoryBurstGuard | None = None,
        catalog: CatalogCache | None = None,
        shared: bool = False,
    ) -> None:
        self._sessions = sessions
        self.shared = shared  # several updates share the transaction (bot.worker's batches)
        self._catalog = catalog  # the process's categories and agencies (None: not cached)
        self._catalog_view: CatalogView | None = None
        self._ctx: SqlContext
        self.clock = clock
        self.dialect = dialect
        self._bursts_in_memory = bursts  # None: counted in the database (PostgreSQL)
        self._session: AsyncSession | None = None
        self._writers = writers  # SQLite write units of work take their turn here
        self._turn: asyncio.Lock | None = None

    @property
    def session(self) -> AsyncSession:
        """The open session, for ad-hoc queries (reports) that no repository covers."""
        if self._session is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._session

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work is already open; create a new one")
        if self._writers is not None:
            self._turn = await self._writers.acquire()
        try:
            self._session = self._sessions()
        except BaseException:
            turn, self._turn = self._turn, None
            if turn is not None:
                turn.release()
            raise
        if self._catalog is not None:
            self._catalog_view = CatalogView.begin(self._catalog)
        ctx = self._ctx = SqlContext(
            self._session, self.clock, self.dialect, self._catalog_view, batched=self.shared
        )
        self.tickets = SqlTicketRepository(ctx)
        self.assignments = SqlAssignmentRepository(ctx)
        self.events = SqlEventRepository(ctx)
        self.attachments = SqlAttachmentRepository(ctx)
        self.citizens = SqlCitizenRepository(ctx)
        self.agencies = SqlAgencyRepository(ctx)
        self.staff = SqlStaffRepository(ctx)
        self.categories = SqlCategoryRepository(ctx)
        self.invites = SqlInviteRepository(ctx)
        self.templates = SqlTemplateRepository(ctx)
        self.settings = SqlSettingRepository(ctx)
        self.outbox = SqlOutboxRepository(ctx)
        self.audit = SqlAuditLog(ctx)
        self.inbox = SqlInboxRepository(ctx)
        self.links = SqlMessageLinkRepository(ctx)
        self.outbox_queue = OutboxQueue(ctx, self.links)
        self.drafts = SqlDraftRepository(ctx)
        self.report_requests = SqlReportRequestRepository(self)
        self.chat_languages = SqlChatLanguageRepository(ctx)
        self.bursts = self._bursts_in_memory or SqlBurstGuard(ctx)
        self.evidence_queue = EvidenceQueue(ctx)
        self.evidence_files = EvidenceFiles(ctx)
        self.erasure = SqlErasure(ctx)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        turn, self._turn = self._turn, None
        try:
            if session is not None:
                # Closing rolls back whatever was not committed and returns the connection.
                await session.close()
        finally:
            if turn is not None:
                turn.release()

    async def commit(self) -> None:
        try:
            await self._ctx.flush()
            await self.session.commit()
        finally:  # even a commit that failed half-way may have changed the catalog
            self._ended(committed=True)

    async def rollback(self) -> None:
        if self.shared:
            raise SharedRollback("a shared unit of work cannot undo one update's changes")
        await self.session.rollback()
        self._ended(committed=False)

    def _ended(self, *, committed: bool) -> None:
        """A transaction ended: what it read is not known any more (SqlContext)."""
        self._ctx.forget()
        if self._catalog_view is not None:
            self._catalog_view.ended(committed=committed)
