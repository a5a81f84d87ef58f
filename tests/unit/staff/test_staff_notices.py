"""What the staff side queues for each change, on the in-memory store with the real notifier:
cards where they belong, edits addressed by link purpose, relays under cards, privacy."""

from __future__ import annotations

import pytest

from domain.outbound import Outbound, OutboundKind
from domain.usecases import (
    add_citizen_info,
    add_internal_note,
    claim_ticket,
    confirm_resolution,
    reopen_ticket,
    request_info,
    resolve_ticket,
    verify_ticket,
)
from handlers.notices import TicketNotifier
from handlers.texts import default_catalogue
from tests.fakes import InMemoryStore
from tests.usecases.world import World, build_world

UNIT_CHAT, ROADS_CHAT, ENV_CHAT = -1001, -1002, -1003


@pytest.fixture
async def w() -> World:
    store = InMemoryStore()
    world = await build_world(store.uow)
    world.life.notifier = TicketNotifier(default_catalogue())
    async with store.uow() as uow:
        for agency_id in (world.unit.id, world.roads.id, world.env.id):
            agency = await uow.agencies.get(agency_id or 0)
            assert agency is not None
            agency.group_active = True
            agency.group_is_forum = agency.id == world.env.id  # DLH's group is a forum
            await uow.agencies.save(agency)
        await uow.commit()
    return world


def to(messages: list[Outbound], chat: int) -> list[Outbound]:
    return [m for m in messages if m.chat_id == chat]


def cards(messages: list[Outbound], chat: int) -> list[Outbound]:
    return [m for m in to(messages, chat) if m.link_purpose == "card"]


async def test_a_new_complaint_is_a_card_in_the_unit_group(w: World) -> None:
    ticket = await w.submit(description="Lubang <b>besar</b> di depan pasar, dua minggu.")
    out = await w.outbox(ticket.id or 0)
    (card,) = cards(out, UNIT_CHAT)
    assert card.agency_id == w.unit.id and card.ticket_id == ticket.id
    assert "Warga Satu" in (card.text or "")  # the unit verifies: it sees the name
    assert "&lt;b&gt;besar&lt;/b&gt;" in (card.text or "")  # the citizen's text is escaped
    assert card.keyboard is not None
    assert [b.data.split(":")[1] for row in card.keyboard.rows for b in row if b.data] == [
        "verify",
        "hold",
        "reject",
    ]
    assert not to(out, ROADS_CHAT)


async def test_agencies_see_a_reporter_number_unless_the_name_is_shared(w: World) -> None:
    hidden = await w.submit(w.trash_category)  # auto-verified straight to DLH (a forum)
    shared = await w.submit(w.trash_category, share_name=True)
    for ticket, named in ((hidden, False), (shared, True)):
        out = await w.outbox(ticket.id or 0)
        topic, media_or_card = to(out, ENV_CHAT)[0], cards(out, ENV_CHAT)[0]
        assert topic.kind is OutboundKind.CREATE_TOPIC and topic.link_purpose == "topic"
        assert (topic.text or "").startswith(ticket.code)
        assert media_or_card.thread_link_purpose == "topic"
        assert ("Warga Satu" in (media_or_card.text or "")) is named
        assert "Reporter #" in (media_or_card.text or "")
        assert not cards(out, UNIT_CHAT)  # auto-verified: no queue card


async def test_changes_edit_the_cards_they_touch(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    await w.act(verify_ticket, w.as_admin, tid)
    out = await w.outbox(tid)
    (unit_edit,) = [m for m in to(out, UNIT_CHAT) if m.kind is OutboundKind.EDIT_TEXT]
    assert unit_edit.edit_link_purpose == "card" and unit_edit.edit_message_id is None
    assert unit_edit.keyboard is None  # dispatched: nothing left to press in the queue
    assert len(cards(out, ROADS_CHAT)) == 1

    await w.act(claim_ticket, w.as_roads, tid)
    out = await w.outbox(tid)
    roads_edits = [m for m in to(out, ROADS_CHAT) if m.kind is OutboundKind.EDIT_TEXT]
    assert len(roads_edits) == 1 and "Budi" in (roads_edits[0].text or "")
    assert len([m for m in to(out, UNIT_CHAT) if m.kind is OutboundKind.EDIT_TEXT]) == 1


async def test_notes_stay_with_staff_and_answers_go_under_the_card(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    await w.act(verify_ticket, w.as_admin, tid)
    await w.act(add_internal_note, w.as_roads, tid, "Rahasia: butuh alat berat.")
    await w.act(request_info, w.as_roads, tid, "Sisi mana?")
    await w.act(add_citizen_info, w.as_citizen, tid, "Sisi utara.")
    out = await w.outbox(tid)
    citizen = to(out, w.citizen.chat_id)
    assert not any("Rahasia" in (m.text or "") for m in citizen)
    (relay,) = [m for m in to(out, ROADS_CHAT) if "Sisi utara." in (m.text or "")]
    assert relay.link_purpose == "relay" and relay.reply_link_purpose == "card"
    assert relay.agency_id == w.roads.id


async def test_reopen_flags_the_group_and_tells_the_supervisor(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    await w.act(verify_ticket, w.as_admin, tid)
    await w.act(resolve_ticket, w.as_roads, tid, "Sudah ditambal.")
    await w.act(reopen_ticket, w.as_citizen, tid, "Masih berlubang.")
    out = await w.outbox(tid)
    supervisor = to(out, w.roads_supervisor.telegram_id)
    assert len(supervisor) == 1 and "Masih berlubang." in (supervisor[0].text or "")
    assert any("Masih berlubang." in (m.text or "") for m in to(out, ROADS_CHAT))


async def test_confirmation_is_posted_under_the_agency_card(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    await w.act(verify_ticket, w.as_admin, tid)
    await w.act(resolve_ticket, w.as_roads, tid, "Sudah ditambal.")
    await w.act(confirm_resolution, w.as_citizen, tid, rating=4)
    posts = [m for m in to(await w.outbox(tid), ROADS_CHAT) if "★★★★☆" in (m.text or "")]
    assert len(posts) == 1 and posts[0].reply_link_purpose == "card"


async def test_an_agency_without_a_group_is_reported_to_the_unit(w: World) -> None:
    async with w.factory() as uow:
        roads = await uow.agencies.get(w.roads.id or 0)
        assert roads is not None
        roads.group_active = False
        await uow.agencies.save(roads)
        await uow.commit()
    ticket = await w.submit()
    await w.act(verify_ticket, w.as_admin, ticket.id or 0)
    async with w.factory() as uow:
        alerts = [m for m in uow.store.outbox if m.chat_id == UNIT_CHAT and m.ticket_id is None]
    assert any(ticket.code in (m.text or "") for m in alerts)
