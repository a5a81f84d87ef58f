"""Message links route replies back to tickets; drafts hold a conversation between updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.clock import FakeClock
from domain.outbound import Outbound
from storage.records import Draft
from tests.backends import UowFactory
from tests.contract.builders import BIG_CHAT, BIG_USER, agency, citizen, seed_ticket


async def test_links_find_by_chat_and_message(timed_uow_factory: UowFactory) -> None:
    async with timed_uow_factory() as uow:
        ticket = await seed_ticket(uow)
        roads = await uow.agencies.add(agency("DPU", group_chat_id=BIG_CHAT))
        assert ticket.id is not None
        await uow.links.add(
            chat_id=BIG_CHAT,
            message_id=8_000_000_000,
            ticket_id=ticket.id,
            purpose="card",
            agency_id=roads.id,
        )
        await uow.links.add(chat_id=BIG_USER, message_id=12, ticket_id=ticket.id, purpose="notice")
        # Linking the same message again keeps the first link and does not fail.
        await uow.links.add(chat_id=BIG_USER, message_id=12, ticket_id=ticket.id, purpose="relay")
        await uow.commit()
    async with timed_uow_factory() as uow:
        card = await uow.links.find(BIG_CHAT, 8_000_000_000)
        notice = await uow.links.find(BIG_USER, 12)
        assert await uow.links.find(BIG_CHAT, 12) is None
        cards = await uow.links.for_ticket(ticket.id, purpose="card")
        everything = await uow.links.for_ticket(ticket.id)
    assert card is not None and (card.ticket_id, card.agency_id) == (ticket.id, roads.id)
    assert card.created_at.utcoffset() == timedelta(0)
    assert notice is not None and notice.purpose == "notice"
    assert cards == [card]
    assert everything == [card, notice]


async def test_draft_save_get_delete(timed_uow_factory: UowFactory, clock: FakeClock) -> None:
    async with timed_uow_factory() as uow:
        person = await uow.citizens.add(citizen())
        await uow.drafts.save(Draft(chat_id=BIG_USER, step="category", citizen_id=person.id))
        await uow.commit()
    async with timed_uow_factory() as uow:
        first = await uow.drafts.get(BIG_USER)
    assert first is not None and first.id is not None
    assert first.version == 0 and first.created_at == first.updated_at == clock.now()

    clock.advance(timedelta(minutes=3))
    first.step = "photos"
    first.data = {"category": "road", "photos": ["AgAC-1"], "location": [-7.56, 110.8]}
    first.last_message_id = 9_000_000_123
    async with timed_uow_factory() as uow:
        await uow.drafts.save(first)
        await uow.commit()

    async with timed_uow_factory() as uow:
        loaded = await uow.drafts.get(BIG_USER)
        assert await uow.drafts.get(BIG_CHAT) is None
    assert loaded is not None and (loaded.id, loaded.version) == (first.id, 1)
    assert loaded.updated_at == clock.now()
    assert loaded.created_at == clock.now() - timedelta(minutes=3)
    assert (loaded.step, loaded.last_message_id) == ("photos", 9_000_000_123)
    assert loaded.data["location"] == [-7.56, 110.8]

    async with timed_uow_factory() as uow:
        assert await uow.drafts.delete(BIG_USER)
        assert not await uow.drafts.delete(BIG_USER)
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.drafts.get(BIG_USER) is None


async def test_stale_drafts_are_listed_once_until_touched(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    async with timed_uow_factory() as uow:
        await uow.drafts.save(Draft(chat_id=1, step="description"))
        clock.advance(timedelta(minutes=30))
        await uow.drafts.save(Draft(chat_id=2, step="photos"))
        await uow.commit()
    clock.advance(timedelta(minutes=45))
    idle_since = clock.now() - timedelta(hours=1)
    async with timed_uow_factory() as uow:
        stale = await uow.drafts.list_stale(idle_since=idle_since)
        assert [d.chat_id for d in stale] == [1]
        await uow.drafts.mark_reminded(1)
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.drafts.list_stale(idle_since=idle_since) == []
        reminded = await uow.drafts.get(1)
        assert reminded is not None and reminded.reminded_at == clock.now()
        # Progress re-arms the reminder.
        await uow.drafts.save(reminded)
        await uow.commit()
    clock.advance(timedelta(hours=2))
    async with timed_uow_factory() as uow:
        idle = await uow.drafts.list_stale(idle_since=clock.now() - timedelta(hours=1))
        assert [d.chat_id for d in idle] == [2, 1]
        assert await uow.drafts.delete_stale(idle_since=clock.now() - timedelta(minutes=150)) == 1
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.drafts.get(2) is None and await uow.drafts.get(1) is not None


async def test_a_card_is_linked_when_queued_and_completed_when_sent(
    timed_uow_factory: UowFactory,
) -> None:
    """The card's link exists from the transaction that queued it (no message id yet), and
    gets its message id in the one that marks the row sent: a sender killed before that
    commit leaves the queued link and the unsent row, never a sent card nobody can find."""
    async with timed_uow_factory() as uow:
        ticket = await seed_ticket(uow)
        roads = await uow.agencies.add(agency("DPU", group_chat_id=BIG_CHAT))
        assert ticket.id is not None and roads.id is not None
        card = Outbound(BIG_CHAT, text="card", ticket_id=ticket.id, link_purpose="card")
        await uow.outbox.add(replace(card, agency_id=roads.id))
        await uow.links.expect(
            chat_id=BIG_CHAT, ticket_id=ticket.id, purpose="card", agency_id=roads.id
        )
        await uow.commit()
    async with timed_uow_factory() as uow:
        (queued,) = await uow.links.for_ticket(ticket.id, purpose="card")
    assert (queued.chat_id, queued.message_id, queued.agency_id) == (BIG_CHAT, None, roads.id)

    async with timed_uow_factory() as uow:  # sent, then killed before the commit
        (item,) = await uow.outbox_queue.claim(worker="s1")
        await uow.outbox_queue.mark_sent(item, [8_000_000_001])
    async with timed_uow_factory() as uow:
        assert await uow.links.for_ticket(ticket.id) == [queued]
        assert await uow.outbox_queue.counts() == {"pending": 1}

    async with timed_uow_factory() as uow:
        (item,) = await uow.outbox_queue.claim(worker="s2")
        await uow.outbox_queue.mark_sent(item, [8_000_000_001])
        await uow.commit()
    async with timed_uow_factory() as uow:
        links = await uow.links.for_ticket(ticket.id)
        found = await uow.links.find(BIG_CHAT, 8_000_000_001)
    assert found is not None and links == [found]
    assert (found.purpose, found.agency_id) == ("card", roads.id)
