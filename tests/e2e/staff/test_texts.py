"""People's words reach other people as they were typed and whole: a name full of markup, a
reply as long as Telegram lets an officer write (4,096 characters: with its heading, more than
one message holds), a 3,000-character resolution note, 3,000 characters of added
information. The emulator parses every message as Telegram does, so a single unescaped `<`
would make the send fail and the test time out."""

from __future__ import annotations

import re
from typing import Any

from domain.model import Staff
from domain.usecases import Actor, dispatch_ticket, verify_ticket
from tests.e2e.citizen.chat import GOOD_DESCRIPTION, INSIDE, Chat, text_of
from tests.e2e.harness import Harness
from tests.e2e.staff.city import WAIT, City, button, staffed_city, t

NAME = "<i>Ani</i> & <Co>"
SENTENCE = "Pipa bocor di <Jl. Slamet Riyadi> & sekitarnya sudah kami periksa bersama tim. "
REPLY = "\n\n".join(f"Bagian {n}: " + SENTENCE * 6 for n in range(1, 12))[:4096]
NOTE = ("Perbaikan selesai: lubang ditambal, aspal baru & marka <dicat ulang>. " * 60)[:3000]
INFO = ("Tambahan dari warga: air menggenang lagi pagi ini, 'parah' & licin. " * 60)[:3000]


def _flat(text: str) -> str:
    """Whitespace folded: Telegram trims each message, so a cut may lose a space."""
    return re.sub(r"\s+", " ", text).strip()


async def _as_admin(city: City, usecase: Any, *args: Any) -> Any:
    async with city.h.db.uow() as uow:
        admin = await uow.staff.get_by_telegram_id(city.admin["id"])
        assert isinstance(admin, Staff)
        result = await usecase(uow, city.life, Actor.staff(admin), *args)
        await uow.commit()
    city.wake()
    return result


async def _events(city: City, ticket_id: int, action: str) -> int:
    return len([e for e in await city.events(ticket_id) if e.action == action])


async def test_a_name_full_of_markup_is_greeted_files_and_shows_as_typed(bot: Harness) -> None:
    city = await staffed_city(bot)
    c = await Chat.open(bot, NAME)
    await c.command("start", "c_jalan")  # a QR poster's link: straight to the description
    greeting = await c.one()
    assert f"Halo {NAME}!" in text_of(greeting)
    await c.one()
    await c.say(GOOD_DESCRIPTION)
    privacy = await c.press_and_see_edit(await c.one(), c.t("btn-skip"))  # no photo
    privacy = await c.press_and_see_edit(privacy, c.t("btn-name-hidden"))  # share the name
    await c.press(privacy, c.t("btn-continue"))
    await c.one()  # the location question
    await bot.client.send_location(c.id, *INSIDE)
    await c.one()  # the location saved, and the contact question
    await c.say("lewati")  # no phone number
    summary = await c.until(GOOD_DESCRIPTION)
    await c.press(summary, c.t("btn-submit"))
    (ticket,) = await c.tickets()
    assert ticket.share_name

    unit_card = await city.card(city.admin_group, ticket.code)
    assert f"{NAME} (Reporter #" in unit_card["text"]
    await _as_admin(city, verify_ticket, ticket.id)
    agency_card = await city.card(city.group_a, ticket.code)
    assert f"{NAME} (Reporter #" in agency_card["text"]  # shared: the agency sees it verbatim
    assert "Ani" not in _entity_texts(agency_card)  # the name's tags stayed text


def _entity_texts(message: dict[str, Any]) -> list[str]:
    """What each entity of a message covers (offsets count UTF-16 code units)."""
    units = message["text"].encode("utf-16-le")
    return [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in message.get("entities", [])
    ]


async def test_long_texts_are_relayed_whole_in_order_as_one_event(bot: Harness) -> None:
    city = await staffed_city(bot)
    c, a1, ga, citizen = city.client, city.officer_a, city.group_a, city.citizen["id"]
    ticket = await city.file()
    tid = ticket.id
    assert tid is not None
    await _as_admin(city, dispatch_ticket, tid, [city.ids["dpupr"]])
    card = await city.card(ga, ticket.code)
    await city.press(a1, ga, card["message_id"], f"tw1:claim:{tid}")
    await city.message_with(citizen, "sedang ditangani")  # the claim's notice came first
    seen = len(await c.messages(citizen))

    # The longest reply an officer can send: with its heading, two messages, in order.
    await city.reply(a1, ga, card["message_id"], REPLY)
    await city.message_with(ga, t("staff-done-reply"))
    parts = (await c.wait_for_messages(citizen, seen + 2, timeout=WAIT))[seen:]
    first, second = parts[0]["text"], parts[1]["text"]
    heading = "💬 Balasan dari Dinas Pekerjaan Umum"
    assert first.startswith(heading) and heading not in second
    assert parts[0]["message_id"] < parts[1]["message_id"]
    assert _flat(REPLY) in _flat(first + " " + second)
    assert len(first) <= 4096 and len(second) <= 4096
    assert await _events(city, tid, "reply") == 1

    # 3,000 characters of added information, replying to the second part: the agency gets
    # all of it under its card.
    await city.linked(parts[1])
    await c.send_text(citizen, INFO, reply_to=parts[1]["message_id"])
    relayed = await city.message_with(ga, INFO[:100])
    assert _flat(INFO) in _flat(relayed["text"])
    assert relayed["reply_to_message"]["message_id"] == card["message_id"]
    assert await _events(city, tid, "citizen_add_info") == 1

    # A 3,000-character resolution note, answering the Resolve prompt.
    card = await city.card(ga, ticket.code)
    await city.press(a1, ga, card["message_id"], button(card, "tw1:resolve"))
    prompt = await city.linked(await city.message_with(ga, "catatan penyelesaian"))
    seen = len(await c.messages(citizen))
    await city.reply(a1, ga, prompt["message_id"], NOTE)
    await city.message_with(ga, t("staff-done-resolve"))
    notices = (await c.wait_for_messages(citizen, seen + 1, timeout=WAIT))[seen:]
    resolved = " ".join(m["text"] for m in notices)
    assert _flat(NOTE) in _flat(resolved)
    assert notices[-1]["reply_markup"]["inline_keyboard"]  # Yes / Not yet under the last part
    assert await _events(city, tid, "resolve") == 1
