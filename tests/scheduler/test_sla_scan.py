"""SLA reminders: exactly one message per threshold (50, 100, 200 %), in the right chats;
the working calendar moves deadlines over weekends and holidays; need_info pauses the clock;
a second scan sends nothing."""

from __future__ import annotations

from datetime import date, timedelta

from domain.status import SlaStage
from domain.usecases import (
    add_citizen_info,
    reply_to_citizen,
    request_info,
    submit_ticket,
    verify_ticket,
)
from handlers.texts import Catalogue
from scheduler.sla_scan import sla_scan
from storage.queries.sla import reminders_for_ticket
from tests.scheduler.conftest import outbox_after, outbox_mark
from tests.usecases.world import World, wib

UNIT_GROUP, ROADS_GROUP, DEWI = -1001, -1002, 203  # admin group, roads group, roads supervisor


async def scan(world: World, texts: Catalogue) -> list[tuple[int, str]]:
    """Run the scan at the world's clock; return (chat, text) of what it queued."""
    before = await outbox_mark(world)
    await sla_scan(world.factory, world.life, texts, world.clock.now())
    return [(m.chat_id, m.text or "") for m in await outbox_after(world, before)]


async def test_first_response_thresholds_each_once_in_the_right_chats(
    world: World, texts: Catalogue
) -> None:
    ticket = await world.submit()
    await world.act(verify_ticket, world.as_admin, ticket.id)  # Monday 09:00: 48 h clock
    assert ticket.id is not None
    world.clock.advance(timedelta(hours=23, minutes=59))
    assert await scan(world, texts) == []

    world.clock.advance(timedelta(minutes=1))  # Tuesday 09:00: 50 %
    half = await scan(world, texts)
    assert [chat for chat, _ in half] == [ROADS_GROUP]
    assert ticket.code in half[0][1] and "separuh" in half[0][1]
    assert await scan(world, texts) == []

    world.clock.set(wib(4, 9))  # Wednesday 09:00: the 48 h deadline
    due = await scan(world, texts)
    assert sorted(chat for chat, _ in due) == sorted([ROADS_GROUP, DEWI, UNIT_GROUP])
    assert all(ticket.code in text and "🔴" in text and "🔴🔴" not in text for _, text in due)
    assert await scan(world, texts) == []

    world.clock.set(wib(6, 9))  # Friday 09:00: 96 h, twice the stage
    twice = await scan(world, texts)
    assert sorted(chat for chat, _ in twice) == sorted([ROADS_GROUP, DEWI, UNIT_GROUP])
    assert all("🔴🔴" in text for _, text in twice)
    world.clock.advance(timedelta(days=30))
    assert await scan(world, texts) == []

    async with world.factory() as uow:
        sent = await reminders_for_ticket(uow, ticket.id)
    assert sent == [("first_response", 50), ("first_response", 100), ("first_response", 200)]


async def test_a_ticket_found_late_gets_only_the_highest_threshold(
    world: World, texts: Catalogue
) -> None:
    ticket = await world.submit()
    await world.act(verify_ticket, world.as_admin, ticket.id)
    world.clock.set(wib(9, 9))  # a week later: past 200 % already
    messages = await scan(world, texts)
    assert len(messages) == 3 and all("🔴🔴" in text for _, text in messages)
    assert await scan(world, texts) == []


async def test_verification_reminder_skips_the_weekend(world: World, texts: Catalogue) -> None:
    """Filed Friday 15:00: one office hour on Friday, three on Monday make 50 % of 1 wd."""
    world.clock.set(wib(6, 15))
    ticket = await world.submit()
    assert ticket.deadline == wib(9, 15)  # Monday 15:00
    world.clock.set(wib(8, 12))  # Sunday noon: calendar-wise long past 4 hours
    assert await scan(world, texts) == []
    world.clock.set(wib(9, 10, 59))
    assert await scan(world, texts) == []
    world.clock.set(wib(9, 11))  # Monday 11:00
    reminder = await scan(world, texts)
    assert [chat for chat, _ in reminder] == [UNIT_GROUP]
    assert "verifikasi" in reminder[0][1]
    world.clock.set(wib(9, 15))
    assert sorted(chat for chat, _ in await scan(world, texts)) == [UNIT_GROUP]


async def test_a_holiday_moves_the_reminder(world: World, texts: Catalogue) -> None:
    """Christmas (Friday 25 December 2026) and the weekend do not count."""
    assert world.life.sla.calendar.is_holiday(date(2026, 12, 25))
    world.clock.set(wib(24, 15, month=12))  # Thursday 15:00
    ticket = await world.submit()
    assert ticket.deadline == wib(28, 15, month=12)  # Monday 15:00, not Friday
    world.clock.set(wib(25, 12, month=12))
    assert await scan(world, texts) == []
    world.clock.set(wib(28, 11, month=12))
    assert [chat for chat, _ in await scan(world, texts)] == [UNIT_GROUP]


async def test_need_info_pauses_the_clock_and_pushes_the_reminder(
    world: World, texts: Catalogue
) -> None:
    ticket = await world.submit()
    await world.act(verify_ticket, world.as_admin, ticket.id)
    await world.act(reply_to_citizen, world.as_roads, ticket.id, "Kami cek besok.")
    # Resolve clock (5 wd = 40 office hours) from Monday 09:00: 50 % on Wednesday 13:00.
    share = (await world.assignments(ticket.id))[world.roads.id]
    assert share.stage == SlaStage.RESOLVE and share.next_reminder_at == wib(4, 13)

    world.clock.set(wib(2, 10))  # Monday 10:00: one office hour used
    await world.act(request_info, world.as_roads, ticket.id, "Di sisi jalan mana?")
    world.clock.set(wib(5, 9))  # Thursday: past the original 50 %, but paused
    assert await scan(world, texts) == []

    world.clock.set(wib(5, 10))  # Thursday 10:00: the citizen answers; 24 office hours paused
    await world.act(add_citizen_info, world.as_citizen, ticket.id, "Sisi utara.")
    share = (await world.assignments(ticket.id))[world.roads.id]
    assert share.paused_at is None
    assert share.next_reminder_at == wib(9, 13)  # Wednesday 13:00 + 24 office hours
    world.clock.set(wib(9, 12, 59))
    assert await scan(world, texts) == []
    world.clock.set(wib(9, 13))
    assert [chat for chat, _ in await scan(world, texts)] == [ROADS_GROUP]


async def test_auto_verified_category_starts_the_agency_clock(
    world: World, texts: Catalogue
) -> None:
    """Trash is auto-verified with a 4 wh first response: 50 % two office hours later."""
    ticket = await world.act(
        submit_ticket,
        world.as_citizen,
        category_id=world.trash_category.id,
        description="Sampah menumpuk di depan SD Negeri 3 sejak seminggu.",
    )
    world.clock.set(wib(2, 11))
    assert [chat for chat, _ in await scan(world, texts)] == [-1003]
    assert ticket.id is not None
