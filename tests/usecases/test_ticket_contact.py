"""A phone the citizen shared is shown by /ticket CODE in a private chat to the complaint unit's
admins and to the officer who claimed the ticket, never on a group card, each showing in the
audit log; everyone else is refused politely, in their own language. On every backend."""

from __future__ import annotations

import pytest

from domain.model import Staff, Ticket
from domain.usecases import claim_ticket, dispatch_ticket
from handlers.staff.cards import CardRenderer, load_context
from tests.usecases.commands import TEXTS, CommandBot
from tests.usecases.world import World

PHONE = "+6281234567890"


@pytest.fixture
async def claimed(world: World) -> Ticket:
    """A ticket with a shared phone, sent to roads and claimed by its first officer."""
    ticket = await world.submit(contact_phone=PHONE)
    assert ticket.id is not None and world.roads.id is not None
    await world.act(dispatch_ticket, world.as_admin, ticket.id, [world.roads.id])
    await world.act(claim_ticket, world.as_roads, ticket.id)
    return await world.ticket(ticket.id)


async def shown(bot: CommandBot) -> list[tuple[str, str, int | None, list[str]]]:
    return [
        (e.action, e.target, e.actor_id, (e.after or {}).get("fields", []))
        for e in await bot.audit()
        if e.action in ("citizen.data_shown", "ticket.view", "command.refused")
    ]


async def test_the_claiming_officer_sees_the_phone_in_private(
    world: World, claimed: Ticket
) -> None:
    bot = CommandBot(world)
    officer = world.roads_officer
    answer = await bot.send(officer.telegram_id, f"/ticket {claimed.code}")
    assert PHONE in answer.text
    assert claimed.code in answer.text
    assert world.citizen.name not in answer.text  # the citizen did not share their name
    assert await shown(bot) == [
        ("citizen.data_shown", f"citizen:{world.citizen.id}", officer.id, ["phone"])
    ]
    # Every use is a new showing, and a new record.
    await bot.send(officer.telegram_id, f"/ticket {claimed.code}")
    assert len(await shown(bot)) == 2


async def test_an_admin_sees_name_and_phone_in_private_only(world: World, claimed: Ticket) -> None:
    bot = CommandBot(world)
    admin = world.admin
    private = await bot.send(admin.telegram_id, f"/ticket {claimed.code}")
    assert PHONE in private.text and world.citizen.name in private.text
    group = await bot.send(
        admin.telegram_id, f"/ticket {claimed.code}", chat=world.chat_of(world.unit)
    )
    assert PHONE not in group.text
    assert TEXTS.text("id", "staff-contact-ask-privately", code=claimed.code) in group.text
    assert await shown(bot) == [
        ("citizen.data_shown", f"citizen:{world.citizen.id}", admin.id, ["name", "phone"]),
        ("ticket.view", f"ticket:{claimed.code}", admin.id, []),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
async def test_anyone_else_is_refused_politely_in_their_language(
    world: World, claimed: Ticket, language: str
) -> None:
    bot = CommandBot(world)
    others: list[Staff] = [world.roads_officer2, world.roads_supervisor, world.env_officer]
    for other in others:
        answer = await bot.send(other.telegram_id, f"/ticket {claimed.code}", language=language)
        assert answer.text == TEXTS.text(language, "staff-ticket-refused", code=claimed.code)
    citizen = await bot.send(
        world.citizen.telegram_id, f"/ticket {claimed.code}", language=language
    )
    assert citizen.text == TEXTS.text(world.citizen.language, "staff-denied")  # as chosen
    assert PHONE not in "".join(m.text or "" for m in await world.outbox(claimed.id or 0))
    refusals = await shown(bot)
    assert [(action, actor) for action, _, actor, _ in refusals] == [
        *[("command.refused", other.id) for other in others],
        ("command.refused", world.citizen.id),
    ]


async def test_the_role_is_checked_on_every_use(world: World, claimed: Ticket) -> None:
    bot = CommandBot(world)
    officer = world.roads_officer
    assert PHONE in (await bot.send(officer.telegram_id, f"/ticket {claimed.code}")).text
    async with world.factory() as uow:  # moved to another agency: the claim is not theirs now
        moved = await uow.staff.get(officer.id or 0)
        assert moved is not None
        moved.agency_id = world.env.id
        await uow.staff.save(moved)
        await uow.commit()
    again = await bot.send(officer.telegram_id, f"/ticket {claimed.code}")
    assert PHONE not in again.text
    assert again.text == TEXTS.text("en", "staff-ticket-refused", code=claimed.code)
    async with world.factory() as uow:  # removed from staff: a stranger now
        gone = await uow.staff.get(officer.id or 0)
        assert gone is not None
        gone.active, gone.agency_id = False, world.roads.id
        await uow.staff.save(gone)
        await uow.commit()
    assert (await bot.send(officer.telegram_id, f"/ticket {claimed.code}")).text == TEXTS.text(
        "en", "staff-denied"
    )


async def test_the_claiming_officer_is_not_shown_it_in_a_group(
    world: World, claimed: Ticket
) -> None:
    bot = CommandBot(world)
    answer = await bot.send(
        world.roads_officer.telegram_id, f"/ticket {claimed.code}", chat=world.chat_of(world.roads)
    )
    assert PHONE not in answer.text
    assert not [e for e in await bot.audit() if e.action == "citizen.data_shown"]


async def test_no_group_card_ever_shows_the_phone(world: World, claimed: Ticket) -> None:
    async with world.factory() as uow:
        ctx = await load_context(uow, claimed)
    for language in TEXTS.languages:
        render = CardRenderer(TEXTS, language, "Asia/Jakarta", world.clock.now())
        assert PHONE not in render.unit(ctx)[0]
        assert PHONE not in render.agency(ctx, world.roads.id or 0)[0]
    assert all(PHONE not in (m.text or "") for m in await world.outbox(claimed.id or 0))
