"""Auto-close, draft upkeep, the daily digest, outbox health and cleanup, called directly at
FakeClock instants; each is run twice to show the second run sends nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import update

from domain.conversation import Draft
from domain.outbound import Outbound
from domain.status import TicketStatus
from domain.usecases import dispatch_ticket, request_info, resolve_ticket, verify_ticket
from handlers.texts import Catalogue
from scheduler.cleanup import cleanup
from scheduler.closing import auto_close
from scheduler.digest import daily_digest
from scheduler.drafts import draft_upkeep
from scheduler.outbox_health import outbox_health
from storage.queries.outbox_health import OUTBOX
from storage.queries.uploads import UPLOADS, add_upload, load_upload
from tests.scheduler.conftest import outbox_after, outbox_mark
from tests.usecases.world import World, wib

UNIT_GROUP, ROADS_GROUP, ENV_GROUP = -1001, -1002, -1003


async def test_auto_close_after_the_confirmation_window(world: World, texts: Catalogue) -> None:
    ticket = await world.submit()
    assert ticket.id is not None
    await world.act(verify_ticket, world.as_admin, ticket.id)
    await world.act(resolve_ticket, world.as_roads, ticket.id, "Lubang sudah ditambal.")
    # Confirmation: 3 working days from Monday 09:00 -> Thursday 09:00.
    world.clock.set(wib(5, 8, 59))
    assert (await auto_close(world.factory, world.life, texts, world.clock.now())).closed == 0
    world.clock.set(wib(5, 9))
    before = await outbox_mark(world)
    result = await auto_close(world.factory, world.life, texts, world.clock.now())
    assert result.closed == 1
    closed = await world.ticket(ticket.id)
    assert closed.status == TicketStatus.CLOSED and closed.closed_at == wib(5, 9)
    told = await outbox_after(world, before)
    assert [m.chat_id for m in told] == [world.citizen.chat_id]  # the notifier told them
    assert "auto_close" in (told[0].text or "")
    again = await auto_close(world.factory, world.life, texts, world.clock.now())
    assert again.closed == 0 and await outbox_after(world, before) == told


# --- drafts ---------------------------------------------------------------------------------


async def remind_fake(uow, texts: Catalogue, now: datetime) -> int:  # type: ignore[no-untyped-def]
    """A stand-in with the citizen engineer's signature, on the real draft repository."""
    stale = await uow.drafts.list_stale(idle_since=now - timedelta(hours=24))
    for draft in stale:
        await uow.outbox.add(Outbound(chat_id=draft.chat_id, text="lanjutkan aduan Anda?"))
        await uow.drafts.mark_reminded(draft.chat_id)
    return len(stale)


async def discard_fake(uow, texts: Catalogue, now: datetime) -> int:  # type: ignore[no-untyped-def]
    return await uow.drafts.delete_stale(idle_since=now - timedelta(days=7))


async def test_draft_upkeep_runs_the_citizen_functions(world: World, texts: Catalogue) -> None:
    async with world.factory() as uow:
        await uow.drafts.save(Draft(chat_id=5001, step="description"))
        await uow.commit()
    stamped = datetime.now(tz=world.clock.now().tzinfo)  # drafts use machinery time
    upkeep = (remind_fake, discard_fake)
    result = await draft_upkeep(world.factory, texts, stamped + timedelta(hours=25), upkeep=upkeep)
    assert (result.reminded, result.discarded) == (1, 0)
    again = await draft_upkeep(world.factory, texts, stamped + timedelta(hours=26), upkeep=upkeep)
    assert (again.reminded, again.discarded) == (0, 0)
    gone = await draft_upkeep(world.factory, texts, stamped + timedelta(days=8), upkeep=upkeep)
    assert gone.discarded == 1
    async with world.factory() as uow:
        assert await uow.drafts.get(5001) is None


async def test_draft_upkeep_with_the_citizen_conversation(world: World, texts: Catalogue) -> None:
    """The real handlers/citizen/draft_upkeep.py: one reminder after a day, gone after a week."""
    async with world.factory() as uow:
        await uow.drafts.save(Draft(chat_id=5001, step="description", citizen_id=world.citizen.id))
        await uow.commit()
    stamped = datetime.now(tz=world.clock.now().tzinfo)
    before = await outbox_mark(world)
    first = await draft_upkeep(world.factory, texts, stamped + timedelta(hours=25))
    assert (first.reminded, first.discarded) == (1, 0)
    again = await draft_upkeep(world.factory, texts, stamped + timedelta(hours=30))
    assert (again.reminded, again.discarded) == (0, 0)
    gone = await draft_upkeep(world.factory, texts, stamped + timedelta(days=8))
    assert gone.discarded == 1
    told = await outbox_after(world, before)
    assert [m.chat_id for m in told] == [5001, 5001]  # the reminder, then the goodbye
    async with world.factory() as uow:
        assert await uow.drafts.get(5001) is None


# --- daily digest ---------------------------------------------------------------------------


async def test_the_digest_lists_exactly_the_right_tickets(world: World, texts: Catalogue) -> None:
    world.clock.set(datetime(2026, 10, 31, 3, 0, tzinfo=world.clock.now().tzinfo))  # Sat 10:00
    late = await world.submit()
    await world.act(verify_ticket, world.as_admin, late.id)  # due Mon 10:00: overdue by Wed
    world.clock.set(wib(2, 9))
    today = await world.submit()
    await world.act(verify_ticket, world.as_admin, today.id)  # due Wed 09:00
    world.clock.set(wib(3, 10))
    later = await world.submit()
    await world.act(verify_ticket, world.as_admin, later.id)  # due Thu 10:00
    paused = await world.submit()
    await world.act(verify_ticket, world.as_admin, paused.id)
    await world.act(request_info, world.as_roads, paused.id, "Foto lebih dekat?")
    world.clock.set(wib(3, 15))
    queued = await world.submit()  # the unit's own queue: verify due Wed 15:00

    world.clock.set(wib(4, 7, 59))
    assert not (await daily_digest(world.factory, world.life, texts, world.clock.now())).due
    world.clock.set(wib(4, 8, 5))
    before = await outbox_mark(world)
    result = await daily_digest(world.factory, world.life, texts, world.clock.now())
    assert sorted(result.sent) == sorted([world.roads.id, world.unit.id])
    assert result.quiet == [world.env.id]  # nothing open: nothing sent
    by_chat = {m.chat_id: m.text or "" for m in await outbox_after(world, before)}
    assert set(by_chat) == {ROADS_GROUP, UNIT_GROUP}

    roads = by_chat[ROADS_GROUP]
    assert "Aduan terbuka: 4" in roads
    assert "3 belum diambil" in roads and "1 menunggu informasi" in roads
    due_part, overdue_part = roads.split("Jatuh tempo hari ini (1):")[1].split("Terlambat (1):")
    assert today.code in due_part and "09:00" in due_part
    assert late.code in overdue_part and "dilaporkan 3 hari lalu" in overdue_part
    assert "lewat 1 hari" in overdue_part  # due Monday 10:00, now Wednesday 08:05
    for code in (later.code, paused.code, queued.code):
        assert code not in roads
    unit = by_chat[UNIT_GROUP]
    assert "1 menunggu verifikasi" in unit and queued.code in unit and "15:00" in unit

    again = await daily_digest(world.factory, world.life, texts, wib(4, 9))
    assert again.sent == [] and await outbox_mark(world) == before + 2
    tomorrow = await daily_digest(world.factory, world.life, texts, wib(5, 8))
    assert world.roads.id in tomorrow.sent


async def test_the_digest_window_honours_the_configured_time(
    world: World, texts: Catalogue
) -> None:
    await world.submit()
    at = time(7, 30)
    assert not (await daily_digest(world.factory, world.life, texts, wib(3, 7, 29), at=at)).due
    result = await daily_digest(world.factory, world.life, texts, wib(3, 7, 30), at=at)
    assert result.sent == [world.unit.id]
    assert not (await daily_digest(world.factory, world.life, texts, wib(3, 12), at=at)).due


# --- outbox health and cleanup --------------------------------------------------------------


async def test_stuck_outbox_rows_are_retried_and_reported_once(
    world: World, texts: Catalogue
) -> None:
    async with world.factory() as uow:
        await uow.outbox.add(Outbound(chat_id=777, text="halo"))
        await uow.outbox.add(Outbound(chat_id=778, text="halo"))
        now = uow.clock.now()
        await uow.session.execute(
            update(OUTBOX)
            .where(OUTBOX.c.chat_id == 778)
            .values(status="sending", locked_until=now - timedelta(minutes=10))
        )
        await uow.commit()
    later = now + timedelta(hours=1)
    before = await outbox_mark(world)
    first = await outbox_health(world.factory, texts, later)
    assert (first.retried, first.reported) == (1, 2)
    alerts = await outbox_after(world, before)
    assert len(alerts) == 1 and "2 pesan" in (alerts[0].text or "")
    second = await outbox_health(world.factory, texts, later + timedelta(minutes=5))
    assert (second.retried, second.reported, second.alerts) == (0, 0, 0)


async def test_cleanup_drops_old_uploads(world: World, texts: Catalogue) -> None:
    async with world.factory() as uow:
        old = await add_upload(uow, "a.png", "image/png", b"\x89PNG")
        fresh = await add_upload(uow, "b.png", "image/png", b"\x89PNG")
        await uow.session.execute(
            update(UPLOADS)
            .where(UPLOADS.c.id == old)
            .values(created_at=uow.clock.now() - timedelta(days=30))
        )
        await uow.commit()
    result = await cleanup(world.factory, world.clock.now())
    assert result.uploads == 1
    async with world.factory() as uow:
        assert await load_upload(uow, old) is None
        assert await load_upload(uow, fresh) is not None


async def test_dispatch_to_two_agencies_reminds_each_group(world: World, texts: Catalogue) -> None:
    ticket = await world.submit()
    await world.act(dispatch_ticket, world.as_admin, ticket.id, [world.roads.id, world.env.id])
    world.clock.set(wib(3, 9))
    before = await outbox_mark(world)
    from scheduler.sla_scan import sla_scan

    await sla_scan(world.factory, world.life, texts, world.clock.now())
    assert sorted(m.chat_id for m in await outbox_after(world, before)) == [ENV_GROUP, ROADS_GROUP]
