"""The unit of work is the only thing that commits, and optimistic saves catch lost updates."""

from __future__ import annotations

import asyncio

import pytest

from domain.errors import ConcurrentUpdate
from domain.model import Assignment
from domain.outbound import Outbound
from domain.status import AssignmentStatus, TicketStatus
from storage.uow import SqlUnitOfWork
from tests.backends import UowFactory, postgres_backend
from tests.contract.builders import BIG_USER, T0, AnyUowFactory, agency, citizen, later, seed_ticket


async def test_leaving_without_commit_discards_everything(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        await uow.settings.set("k", 1)
    async with uow_factory() as uow:
        assert await uow.tickets.get_by_code(ticket.code) is None
        assert await uow.citizens.get_by_telegram_id(BIG_USER) is None
        assert await uow.settings.get("k") is None


async def test_an_exception_rolls_back(uow_factory: AnyUowFactory) -> None:
    with pytest.raises(RuntimeError):
        async with uow_factory() as uow:
            await uow.agencies.add(agency("DPU"))
            raise RuntimeError("handler crashed")
    async with uow_factory() as uow:
        assert await uow.agencies.get_by_code("DPU") is None


async def test_rollback_keeps_what_was_committed_before(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        await uow.agencies.add(agency("DPU"))
        await uow.commit()
        await uow.agencies.add(agency("PDAM"))
        await uow.rollback()
        await uow.agencies.add(agency("DISHUB"))
    async with uow_factory() as uow:
        assert [a.code for a in await uow.agencies.list()] == ["DPU"]


async def test_stale_ticket_save_raises_concurrent_update(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        await uow.commit()
    async with uow_factory() as uow:
        mine = await uow.tickets.get(ticket.id or 0)
    async with uow_factory() as uow:
        theirs = await uow.tickets.get(ticket.id or 0)
    assert mine is not None and theirs is not None

    theirs.status = TicketStatus.REJECTED
    async with uow_factory() as uow:
        await uow.tickets.save(theirs)
        await uow.commit()
    assert theirs.version == 1

    mine.status = TicketStatus.DISPATCHED
    async with uow_factory() as uow:
        with pytest.raises(ConcurrentUpdate):
            await uow.tickets.save(mine)
    assert mine.version == 0
    async with uow_factory() as uow:
        stored = await uow.tickets.get(ticket.id or 0)
    assert stored is not None
    assert stored.status is TicketStatus.REJECTED and stored.version == 1


async def test_stale_assignment_save_raises_concurrent_update(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        roads = await uow.agencies.add(agency("DPU"))
        assignment = await uow.assignments.add(
            Assignment(ticket.id or 0, roads.id or 0, AssignmentStatus.DISPATCHED, T0)
        )
        await uow.commit()
    async with uow_factory() as uow:
        first = await uow.assignments.get(assignment.id or 0)
    async with uow_factory() as uow:
        second = await uow.assignments.get(assignment.id or 0)
    assert first is not None and second is not None
    first.status = AssignmentStatus.IN_PROGRESS
    async with uow_factory() as uow:
        await uow.assignments.save(first)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(ConcurrentUpdate):
            await uow.assignments.save(second)
    # The winner can keep going with its bumped version.
    first.status = AssignmentStatus.RESOLVED
    async with uow_factory() as uow:
        await uow.assignments.save(first)
        await uow.commit()
    assert first.version == 2


async def test_get_returns_fresh_data_inside_one_unit_of_work(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        copy = await uow.tickets.get(ticket.id or 0)
        assert copy is not None and copy is not ticket
        copy.status = TicketStatus.CANCELLED
        await uow.tickets.save(copy)
        again = await uow.tickets.get(ticket.id or 0)
        assert again is not None and again.status is TicketStatus.CANCELLED and again.version == 1
        await uow.commit()


async def test_outbox_rows_commit_with_the_change_or_not_at_all(
    timed_uow_factory: UowFactory,
) -> None:
    async with timed_uow_factory() as uow:
        await uow.citizens.add(citizen())
        await uow.outbox.add(Outbound(chat_id=42, text="never"))
    async with timed_uow_factory() as uow:
        assert await uow.outbox_queue.claim(worker="w") == []
        await uow.outbox.add_all([Outbound(chat_id=42, text="hello"), Outbound(43, text="hi")])
        await uow.commit()
    async with timed_uow_factory() as uow:
        claimed = await uow.outbox_queue.claim(worker="w")
    assert [(i.chat_id, i.message.text) for i in claimed] == [(42, "hello"), (43, "hi")]


async def test_concurrent_writers_queue_instead_of_failing(sql_uow_factory: UowFactory) -> None:
    """20 units of work bump one ticket at once. SQLite serialises them on BEGIN IMMEDIATE
    (no "database is locked"); PostgreSQL lets some lose the optimistic check, and they
    retry. Either way every bump lands exactly once."""
    async with sql_uow_factory() as uow:
        ticket = await seed_ticket(uow)
        await uow.commit()

    async def bump(n: int) -> int:
        conflicts = 0
        while True:
            uow: SqlUnitOfWork = sql_uow_factory()
            async with uow:
                current = await uow.tickets.get(ticket.id or 0)
                assert current is not None
                current.reminded_pct += 1
                current.updated_at = later(n)
                await asyncio.sleep(0)  # let the others interleave
                try:
                    await uow.tickets.save(current)
                except ConcurrentUpdate:
                    conflicts += 1
                    continue
                await uow.commit()
                return conflicts

    await asyncio.gather(*(bump(n) for n in range(20)))
    async with sql_uow_factory() as uow:
        final = await uow.tickets.get(ticket.id or 0)
    assert final is not None and final.reminded_pct == 20 and final.version == 20


async def test_postgres_interleaved_saves_conflict() -> None:
    """Two transactions open at once both read version 0; the second save waits for the
    first's row lock, then finds the version moved and raises. (SQLite write transactions
    never interleave: BEGIN IMMEDIATE queues them.)"""
    async with postgres_backend() as factory:
        await _interleave(factory)


async def _interleave(factory: UowFactory) -> None:
    async with factory() as uow:
        ticket = await seed_ticket(uow)
        await uow.commit()
    first, second = factory(), factory()
    async with first, second:
        a = await first.tickets.get(ticket.id or 0)
        b = await second.tickets.get(ticket.id or 0)
        assert a is not None and b is not None
        await first.tickets.save(a)
        pending = asyncio.create_task(second.tickets.save(b))
        await asyncio.sleep(0.05)
        assert not pending.done()  # blocked on first's row lock
        await first.commit()
        with pytest.raises(ConcurrentUpdate):
            await pending
