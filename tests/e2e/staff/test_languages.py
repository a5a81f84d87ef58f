"""Every chat reads the bot in its own language: a group the one set there with /lang (by an
admin or the agency's supervisor, checked on every use), a person theirs, whoever caused it."""

from __future__ import annotations

import re
from typing import Any

from domain.model import Staff
from domain.roles import Role
from domain.usecases import Actor, dispatch_ticket
from tests.e2e.harness import Harness
from tests.e2e.staff.city import TEXTS, WAIT, City, button, buttons, staffed_city

LINK = re.compile(r"https://t\.me/\w+\?start=s_([A-Za-z0-9_-]+)")


def en(key: str, **args: Any) -> str:
    return TEXTS.plain("en", key, **args)


def id_(key: str, **args: Any) -> str:
    return TEXTS.plain("id", key, **args)


async def _said(city: City, chat: int, user: dict, command: str, args: str = "") -> str:
    """The bot's answer to a command in a chat."""
    before = len(await city.client.messages(chat))
    await city.client.send_command(user["id"], command, args, chat_id=chat)
    return (await city.client.wait_for_messages(chat, before + 1, timeout=WAIT))[-1]["text"]


async def test_each_group_reads_its_own_language(bot: Harness) -> None:
    city = await staffed_city(bot)
    gb, ga, b1, b2 = city.group_b, city.group_a, city.officer_b, city.officer_b2

    # An officer may not change the group's language; PDAM's supervisor may, in PDAM's group.
    assert await _said(city, gb, b1, "lang", "en") == id_("staff-denied")
    assert await _said(city, gb, b2, "lang", "en") == en(
        "staff-group-lang-set", language=en("language-name", code="en")
    )
    await city.client.add_member(ga, b2["id"])
    assert await _said(city, ga, b2, "lang", "en") == id_("staff-denied")  # not their group
    assert en("staff-group-lang-now", language="🇬🇧 English") in await _said(city, gb, b1, "help")
    assert id_("staff-help-agency") in await _said(city, ga, city.officer_a, "help")

    ticket = await city.file()
    async with bot.db.uow() as uow:
        admin = await uow.staff.get_by_telegram_id(city.admin["id"])
        assert admin is not None
        await dispatch_ticket(
            uow, city.life, Actor.staff(admin), ticket.id, [city.ids["dpupr"], city.ids["pdam"]]
        )
        await uow.commit()
    city.wake()

    # PDAM's card is in English, DPUPR's in Indonesian, from the same change.
    card_b = await city.card(gb, ticket.code)
    card_a = await city.card(ga, ticket.code)
    assert en("staff-share-dispatched") in card_b["text"]
    assert id_("staff-share-dispatched") in card_a["text"]
    labels_b = [b["text"] for row in card_b["reply_markup"]["inline_keyboard"] for b in row]
    assert en("staff-btn-claim") in labels_b

    # And so are the prompts: each officer is asked in their group's language.
    await city.press(b1, gb, card_b["message_id"], f"tw1:claim:{ticket.id}")
    card_b = await city.card_shows(
        gb, card_b["message_id"], lambda m: "claim" not in str(buttons(m))
    )
    await city.press(b1, gb, card_b["message_id"], button(card_b, "tw1:info"))
    await city.message_with(gb, "reply to this message with your question")
    await city.press(city.officer_a, ga, card_a["message_id"], f"tw1:claim:{ticket.id}")
    card_a = await city.card_shows(
        ga, card_a["message_id"], lambda m: "claim" not in str(buttons(m))
    )
    await city.press(city.officer_a, ga, card_a["message_id"], button(card_a, "tw1:info"))
    await city.message_with(ga, "balas pesan ini dengan pertanyaan")


async def test_the_inviter_hears_who_joined_in_their_own_language(bot: Harness) -> None:
    city = await staffed_city(bot)
    c = city.client
    sam = await c.create_user("Sam", language_code="en")  # an admin whose Telegram is English
    async with bot.db.uow() as uow:
        await uow.staff.add(
            Staff(sam["id"], "Sam", Role.ADMIN, bot.clock.now(), agency_id=city.ids["ulas"])
        )
        await uow.commit()

    before = len(await c.messages(sam["id"]))
    await c.send_command(sam["id"], "invite", "dpupr officer")
    link = (await c.wait_for_messages(sam["id"], before + 1, timeout=WAIT))[-1]["text"]
    assert link.startswith("Invite link for a new officer")
    token = LINK.search(link)
    assert token is not None

    budi = await c.create_user("Budi", language_code="id")  # the newcomer reads Indonesian
    await c.start(budi["id"], f"s_{token.group(1)}")
    welcome = (await c.wait_for_messages(budi["id"], 1, timeout=WAIT))[-1]["text"]
    assert welcome.startswith("Selamat datang")
    agency = "Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR)"
    joined = en("staff-invite-accepted", name="Budi", agency=agency, role=en("staff-role-officer"))
    assert joined.startswith("✅ Budi joined")
    await city.message_with(sam["id"], joined)
