"""Every staff command writes its record: an admin audit log entry, or (for actions in a
ticket's life) a ticket event by the person who ran it. Refusals are recorded too.

The commands come from the router itself (`Router.commands()`), so a new staff command without
a case here fails `test_every_command_is_known`, and one that records nothing fails the
others. Runs through `Conversations.handle`, the runtime's entry point, on SQLite and
PostgreSQL (the report and link machinery is SQL-only).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from domain.model import Staff, Template
from domain.roles import Role
from domain.status import TicketStatus
from domain.usecases import claim_ticket, dispatch_ticket
from handlers.routes import build_router
from tests.backends import sql_backend
from tests.usecases.commands import CommandBot
from tests.usecases.world import World, build_world

NEW_GROUP = -100777
# Commands anyone may send (citizens' own, and harmless ones); each answers for itself.
PUBLIC = {"start", "new", "my", "status", "cancel", "lang", "help", "privacy", "mydata", "ping"}


@pytest.fixture(params=["sqlite", "postgres"])
async def w(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    async with sql_backend(request.param, tmp_path) as factory:
        world = await build_world(factory)
        async with factory() as uow:  # codes as a seed file writes them (lowercase)
            for agency in (world.unit, world.roads, world.env):
                agency.code = agency.code.lower()
                await uow.agencies.save(agency)
            await uow.commit()
        yield world


# --- one case per staff command: how to run it successfully, and as whom -------------------

Setup = Callable[[CommandBot], Awaitable[tuple[Staff, str, dict]]]


async def ticket_case(bot: CommandBot, template: str) -> tuple[Staff, str, dict]:
    ticket = await bot.w.submit()
    return bot.w.admin, template.format(code=ticket.code), {}


async def dispatched(bot: CommandBot) -> tuple[int, str]:
    w = bot.w
    ticket = await w.submit()
    assert ticket.id is not None and w.roads.id is not None
    await w.act(dispatch_ticket, w.as_admin, ticket.id, [w.roads.id])
    await w.act(claim_ticket, w.as_roads, ticket.id)
    async with w.factory() as uow:
        await uow.links.add(  # type: ignore[attr-defined]
            chat_id=w.chat_of(w.roads),
            message_id=900 + ticket.id,
            ticket_id=ticket.id,
            purpose="card",
            agency_id=w.roads.id,
        )
        await uow.commit()
    return ticket.id, ticket.code


async def note_case(bot: CommandBot) -> tuple[Staff, str, dict]:
    ticket_id, _ = await dispatched(bot)
    chat = bot.w.chat_of(bot.w.roads)
    return bot.w.roads_officer, "/note Sudah dicek ke lokasi.", {"chat": chat, "reply": ticket_id}


async def tpl_case(bot: CommandBot) -> tuple[Staff, str, dict]:
    ticket_id, _ = await dispatched(bot)
    async with bot.w.factory() as uow:
        await uow.templates.add(Template("cek", "Kami cek besok.", bot.w.roads.id))
        await uow.commit()
    chat = bot.w.chat_of(bot.w.roads)
    return bot.w.roads_officer, "/tpl cek", {"chat": chat, "reply": ticket_id}


def cases() -> dict[str, list[Setup]]:
    def admin(args: str) -> Setup:
        async def setup(bot: CommandBot) -> tuple[Staff, str, dict]:
            return bot.w.admin, args, {}

        return setup

    def on_ticket(template: str) -> Setup:
        return lambda bot: ticket_case(bot, template)

    async def staff_remove(bot: CommandBot) -> tuple[Staff, str, dict]:
        return bot.w.admin, f"/staff remove {bot.w.env_officer.id}", {}

    async def unban(bot: CommandBot) -> tuple[Staff, str, dict]:
        return bot.w.admin, f"/unban {bot.w.citizen.id}", {}

    async def ban(bot: CommandBot) -> tuple[Staff, str, dict]:
        return bot.w.admin, f"/ban {bot.w.other_citizen.id}", {}

    async def link(bot: CommandBot) -> tuple[Staff, str, dict]:
        return bot.w.admin, "/link dlh", {"chat": NEW_GROUP}

    async def forget(bot: CommandBot) -> tuple[Staff, str, dict]:
        """A superadmin's erasure request for a reporter (the citizen's own /forget, without
        a number, is theirs to send: see tests/scheduler/test_data_rights.py)."""
        async with bot.w.factory() as uow:
            now = bot.w.clock.now()
            superadmin = Staff(105, "Super Ani", Role.SUPERADMIN, now, bot.w.unit.id)
            superadmin = await uow.staff.add(superadmin)
            await uow.commit()
        return superadmin, f"/forget {bot.w.other_citizen.id}", {}

    async def transfer(bot: CommandBot) -> tuple[Staff, str, dict]:
        _, code = await dispatched(bot)
        return bot.w.admin, f"/transfer {code} dlh Bukan jalan", {}

    return {
        "pending": [admin("/pending")],
        "ticket": [on_ticket("/ticket {code}")],
        "audit": [on_ticket("/audit {code}")],
        "assign": [on_ticket("/assign {code} dpu")],
        "transfer": [transfer],
        "ban": [ban],
        "unban": [unban],
        "agencies": [admin("/agencies")],
        "agency": [admin("/agency add pupr Dinas PUPR")],
        "categories": [admin("/categories")],
        "category": [admin("/category add lampu dpu Lampu jalan mati")],
        "template": [admin("/template add all salam Terima kasih atas laporan Anda.")],
        "sla": [admin("/sla"), admin("/sla verify 2wd"), admin("/sla road resolve 3wd")],
        "invite": [admin("/invite dpu officer")],
        "staff": [admin("/staff"), staff_remove],
        "link": [link],
        "auditlog": [admin("/auditlog"), admin("/auditlog 30")],
        "report": [admin("/report")],
        "poster": [admin("/poster"), admin("/poster road")],
        "export": [admin("/export 2026-10-01 2026-10-31")],
        "forget": [forget],
        "note": [note_case],
        "tpl": [tpl_case],
    }


def staff_commands() -> dict[str, str]:
    """Every staff command the router knows, with where it says it records its action."""
    found: dict[str, str] = {}
    for spec in build_router().commands():
        if spec.roles is not None:
            assert spec.record is not None
            assert found.setdefault(spec.name, spec.record) == spec.record, spec.name
    return found


def test_every_command_is_known() -> None:
    specs = build_router().commands()
    assert {s.name for s in specs if s.roles is None} <= PUBLIC
    assert set(staff_commands()) == set(cases())
    assert Role.ADMIN in next(s.roles for s in specs if s.name == "auditlog" and s.roles)


@pytest.mark.parametrize("name", sorted(cases()))
async def test_each_staff_command_records_what_it_did(w: World, name: str) -> None:
    bot = CommandBot(w)
    record = staff_commands()[name]
    for setup in cases()[name]:
        who, line, where = await setup(bot)
        reply_to = None
        if "reply" in where:
            reply_to = 900 + where["reply"]
        entries_before = len(await bot.audit())
        events_before = await _events_by(bot, who)
        sent = await bot.send(who.telegram_id, line, chat=where.get("chat"), reply_to=reply_to)
        assert sent.text, f"{line}: no answer"
        new_entries = (await bot.audit())[entries_before:]
        if record == "audit_log":
            mine = [e for e in new_entries if e.actor_id == who.id]
            assert mine, f"{line} wrote no audit entry ({sent.text[:200]})"
            assert all(e.actor_role == who.role.value for e in mine)
            assert all(e.action != "command.refused" for e in mine), sent.text
        else:
            assert await _events_by(bot, who) > events_before, f"{line}: no ticket event"


async def _events_by(bot: CommandBot, who: Staff) -> int:
    async with bot.w.factory() as uow:
        tickets = await uow.tickets.list_by_status(list(TicketStatus), limit=1000)
        total = 0
        for ticket in tickets:
            events = await uow.events.for_ticket(ticket.id or 0)
            total += sum(1 for e in events if e.actor_id == who.id and e.actor_role == who.role)
    return total


@pytest.mark.parametrize(
    "name", sorted(n for n, record in staff_commands().items() if record == "audit_log")
)
async def test_a_refused_staff_command_is_recorded(w: World, name: str) -> None:
    bot = CommandBot(w)
    citizen = w.citizen
    chat = NEW_GROUP if name == "link" else None
    sent = await bot.send(citizen.telegram_id, f"/{name} x", chat=chat)
    assert sent.text
    refused = [e for e in await bot.audit() if e.action == "command.refused"]
    assert [(e.actor_role, e.actor_id, e.actor_name) for e in refused] == [
        ("citizen", citizen.id, "")  # by row id: the log never holds a citizen's name
    ]
    assert refused[0].after is not None and refused[0].after["command"] == name


async def test_setting_a_groups_language_is_recorded(w: World) -> None:
    """`/lang` in a group shows the language to anyone; changing it is an admin's action."""
    bot = CommandBot(w)
    chat = w.chat_of(w.roads)
    await bot.send(w.roads_officer.telegram_id, "/lang", chat=chat)
    assert await bot.audit() == []  # showing it is no action
    await bot.send(w.admin.telegram_id, "/lang en", chat=chat)
    [entry] = await bot.audit()
    assert (entry.action, entry.actor_id, entry.target) == (
        "group.language",
        w.admin.id,
        f"chat:{chat}",
    )
    assert (entry.before, entry.after) == ({"language": "id"}, {"language": "en"})
