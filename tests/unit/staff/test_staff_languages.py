"""Each reader gets their own language from the same change: a group the one set there, a
supervisor or an admin in private theirs; and a refusal in a group names its limit in the
group's language."""

from __future__ import annotations

import pytest

from domain.outbound import Outbound
from domain.usecases import reopen_ticket, resolve_ticket, verify_ticket
from domain.usecases.steps import require_text
from handlers.alerts import alert_admins
from handlers.conversations import Conversations
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, UserRef
from handlers.notices import TicketNotifier
from handlers.router import Router
from handlers.texts import default_catalogue
from handlers.turn import Turn
from tests.fakes import InMemoryStore
from tests.usecases.world import World, build_world

UNIT_CHAT, ROADS_CHAT = -1001, -1002
TEXTS = default_catalogue()


@pytest.fixture
async def w() -> World:
    store = InMemoryStore()
    world = await build_world(store.uow)
    world.life.notifier = TicketNotifier(TEXTS)
    async with store.uow() as uow:
        for agency_id in (world.unit.id, world.roads.id):
            agency = await uow.agencies.get(agency_id or 0)
            assert agency is not None
            agency.group_active = True
            await uow.agencies.save(agency)
        await uow.chat_languages.set(ROADS_CHAT, "en")  # the roads group reads English
        supervisor = await uow.staff.get(world.roads_supervisor.id or 0)
        assert supervisor is not None
        supervisor.language = "en"
        await uow.staff.save(supervisor)
        await uow.commit()
    return world


def to(messages: list[Outbound], chat: int) -> list[str]:
    return [m.text or "" for m in messages if m.chat_id == chat]


async def test_one_change_speaks_each_groups_language(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    await w.act(verify_ticket, w.as_admin, tid)
    out = await w.outbox(tid)
    (roads_card,) = to(out, ROADS_CHAT)
    assert TEXTS.text("en", "staff-share-dispatched") in roads_card
    edits = to(out, UNIT_CHAT)
    assert all(TEXTS.text("en", "staff-status-dispatched") not in e for e in edits)
    assert TEXTS.text("id", "staff-status-dispatched") in edits[-1]


async def test_a_supervisor_reads_a_reopen_in_their_own_language_whole(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    await w.act(verify_ticket, w.as_admin, tid)
    await w.act(resolve_ticket, w.as_roads, tid, "Sudah ditambal.")
    reason = ("Masih berlubang & tergenang <lagi>. " * 113).strip()  # 4,067 characters
    await w.act(reopen_ticket, w.as_citizen, tid, reason)
    out = await w.outbox(tid)
    supervisor = to(out, w.roads_supervisor.telegram_id)
    assert len(supervisor) == 2  # a heading and 4,067 characters: two messages
    assert supervisor[0].startswith("🔁 Supervisor notice")
    group = [m for m in out if m.chat_id == ROADS_CHAT and "Masih berlubang" in (m.text or "")]
    assert [m.reply_link_purpose for m in group] == ["card", None]
    assert {m.link_purpose for m in group} == {"relay"}


async def test_alerts_reach_each_admin_in_their_language(w: World) -> None:
    async with w.factory() as uow:
        unit = await uow.agencies.get(w.unit.id or 0)
        assert unit is not None
        unit.group_active = False  # no admin group: every admin privately
        await uow.agencies.save(unit)
        admin = await uow.staff.get(w.admin.id or 0)
        assert admin is not None
        admin.language = "en"
        await uow.staff.save(admin)
        await alert_admins(uow, TEXTS, "staff-alert-failed", chat_id=-5, reason="<400 & x>")
        queued = list(uow.pending_outbox)  # type: ignore[attr-defined]
    (alert,) = [m for m in queued if m.chat_id == w.admin.telegram_id]
    assert alert.text == TEXTS.text("en", "staff-alert-failed", chat_id="-5", reason="<400 & x>")
    assert "&lt;400 &amp; x&gt;" in (alert.text or "")


async def test_a_refusal_in_a_group_names_the_limit_in_the_groups_language(w: World) -> None:
    router = Router()

    @router.command("note", private=False)
    async def refuse(turn: Turn) -> None:
        require_text("description", "x" * 2500, max_len=2000)

    conversations = Conversations(router, w.life, TEXTS)
    incoming = Incoming(
        update_id=1,
        kind=IncomingKind.COMMAND,
        chat=ChatRef(-1003, ChatType.SUPERGROUP),
        user=UserRef(w.roads_officer.telegram_id, "Budi", language_code="en"),
        command="note",
    )
    async with w.factory() as uow:
        turn = await conversations.handle(incoming, uow)  # type: ignore[arg-type]
    (said,) = [m.text for m in turn.queued]
    assert said == TEXTS.text(
        "id", "error-invalid-too-long", field="description", count=2500, max=2000
    )
    assert "2.000" in (said or "") and "Uraian" in (said or "")
