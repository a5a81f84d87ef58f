"""SLA reminders and escalations: 50 % a reminder where the work happens, 100 % and 200 %
an escalation to the agency's supervisors and the admin group.

One indexed query finds the clocks whose stored `next_reminder_at` has come (storage.queries.
sla); each is then handled in its own unit of work, where the threshold is checked again on the
fresh row, the reminder's messages are queued, and `reminded_pct` / `next_reminder_at` move on
in the same transaction. A second run, or a second leader racing this one, finds nothing due
(or loses the optimistic save and sends nothing), so no reminder ever goes out twice.

Each chat reads its reminder in its own language: a group's (/lang), a supervisor's own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup

from domain.errors import ConcurrentUpdate
from domain.model import Agency, Assignment, Category, Ticket
from domain.outbound import Outbound
from domain.sla import SlaClock
from domain.status import SlaStage
from domain.usecases.context import Lifecycle
from handlers.languages import Languages
from handlers.texts import Catalogue, queue
from scheduler.common import (
    UowFactory,
    group_of,
    report_chats,
    supervisor_chats,
    tz_name,
)
from storage.queries.sla import ASSIGNMENT, DueClock, due_clocks, log_reminder
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


@dataclass
class ScanResult:
    due: int = 0
    reminded: dict[int, int] = field(default_factory=dict)  # pct -> clocks reminded
    rearmed: int = 0  # picked too early (e.g. after a migration): next instant recomputed
    conflicts: int = 0  # changed by someone meanwhile: looked at again next minute
    messages: int = 0


class _Lookups:
    """Reference data read once per scan, not once per clock: agencies, categories, who is
    told. A scan lasts seconds; an admin renaming an agency meanwhile changes one wording."""

    def __init__(self, admin_chat_id: int | None) -> None:
        self.admin_chat_id = admin_chat_id
        self._agencies: dict[int | None, Agency | None] = {}
        self._categories: dict[int, Category | None] = {}
        self._supervisors: dict[int, list[int]] = {}
        self._admins: list[int] | None = None
        self._languages: dict[int, str] = {}

    async def language(self, uow: SqlUnitOfWork, texts: Catalogue, chat_id: int) -> str:
        if chat_id not in self._languages:
            self._languages[chat_id] = await Languages(uow, texts).of_chat(chat_id)
        return self._languages[chat_id]

    async def agency(self, uow: SqlUnitOfWork, agency_id: int | None) -> Agency | None:
        """An agency by id; None asks for the complaint unit."""
        if agency_id not in self._agencies:
            found = (
                await uow.agencies.complaint_unit()
                if agency_id is None
                else await uow.agencies.get(agency_id)
            )
            self._agencies[agency_id] = found
        return self._agencies[agency_id]

    async def category(self, uow: SqlUnitOfWork, category_id: int) -> Category | None:
        if category_id not in self._categories:
            self._categories[category_id] = await uow.categories.get(category_id)
        return self._categories[category_id]

    async def supervisors(self, uow: SqlUnitOfWork, agency_id: int) -> list[int]:
        if agency_id not in self._supervisors:
            self._supervisors[agency_id] = await supervisor_chats(uow, agency_id)
        return self._supervisors[agency_id]

    async def admins(self, uow: SqlUnitOfWork) -> list[int]:
        if self._admins is None:
            self._admins = await report_chats(uow, self.admin_chat_id)
        return self._admins


@dataclass
class _Clock:
    """One due clock with everything needed to word its reminder."""

    ticket: Ticket
    clock: SlaClock
    category: Category | None
    owner: Agency | None  # the agency that owes the work (the unit for verification)
    assignment: Assignment | None


async def sla_scan(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    *,
    batch: int = 200,
    max_batches: int = 50,
    admin_chat_id: int | None = None,
) -> ScanResult:
    """Send every reminder due at `now`; each clock in its own transaction."""
    result = ScanResult()
    lookups = _Lookups(admin_chat_id)
    for _ in range(max_batches):
        async with uow_factory() as uow:
            due = await due_clocks(uow, now, batch)
        result.due += len(due)
        for item in due:
            try:
                async with uow_factory() as uow:
                    await _handle(uow, life, texts, now, item, result, lookups)
                    await uow.commit()
            except ConcurrentUpdate:
                result.conflicts += 1
                log.info("sla reminder skipped: %s %s changed meanwhile", item.kind, item.id)
        if len(due) < batch or result.conflicts:
            break
    return result


async def _handle(
    uow: SqlUnitOfWork,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    item: DueClock,
    result: ScanResult,
    lookups: _Lookups,
) -> None:
    due = await _load(uow, item, lookups)
    if due is None:
        return
    pct = life.sla.due_threshold(due.clock, now, due.category)
    if pct is None:
        life.sla.rearm(due.clock, due.category)
        await _save(uow, due)
        result.rearmed += 1
        return
    assert due.clock.stage is not None and due.ticket.id is not None
    stage = due.clock.stage
    due_at = life.sla.threshold_at(due.clock, pct, due.category)
    messages = await _messages(uow, life, texts, due, pct, lookups)
    life.sla.mark_reminded(due.clock, pct, due.category)
    await _save(uow, due)
    await queue(uow.outbox, *messages)
    await log_reminder(
        uow,
        ticket_id=due.ticket.id,
        assignment_id=due.assignment.id if due.assignment else None,
        agency_id=due.owner.id if due.owner else None,
        stage=stage.value,
        pct=pct,
        due_at=due_at,
        sent_at=now,
    )
    result.reminded[pct] = result.reminded.get(pct, 0) + 1
    result.messages += len(messages)


async def _load(uow: SqlUnitOfWork, item: DueClock, lookups: _Lookups) -> _Clock | None:
    if item.kind == ASSIGNMENT:
        assignment = await uow.assignments.get(item.id)
        if assignment is None:
            return None
        ticket = await uow.tickets.get(assignment.ticket_id)
        if ticket is None:
            return None
        owner = await lookups.agency(uow, assignment.agency_id)
        category = await lookups.category(uow, ticket.category_id)
        return _Clock(ticket, assignment, category, owner, assignment)
    ticket = await uow.tickets.get(item.id)
    if ticket is None:
        return None
    category = await lookups.category(uow, ticket.category_id)
    return _Clock(ticket, ticket, category, await lookups.agency(uow, None), None)


async def _save(uow: SqlUnitOfWork, due: _Clock) -> None:
    """Optimistic: an officer who acted meanwhile wins, and this clock is looked at again."""
    if due.assignment is not None:
        await uow.assignments.save(due.assignment)
    else:
        await uow.tickets.save(due.ticket)


async def _messages(
    uow: SqlUnitOfWork,
    life: Lifecycle,
    texts: Catalogue,
    due: _Clock,
    pct: int,
    lookups: _Lookups,
) -> list[Outbound]:
    """Who hears about it: the working group always; from 100 % supervisors and the admins."""
    stage = due.clock.stage or SlaStage.VERIFY
    ticket_id = due.ticket.id
    languages = {
        chat: await lookups.language(uow, texts, chat)
        for chat in [
            *(await lookups.admins(uow)),
            *([group_of(due.owner)] if group_of(due.owner) is not None else []),
            *(
                await lookups.supervisors(uow, due.owner.id)
                if due.owner is not None and due.owner.id is not None
                else []
            ),
        ]
        if chat is not None
    }

    def text(chat: int, key: str) -> Markup:
        lang = languages.get(chat, texts.default)
        return texts.text(
            lang,
            key,
            code=due.ticket.code,
            agency=due.owner.name if due.owner else "",
            stage=texts.text(lang, f"sched-stage-{stage.value.replace('_', '-')}"),
            deadline=texts.when(lang, due.clock.deadline or life.now(), tz_name(life)),
            level=1 if pct < 200 else 2,
        )

    def to_group(chat: int, key: str) -> Outbound:
        """In the group, under the ticket's card (or in its forum topic) when there is one."""
        return Outbound(
            chat_id=chat,
            text=text(chat, key),
            ticket_id=ticket_id,
            agency_id=due.owner.id if due.owner else None,
            reply_link_purpose="card",
            thread_link_purpose="topic",
        )

    admins = await lookups.admins(uow)
    if due.assignment is not None:
        working = [c for c in [group_of(due.owner)] if c is not None]
    else:
        working = admins  # verification is the complaint unit's own work
    key = "sched-reminder-half" if pct < 100 else "sched-overdue-group"
    messages = [to_group(chat, key) for chat in working]
    if pct < 100:
        return messages
    if due.owner is not None and due.owner.id is not None:
        for chat in await lookups.supervisors(uow, due.owner.id):
            messages.append(
                Outbound(
                    chat_id=chat,
                    text=text(chat, "sched-escalation-supervisor"),
                    ticket_id=ticket_id,
                )
            )
    if due.assignment is not None:
        messages.extend(
            to_group(chat, "sched-escalation-admin") for chat in admins if chat not in working
        )
    return messages
