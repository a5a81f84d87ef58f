"""The inbox: duplicates ignored, one update per chat at a time, leases retaken after a crash."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from functools import partial
from typing import Any

import pytest

from domain.clock import FakeClock
from storage.repositories.inbox import update_chat_id
from tests.backends import UowFactory

GROUP = -1001234567890


def message(update_id: int, chat_id: int, text: str = "hi") -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_790_000_000,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": {"id": abs(chat_id), "is_bot": False, "first_name": "Sri"},
            "text": text,
        },
    }


def inline_query(update_id: int) -> dict[str, Any]:
    return {"update_id": update_id, "inline_query": {"id": "q", "from": {"id": 9}, "query": ""}}


async def add(factory: UowFactory, *updates: dict[str, Any]) -> int:
    async with factory() as uow:
        new = await uow.inbox.add_many(list(updates))
        await uow.commit()
    return new


async def claim(factory: UowFactory, worker: str = "w1", **kwargs: Any) -> list[int]:
    async with factory() as uow:
        items = await uow.inbox.claim(worker=worker, **kwargs)
        await uow.commit()
    return [item.update_id for item in items]


async def done(factory: UowFactory, *update_ids: int) -> None:
    async with factory() as uow:
        await uow.inbox.mark_done(update_ids)
        await uow.commit()


def test_the_ordering_key_is_the_chat_or_the_user() -> None:
    assert update_chat_id(message(1, GROUP)) == GROUP
    callback = {
        "update_id": 2,
        "callback_query": {"id": "c", "from": {"id": 7}, "message": {"chat": {"id": GROUP}}},
    }
    assert update_chat_id(callback) == GROUP
    inline_button = {"update_id": 3, "callback_query": {"id": "c", "from": {"id": 7}}}
    assert update_chat_id(inline_button) == 7
    assert update_chat_id({"update_id": 4, "my_chat_member": {"chat": {"id": GROUP}}}) == GROUP
    assert update_chat_id(inline_query(5)) == 9
    assert update_chat_id({"update_id": 6, "poll": {"id": "p"}}) is None


async def test_duplicate_update_ids_are_ignored(timed_uow_factory: UowFactory) -> None:
    assert await add(timed_uow_factory, message(10, 1), message(11, 1), message(10, 1)) == 2
    assert await add(timed_uow_factory, message(11, 1, "resent"), message(12, 2)) == 1
    assert await add(timed_uow_factory) == 0
    async with timed_uow_factory() as uow:
        items = await uow.inbox.claim(worker="w", limit=10)
        assert await uow.inbox.max_update_id() == 12
    assert [(i.update_id, i.chat_id) for i in items] == [(10, 1), (12, 2)]
    assert items[0].payload == message(10, 1)


async def test_one_update_per_chat_in_update_id_order(timed_uow_factory: UowFactory) -> None:
    await add(
        timed_uow_factory,
        message(1, 100),
        message(2, 100),
        message(3, GROUP),
        inline_query(4),
        {"update_id": 5, "poll": {"id": "p"}},
        {"update_id": 6, "poll": {"id": "q"}},
        message(7, 100),
    )
    # Chat-less updates have no order to keep: both polls are claimable at once.
    assert await claim(timed_uow_factory) == [1, 3, 4, 5, 6]
    assert await claim(timed_uow_factory, "w2") == []  # 2 waits for 1
    await done(timed_uow_factory, 1, 3)
    assert await claim(timed_uow_factory, "w2") == [2]
    await done(timed_uow_factory, 2)
    assert await claim(timed_uow_factory, "w2") == [7]


async def test_claim_respects_the_limit_oldest_first(timed_uow_factory: UowFactory) -> None:
    await add(timed_uow_factory, *(message(n, 1000 + n) for n in range(1, 8)))
    assert await claim(timed_uow_factory, limit=3) == [1, 2, 3]
    assert await claim(timed_uow_factory, limit=3) == [4, 5, 6]


async def test_an_expired_lease_is_retaken(timed_uow_factory: UowFactory, clock: FakeClock) -> None:
    await add(timed_uow_factory, message(1, 100), message(2, 100))
    assert await claim(timed_uow_factory, lease=timedelta(seconds=30)) == [1]
    clock.advance(timedelta(seconds=29))
    assert await claim(timed_uow_factory, "w2") == []
    clock.advance(timedelta(seconds=2))  # the first worker was killed
    async with timed_uow_factory() as uow:
        (item,) = await uow.inbox.claim(worker="w2")
        await uow.commit()
    assert (item.update_id, item.attempts) == (1, 2)


async def test_retry_waits_and_keeps_the_chat_blocked(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    await add(timed_uow_factory, message(1, 100), message(2, 100), message(3, 200))
    assert await claim(timed_uow_factory) == [1, 3]
    async with timed_uow_factory() as uow:
        await uow.inbox.retry(1, error="timeout", delay=timedelta(seconds=10))
        await uow.inbox.mark_done([3])
        await uow.commit()
    assert await claim(timed_uow_factory) == []
    clock.advance(timedelta(seconds=10))
    assert await claim(timed_uow_factory) == [1]


async def test_dead_letters_unblock_the_chat(timed_uow_factory: UowFactory) -> None:
    await add(timed_uow_factory, message(1, 100), message(2, 100))
    assert await claim(timed_uow_factory) == [1]
    async with timed_uow_factory() as uow:
        await uow.inbox.dead(1, error="ValueError: bad callback data")
        await uow.commit()
    assert await claim(timed_uow_factory) == [2]
    async with timed_uow_factory() as uow:
        assert await uow.inbox.counts() == {"dead": 1, "processing": 1}


async def test_release_hands_updates_back_untried(timed_uow_factory: UowFactory) -> None:
    await add(timed_uow_factory, message(1, 100))
    assert await claim(timed_uow_factory) == [1]
    async with timed_uow_factory() as uow:
        await uow.inbox.release([1])
        await uow.commit()
    async with timed_uow_factory() as uow:
        (item,) = await uow.inbox.claim(worker="w2")
    assert item.attempts == 1


async def test_purge_drops_old_done_updates_only(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    await add(timed_uow_factory, message(1, 100), message(2, 200), message(3, 300))
    assert await claim(timed_uow_factory) == [1, 2, 3]
    await done(timed_uow_factory, 1)
    async with timed_uow_factory() as uow:
        await uow.inbox.dead(2, error="x")
        await uow.commit()
    clock.advance(timedelta(days=8))
    async with timed_uow_factory() as uow:
        assert await uow.inbox.purge_done(clock.now() - timedelta(days=7)) == 1
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.inbox.counts() == {"dead": 1, "processing": 1}


@pytest.mark.parametrize("each_statement", [False, True], ids=["transaction", "autocommit"])
async def test_concurrent_claimers_never_share_a_chat(
    timed_uow_factory: UowFactory, each_statement: bool
) -> None:
    """Four workers claim at once (on PostgreSQL with SKIP LOCKED; the worker's claim commits
    on its own there): no update twice, never two updates of one chat in flight, and every
    chat's first update among the winners."""
    updates = [message(chat * 10 + n, 5000 + chat) for chat in range(12) for n in range(3)]
    await add(timed_uow_factory, *updates)
    factory = partial(timed_uow_factory, each_statement=each_statement)
    claims = await asyncio.gather(*(claim(factory, f"w{n}", limit=4) for n in range(4)))
    taken = [update_id for batch in claims for update_id in batch]
    assert len(taken) == len(set(taken))
    chats = [update_id // 10 for update_id in taken]
    assert len(chats) == len(set(chats))
    assert all(update_id % 10 == 0 for update_id in taken)
