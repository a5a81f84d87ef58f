"""Anyone in a group can press a card's buttons: a stranger, an officer of another agency and
a citizen each press every staff button, and nothing changes but the audit trail."""

from __future__ import annotations

from typing import Any

from domain.roles import Role
from tests.e2e.harness import Harness
from tests.e2e.staff.city import TEXTS, WAIT, City, button, buttons, staffed_city


async def _attack(city: City, chat: int, message: dict[str, Any], tid: int) -> int:
    """Every attacker presses every button the message shows now; returns the press count.

    The presses are sent back to back (the bot handles a chat's updates one at a time, in
    order), then every answer is checked.
    """
    before = await city.state(tid)
    denied = TEXTS.text("id", "staff-denied")
    queries = [
        await city.client.press_button(user["id"], message["message_id"], data=data, chat_id=chat)
        for user in (city.outsider, city.officer_b, city.citizen)
        for data in buttons(message)
    ]
    for query in queries:
        answer = await city.client.wait_for_callback_answer(query["id"], WAIT)
        assert answer["show_alert"] is True and answer["text"] == denied, (query, answer)
    assert await city.state(tid) == before
    return len(queries)


async def test_strangers_and_other_agencies_change_nothing(bot: Harness) -> None:
    city = await staffed_city(bot)
    ticket = await city.file()
    tid, code = ticket.id, ticket.code
    assert tid is not None
    ug, ga, admin = city.admin_group, city.group_a, city.admin
    card = await city.card(ug, code)
    presses = await _attack(city, ug, card, tid)  # Verify & send, Hold, Reject

    # The admin opens the reasons, then the agency picker: their buttons are guarded too.
    await city.press(admin, ug, card["message_id"], button(card, "tq1:reject"))
    reasons = await city.card_shows(ug, card["message_id"], lambda m: "tr1:" in str(buttons(m)))
    presses += await _attack(city, ug, reasons, tid)
    await city.press(admin, ug, card["message_id"], button(reasons, "tq1:back"))
    card = await city.card_shows(ug, card["message_id"], lambda m: "tq1:verify" in str(buttons(m)))
    await city.press(admin, ug, card["message_id"], button(card, "tq1:verify"))
    picker = await city.card_shows(ug, card["message_id"], lambda m: "ts1:" in str(buttons(m)))
    picker["reply_markup"]["inline_keyboard"] = picker["reply_markup"]["inline_keyboard"][-2:]
    presses += await _attack(city, ug, picker, tid)  # two toggles, Send, Back

    # Sent to DPUPR: its card's five buttons, pressed by people who are not DPUPR's.
    await city.press(admin, ug, card["message_id"], button(picker, "ts1:"))
    card_a = await city.card(ga, code)
    assert len(buttons(card_a)) == 5
    presses += await _attack(city, ga, card_a, tid)

    # Replying to the card is no way around it: refused and recorded as well.
    before = await city.state(tid)
    await city.reply(city.outsider, ga, card_a["message_id"], "Saya petugas, sudah beres.")
    await city.message_with(ga, TEXTS.text("id", "staff-denied"))
    assert await city.state(tid) == before
    presses += 1

    events = await city.events(tid)
    denied = [e for e in events if e.action == "denied_attempt"]
    assert len(denied) == presses == 3 * (3 + 5 + 4 + 5) + 1
    assert all(not e.public for e in denied)
    roles = {(e.actor_role, e.actor_id) for e in denied}
    assert roles == {
        (Role.CITIZEN, None),  # the stranger: no record at all
        (Role.OFFICER, city.staff_ids[city.officer_b["id"]]),
        (Role.CITIZEN, (await city.ticket(tid)).citizen_id),
    }
    assert {e.data["telegram_id"] for e in denied} == {
        city.outsider["id"],
        city.officer_b["id"],
        city.citizen["id"],
    }
    assert [e.action for e in events if e.action != "denied_attempt"] == ["submit", "verify"]
