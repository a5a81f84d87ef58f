"""Tickets, assignments, the audit trail and attachments.

Tickets and assignments are the records several people act on at once (two officers pressing
Claim), so their `save` is optimistic; events and attachments are append-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import bindparam, func, select

from domain.model import Assignment, Attachment, Ticket, TicketEvent
from domain.roles import STAFF_ROLES
from domain.status import TicketStatus
from storage.mapping import RecordMapper
from storage.repositories.base import RecordRepository, SqlContext
from storage.repositories.evidence import EvidenceQueue
from storage.repositories.people import CITIZENS, STAFF, remember_citizen, remember_staff
from storage.tables import AssignmentRow, AttachmentRow, TicketEventRow, TicketRow, table_of

TICKETS = RecordMapper(Ticket, table_of(TicketRow))
ASSIGNMENTS = RecordMapper(Assignment, table_of(AssignmentRow))
EVENTS = RecordMapper(TicketEvent, table_of(TicketEventRow))
ATTACHMENTS = RecordMapper(Attachment, table_of(AttachmentRow))

# A ticket with its reporter and its shares, in one statement (one row per share): whoever
# reads a ticket to change it goes on to check the shares and to tell the reporter.
_REPORTER, _SHARE = "reporter_", "share_"
_TICKET_WITH_PARTIES = (
    select(TICKETS.table, *CITIZENS.labelled(_REPORTER), *ASSIGNMENTS.labelled(_SHARE))
    .select_from(TICKETS.table)
    .outerjoin(CITIZENS.table, CITIZENS.table.c.id == TICKETS.table.c.citizen_id)
    .outerjoin(ASSIGNMENTS.table, ASSIGNMENTS.table.c.ticket_id == TICKETS.table.c.id)
    .where(TICKETS.table.c.id == bindparam("ticket_id"))
    .order_by(ASSIGNMENTS.table.c.id)
)
# A ticket's events with the staff who acted (a card names them), in the order they happened.
_ACTOR = "staff_"  # not "actor_": the event has an actor_role of its own
_EVENTS_WITH_ACTORS = (
    select(EVENTS.table, *STAFF.labelled(_ACTOR))
    .select_from(EVENTS.table)
    .outerjoin(
        STAFF.table,
        (STAFF.table.c.id == EVENTS.table.c.actor_id)
        & EVENTS.table.c.actor_role.in_(sorted(r.value for r in STAFF_ROLES)),
    )
    .where(EVENTS.table.c.ticket_id == bindparam("ticket_id"))
    .order_by(EVENTS.table.c.at, EVENTS.table.c.id)
)
_PUBLIC_EVENTS_WITH_ACTORS = _EVENTS_WITH_ACTORS.where(EVENTS.table.c.public.is_(True))


class SqlTicketRepository(RecordRepository[Ticket]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, TICKETS)

    async def add(self, ticket: Ticket) -> Ticket:
        return await self._insert(ticket)

    async def get(self, ticket_id: int) -> Ticket | None:
        """The ticket; its reporter and shares are kept in this unit of work's memory, so the
        change and its notices read neither again."""
        rows = (await self._ctx.execute(_TICKET_WITH_PARTIES, {"ticket_id": ticket_id})).mappings()
        ticket: Ticket | None = None
        shares: list[Assignment] = []
        for row in rows:
            if ticket is None:
                ticket = self.mapper.from_row(row)
                remember_citizen(self._ctx, CITIZENS.from_labelled(row, _REPORTER))
            share = ASSIGNMENTS.from_labelled(row, _SHARE)
            if share is not None:
                shares.append(share)
        if ticket is not None:
            self._ctx.memory(ASSIGNMENTS.table.name)[ticket_id] = shares
        return ticket

    async def get_by_code(self, code: str) -> Ticket | None:
        return await self._one(self.table.c.code == code)

    async def code_exists(self, code: str) -> bool:
        result = await self._ctx.execute(
            select(self.table.c.id).where(self.table.c.code == code).limit(1)
        )
        return result.first() is not None

    async def save(self, ticket: Ticket) -> None:
        await self._update_versioned(ticket)

    async def list_for_citizen(
        self, citizen_id: int, *, limit: int = 10, offset: int = 0
    ) -> list[Ticket]:
        """Newest first: a citizen's /mytickets shows what they filed last on top."""
        t = self.table
        return await self._many(
            select(t)
            .where(t.c.citizen_id == citizen_id)
            .order_by(t.c.created_at.desc(), t.c.id.desc())
            .limit(limit)
            .offset(offset)
        )

    async def count_for_citizen(self, citizen_id: int) -> int:
        result = await self._ctx.execute(
            select(func.count())
            .select_from(self.table)
            .where(self.table.c.citizen_id == citizen_id)
        )
        return int(result.scalar_one())

    async def list_by_status(
        self, statuses: Iterable[TicketStatus], *, limit: int = 50
    ) -> list[Ticket]:
        """Oldest first: a work queue serves whoever has waited longest."""
        t = self.table
        wanted = [TicketStatus(s).value for s in statuses]
        if not wanted:
            return []
        return await self._many(
            select(t).where(t.c.status.in_(wanted)).order_by(t.c.created_at, t.c.id).limit(limit)
        )

    async def list_overdue(
        self, statuses: Iterable[TicketStatus], before: datetime, *, limit: int = 50
    ) -> list[Ticket]:
        """Running clocks due by `before`, earliest deadline first: one range scan of the
        (status, deadline) index, never a walk over every open ticket."""
        t = self.table
        wanted = [TicketStatus(s).value for s in statuses]
        if not wanted:
            return []
        return await self._many(
            select(t)
            .where(t.c.status.in_(wanted), t.c.deadline <= before, t.c.paused_at.is_(None))
            .order_by(t.c.deadline, t.c.id)
            .limit(limit)
        )


class SqlAssignmentRepository(RecordRepository[Assignment]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, ASSIGNMENTS)

    async def add(self, assignment: Assignment) -> Assignment:
        return await self._insert(assignment)

    async def get(self, assignment_id: int) -> Assignment | None:
        return await self._get(assignment_id)

    async def save(self, assignment: Assignment) -> None:
        """Saved, and kept in what this unit of work knows of the ticket's shares: the notices
        of the change then render the shares as they are now without reading them again."""
        shares = self._ctx.memory(self.table.name).get(assignment.ticket_id)
        await self._update_versioned(assignment)  # a write: the table's memory is dropped
        if shares is not None:
            self._ctx.memory(self.table.name)[assignment.ticket_id] = [
                replace(assignment) if s.id == assignment.id else s for s in shares
            ]

    async def for_ticket(self, ticket_id: int) -> list[Assignment]:
        """Read once per unit of work (a change and its notices both ask); copies, so the
        caller may change its own before saving."""
        known = self._ctx.memory(self.table.name)
        if ticket_id not in known:
            t = self.table
            stmt = select(t).where(t.c.ticket_id == ticket_id).order_by(t.c.id)
            known[ticket_id] = await self._many(stmt)
        return [replace(share) for share in known[ticket_id]]


class SqlEventRepository(RecordRepository[TicketEvent]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, EVENTS)

    async def add(self, event: TicketEvent) -> TicketEvent:
        return await self._insert(event)

    async def for_ticket(self, ticket_id: int, *, public_only: bool = False) -> list[TicketEvent]:
        """In the order things happened: this is the citizen's timeline. The staff who acted
        are kept in this unit of work's memory: a card that lists the events names them."""
        stmt = _PUBLIC_EVENTS_WITH_ACTORS if public_only else _EVENTS_WITH_ACTORS
        events: list[TicketEvent] = []
        for row in (await self._ctx.execute(stmt, {"ticket_id": ticket_id})).mappings():
            events.append(self.mapper.from_row(row))
            remember_staff(self._ctx, STAFF.from_labelled(row, _ACTOR))
        return events


class SqlAttachmentRepository(RecordRepository[Attachment]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, ATTACHMENTS)

    async def add(self, attachment: Attachment) -> Attachment:
        """Insert, and queue its bytes for the evidence archive in the same transaction: the
        download happens later, outside the conversation, and cannot be forgotten."""
        added = await self._insert(attachment)
        if added.sha256 is None and added.id is not None:
            await EvidenceQueue(self._ctx).enqueue([(added.id, added.file_id)])
        return added

    async def for_ticket(self, ticket_id: int) -> list[Attachment]:
        """The ticket's photos and files; a citizen's erased photo (a tombstone kept for the
        statistics, domain.retention) has nothing left to show and is not listed."""
        t = self.table
        return await self._many(
            select(t).where(t.c.ticket_id == ticket_id, t.c.erased_at.is_(None)).order_by(t.c.id)
        )
