"""Leases of a dead worker taken back at once (bot/presence.py decides who is dead), and who
handled or sent a row stays recorded, on both databases."""

from __future__ import annotations

from bot.presence import Presence
from domain.outbound import Outbound
from storage.database import Database
from tests.backends import UowFactory, postgres_schema
from tests.contract.test_inbox import add, claim, message

USER = 4242


async def test_a_dead_workers_updates_are_claimable_at_once(timed_uow_factory: UowFactory) -> None:
    await add(timed_uow_factory, message(1, USER), message(2, USER + 1))
    assert await claim(timed_uow_factory, worker="dead/inbox") == [1, 2]
    assert await claim(timed_uow_factory, worker="alive/inbox") == []  # leased for minutes
    async with timed_uow_factory() as uow:
        assert await uow.inbox.lease_holders() == {"dead/inbox"}
        assert await uow.inbox.expire_leases(["someone-else/inbox"]) == 0
        assert await uow.inbox.expire_leases(["dead/inbox"]) == 2
        await uow.commit()
    assert await claim(timed_uow_factory, worker="alive/inbox") == [1, 2]
    async with timed_uow_factory() as uow:
        claimed = await uow.inbox.claim(worker="x")  # nothing left: both are alive's
        assert claimed == []
        await uow.inbox.mark_done([1])
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.inbox.lease_holders() == {"alive/inbox"}  # done rows hold no lease
        assert await uow.inbox.expire_leases([]) == 0


async def test_a_dead_senders_rows_are_claimable_at_once(timed_uow_factory: UowFactory) -> None:
    async with timed_uow_factory() as uow:
        await uow.outbox.add_all([Outbound(chat_id=USER, text="a"), Outbound(chat_id=-5, text="b")])
        await uow.commit()
    async with timed_uow_factory() as uow:
        first = await uow.outbox_queue.claim(worker="dead/sender")
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.outbox_queue.claim(worker="alive/sender") == []
        assert await uow.outbox_queue.lease_holders() == {"dead/sender"}
        assert await uow.outbox_queue.expire_leases(["dead/sender"]) == 2
        await uow.commit()
    async with timed_uow_factory() as uow:
        again = await uow.outbox_queue.claim(worker="alive/sender")
        assert [i.id for i in again] == [i.id for i in first]
        assert [i.attempts for i in again] == [2, 2]  # the dead sender's try still counts
        await uow.outbox_queue.mark_sent(again[0], [77])
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.outbox_queue.lease_holders() == {"alive/sender"}
        rows = await uow.outbox_queue.counts()
    assert rows == {"sent": 1, "sending": 1}


async def test_only_a_dead_processs_leases_are_taken_back() -> None:
    """PostgreSQL: a live process holds its presence lock, so its leases are left alone; once
    its connection is gone (the process died), the next check takes them back."""
    async with postgres_schema(migrated=True) as (url, schema):
        alive, other = Database(url, schema=schema), Database(url, schema=schema)
        first, second = Presence(alive), Presence(other)
        try:
            await first.start()
            await second.start()
            await add(alive.uow, message(1, USER))
            assert await claim(alive.uow, worker=first.worker_id("inbox")) == [1]
            assert await second.reclaim() == 0  # its holder is alive
            assert await first.reclaim() == 0  # never our own
            await first.stop()  # or dies: PostgreSQL then frees its lock by itself
            assert await second.reclaim() == 1
            assert await claim(other.uow, worker=second.worker_id("inbox")) == [1]
        finally:
            await first.stop()
            await second.stop()
            await alive.dispose()
            await other.dispose()
