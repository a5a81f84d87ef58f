"""The sender's queue: due rows oldest first, one per chat, leases, retries, chat rewrites."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import event

from domain.clock import FakeClock
from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from tests.backends import UowFactory
from tests.contract.builders import BIG_CHAT, BIG_USER, agency, citizen, seed_ticket


async def enqueue(factory: UowFactory, *messages: Outbound) -> None:
    async with factory() as uow:
        await uow.outbox.add_all(list(messages))
        await uow.commit()


async def claim(factory: UowFactory, worker: str = "s1", **kwargs: Any) -> list[tuple[int, str]]:
    async with factory() as uow:
        items = await uow.outbox_queue.claim(worker=worker, **kwargs)
        await uow.commit()
    return [(item.chat_id, item.message.text or "") for item in items]


async def test_the_payload_round_trips_to_an_equal_outbound(timed_uow_factory: UowFactory) -> None:
    card = Outbound(
        chat_id=BIG_CHAT,
        kind=OutboundKind.ALBUM,
        text="<b>ADU-7K3Q9X</b>",
        photos=["AgAC-1", "AgAC-2"],
        keyboard=Keyboard(
            rows=((Button("Klaim", data="v1:claim:7"), Button("Peta", url="https://x")),)
        ),
        thread_id=12,
        ticket_id=None,
        link_purpose="card",
        agency_id=3,
    )
    await enqueue(timed_uow_factory, card)
    async with timed_uow_factory() as uow:
        (item,) = await uow.outbox_queue.claim(worker="s1")
    assert item.message == card
    assert (item.chat_id, item.attempts, item.link_purpose) == (BIG_CHAT, 1, "card")


async def test_one_row_per_chat_in_order(timed_uow_factory: UowFactory) -> None:
    await enqueue(
        timed_uow_factory,
        Outbound(1, text="a1"),
        Outbound(1, text="a2"),
        Outbound(2, text="b1"),
        Outbound(1, text="a3"),
    )
    async with timed_uow_factory() as uow:
        first = await uow.outbox_queue.claim(worker="s1")
        await uow.commit()
    assert [(i.chat_id, i.message.text) for i in first] == [(1, "a1"), (2, "b1")]
    assert await claim(timed_uow_factory) == []  # a2 waits until a1 is settled
    async with timed_uow_factory() as uow:
        await uow.outbox_queue.mark_sent(first[0], [501])
        await uow.outbox_queue.mark_failed(first[1].id, error="400 chat not found")
        await uow.commit()
    assert await claim(timed_uow_factory) == [(1, "a2")]


async def test_reschedule_delays_the_row_and_its_chat(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    await enqueue(timed_uow_factory, Outbound(1, text="a1"), Outbound(1, text="a2"))
    async with timed_uow_factory() as uow:
        (item,) = await uow.outbox_queue.claim(worker="s1")
        await uow.outbox_queue.reschedule(
            item.id, at=clock.now() + timedelta(seconds=7), error="429 retry after 7"
        )
        await uow.commit()
        assert await uow.outbox_queue.next_due_at() == clock.now() + timedelta(seconds=7)
    assert await claim(timed_uow_factory) == []
    clock.advance(timedelta(seconds=7))
    assert await claim(timed_uow_factory) == [(1, "a1")]


async def test_a_killed_senders_rows_are_retaken_after_the_lease(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    await enqueue(timed_uow_factory, Outbound(1, text="a1"))
    assert await claim(timed_uow_factory, lease=timedelta(seconds=60)) == [(1, "a1")]
    clock.advance(timedelta(seconds=59))
    assert await claim(timed_uow_factory, "s2") == []
    clock.advance(timedelta(seconds=1))
    async with timed_uow_factory() as uow:
        (item,) = await uow.outbox_queue.claim(worker="s2")
    assert item.attempts == 2


async def test_mark_sent_links_messages_to_the_ticket(timed_uow_factory: UowFactory) -> None:
    async with timed_uow_factory() as uow:
        ticket = await seed_ticket(uow)
        roads = await uow.agencies.add(agency("DPU", group_chat_id=BIG_CHAT))
        await uow.outbox.add(
            Outbound(
                BIG_CHAT,
                kind=OutboundKind.ALBUM,
                photos=["p1", "p2"],
                ticket_id=ticket.id,
                link_purpose="card",
                agency_id=roads.id,
            )
        )
        await uow.outbox.add(Outbound(BIG_USER, text="no link wanted", ticket_id=ticket.id))
        await uow.commit()
    async with timed_uow_factory() as uow:
        album, notice = await uow.outbox_queue.claim(worker="s1")
        await uow.outbox_queue.mark_sent(album, [9_000_000_001, 9_000_000_002])
        await uow.outbox_queue.mark_sent(notice, [77])
        await uow.commit()
    async with timed_uow_factory() as uow:
        link = await uow.links.find(BIG_CHAT, 9_000_000_002)
        assert await uow.links.find(BIG_USER, 77) is None
        assert await uow.outbox_queue.counts() == {"sent": 2}
    assert link is not None
    assert (link.ticket_id, link.purpose, link.agency_id) == (ticket.id, "card", roads.id)


async def test_a_blocked_chat_is_given_up_and_remembered(timed_uow_factory: UowFactory) -> None:
    async with timed_uow_factory() as uow:
        person = await uow.citizens.add(citizen())
        await uow.agencies.add(agency("DPU", group_chat_id=BIG_CHAT, group_active=True))
        await uow.commit()
    await enqueue(
        timed_uow_factory,
        Outbound(BIG_USER, text="1"),
        Outbound(BIG_USER, text="2"),
        Outbound(BIG_CHAT, text="g"),
        Outbound(5, text="other"),
    )
    async with timed_uow_factory() as uow:
        assert await uow.outbox_queue.mark_chat_unreachable(BIG_USER, error="403 blocked") == 2
        assert await uow.outbox_queue.mark_chat_unreachable(BIG_CHAT, error="403 kicked") == 1
        await uow.commit()
    async with timed_uow_factory() as uow:
        stored = await uow.citizens.get(person.id or 0)
        roads = await uow.agencies.get_by_code("DPU")
    assert stored is not None and stored.unreachable
    assert roads is not None and not roads.group_active
    assert await claim(timed_uow_factory) == [(5, "other")]


async def test_a_migrated_group_is_rewritten_everywhere(timed_uow_factory: UowFactory) -> None:
    old, new = -412345678, -1009999999999
    async with timed_uow_factory() as uow:
        await uow.agencies.add(agency("DPU", group_chat_id=old))
        await uow.commit()
    await enqueue(timed_uow_factory, Outbound(old, text="card"), Outbound(old, text="photo"))
    async with timed_uow_factory() as uow:
        (first,) = await uow.outbox_queue.claim(worker="s1")
        assert await uow.outbox_queue.migrate_chat(old, new) == 2
        await uow.outbox_queue.reschedule(first.id, at=uow.clock.now())
        await uow.commit()
    async with timed_uow_factory() as uow:
        (again,) = await uow.outbox_queue.claim(worker="s1")
        roads = await uow.agencies.get_by_code("DPU")
    assert (again.chat_id, again.message.chat_id, again.message.text) == (new, new, "card")
    assert roads is not None and roads.group_chat_id == new


async def test_release_and_purge(timed_uow_factory: UowFactory, clock: FakeClock) -> None:
    await enqueue(timed_uow_factory, Outbound(1, text="a"), Outbound(2, text="b"))
    async with timed_uow_factory() as uow:
        a, b = await uow.outbox_queue.claim(worker="s1")
        await uow.outbox_queue.mark_sent(a, [1])
        await uow.outbox_queue.release([b.id])
        await uow.commit()
    clock.advance(timedelta(days=2))
    async with timed_uow_factory() as uow:
        assert await uow.outbox_queue.purge_sent(clock.now() - timedelta(days=1)) == 1
        (retaken,) = await uow.outbox_queue.claim(worker="s2")
    assert (retaken.id, retaken.attempts) == (b.id, 1)


@pytest.mark.parametrize("each_statement", [False, True], ids=["transaction", "autocommit"])
async def test_concurrent_senders_never_share_a_chat(
    timed_uow_factory: UowFactory, each_statement: bool
) -> None:
    """Also when each claim commits on its own (the sender's, on PostgreSQL): a claim is one
    statement, or the locks of a SELECT … FOR UPDATE would end before its UPDATE. Five races
    of eight senders for ten chats (one race alone does not always interleave)."""
    factory = partial(timed_uow_factory, each_statement=each_statement)
    for race in range(5):
        chats = range(race * 10, race * 10 + 10)
        await enqueue(
            timed_uow_factory, *(Outbound(chat, text=str(n)) for n in range(3) for chat in chats)
        )
        claims = await asyncio.gather(*(claim(factory, f"s{n}", limit=4) for n in range(8)))
        taken = [row for batch in claims for row in batch]
        assert len({chat for chat, _ in taken}) == len(taken) == 10
        assert all(text == "0" for _, text in taken)


async def test_defer_puts_a_row_back_untried(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    """The sender's rate limiter said "not yet": no attempt counted, no error recorded."""
    await enqueue(timed_uow_factory, Outbound(1, text="a1"))
    async with timed_uow_factory() as uow:
        (item,) = await uow.outbox_queue.claim(worker="s1")
        await uow.outbox_queue.defer(item.id, at=clock.now() + timedelta(seconds=1))
        await uow.commit()
    assert await claim(timed_uow_factory) == []
    clock.advance(timedelta(seconds=1))
    async with timed_uow_factory() as uow:
        (again,) = await uow.outbox_queue.claim(worker="s1")
    assert (again.id, again.attempts) == (item.id, 1)


async def test_recent_sends_are_each_chats_last_few_oldest_first(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    """The per-chat rate limits come from here (bot/sender.py), for a whole round at once."""
    sent_at: dict[int, list[Any]] = {BIG_USER: [], BIG_CHAT: []}
    for k in range(4):  # four rounds; each sends one message to each chat
        await enqueue(
            timed_uow_factory,
            Outbound(chat_id=BIG_USER, text=f"u{k}"),
            Outbound(chat_id=BIG_CHAT, text=f"g{k}"),
        )
        async with timed_uow_factory() as uow:
            items = await uow.outbox_queue.claim(worker="s1")
            await uow.outbox_queue.mark_sent_many([(item, [k + 1]) for item in items])
            await uow.commit()
        for item in items:
            sent_at[item.chat_id].append(clock.now())
        clock.advance(timedelta(seconds=1))
    await enqueue(timed_uow_factory, Outbound(chat_id=BIG_USER, text="queued, not sent"))
    async with timed_uow_factory() as uow:
        recent = await uow.outbox_queue.recent_sends({BIG_USER: 3, BIG_CHAT: 19, 555: 3})
        assert recent == {BIG_USER: sent_at[BIG_USER][-3:], BIG_CHAT: sent_at[BIG_CHAT], 555: []}
        assert await uow.outbox_queue.recent_sends({BIG_CHAT: 1}) == {
            BIG_CHAT: sent_at[BIG_CHAT][-1:]
        }
        assert await uow.outbox_queue.recent_sends({}) == {}


async def test_rounds_of_five_to_eight_chats_send_one_statement_shape(
    timed_uow_factory: UowFactory,
) -> None:
    """SQLAlchemy compiles each shape of statement once: a round's chat count must not make a
    new one (padded to a power of two), yet the padding finds nothing."""
    engine = timed_uow_factory.__self__.engine.sync_engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if "UNION ALL" in sql:
            seen.append(sql)

    await enqueue(timed_uow_factory, Outbound(chat_id=BIG_USER, text="u"))
    async with timed_uow_factory() as uow:
        items = await uow.outbox_queue.claim(worker="s1")
        await uow.outbox_queue.mark_sent_many([(item, [1]) for item in items])
        await uow.commit()
    event.listen(engine, "before_cursor_execute", statement)
    try:
        async with timed_uow_factory() as uow:
            for count in (5, 6, 8):
                chats = {BIG_USER: 3, **{900 + k: 3 for k in range(count - 1)}}
                recent = await uow.outbox_queue.recent_sends(chats)
                assert list(recent) == list(chats)
                assert len(recent[BIG_USER]) == 1
                assert all(recent[chat] == [] for chat in chats if chat != BIG_USER)
    finally:
        event.remove(engine, "before_cursor_execute", statement)
    assert len(seen) == 3 and len(set(seen)) == 1


async def test_a_batch_queues_its_answers_in_one_insert_before_anything_reads_them(
    timed_uow_factory: UowFactory,
) -> None:
    """bot.worker's batches: the answers of several updates wait and go as one INSERT, at the
    transaction's next statement (a read of the queue sees them all) or at its commit."""
    db = timed_uow_factory.__self__  # type: ignore[attr-defined]
    inserts: list[int] = []

    def seen(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, many: bool) -> None:
        if sql.startswith("INSERT INTO outbox_message"):
            inserts.append(len(params) if many else 1)

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    async with db.uow(shared=True) as uow:
        await uow.outbox.add(Outbound(chat_id=1, text="one"))
        await uow.outbox.add_all([Outbound(chat_id=2, text="two"), Outbound(chat_id=2, text="3")])
        await uow.outbox.add(Outbound(chat_id=3, text="four"))
        assert inserts == []
        assert await uow.outbox_queue.backlog() == 4
        await uow.outbox.add(Outbound(chat_id=3, text="five"))
        await uow.commit()
    assert len(inserts) == 2 and sum(inserts) == 5
    assert await claim(timed_uow_factory) == [(1, "one"), (2, "two"), (3, "four")]
    async with db.uow() as uow:  # an update on its own: its answer goes at once
        await uow.outbox.add(Outbound(chat_id=4, text="six"))
        assert len(inserts) == 3
        await uow.rollback()
