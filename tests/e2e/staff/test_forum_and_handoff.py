"""A forum-group agency works each ticket in its own topic; "not ours" passes a ticket to the
agency an officer names, or back to the complaint unit, and the citizen is told who has it."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.staff.city import City, button, buttons, staffed_city, t


async def _verify(city: City, code: str) -> None:
    """The admin sends a ticket to its category's default agency (DPUPR for roads)."""
    card = await city.card(city.admin_group, code)
    await city.press(city.admin, city.admin_group, card["message_id"], button(card, "tq1:verify"))
    picker = await city.card_shows(
        city.admin_group, card["message_id"], lambda m: "ts1:" in str(buttons(m))
    )
    await city.press(city.admin, city.admin_group, card["message_id"], button(picker, "ts1:"))


async def test_forum_topics_and_not_ours(bot: Harness) -> None:
    city = await staffed_city(bot, forum_a=True)
    c, a1, b1, ga, gb = city.client, city.officer_a, city.officer_b, city.group_a, city.group_b
    first = await city.file(photos=[await city.photo(city.citizen["id"])])
    second = await city.file()
    assert first.id is not None and second.id is not None
    await _verify(city, first.code)
    await _verify(city, second.code)

    # One topic per ticket, named after it; each card inside its own topic.
    card = await city.card(ga, first.code)
    other = await city.card(ga, second.code)
    topic, other_topic = card["message_thread_id"], other["message_thread_id"]
    assert topic != other_topic
    topics = (await c.chat_info(ga))["topics"]
    names = {str(tp["message_thread_id"]): tp["name"] for tp in _topic_list(topics)}
    assert names[str(topic)].startswith(f"{first.code} · ")
    assert names[str(other_topic)].startswith(f"{second.code} · ")

    # Claim, a public reply, the citizen's added info, a note, then "not ours" naming PDAM:
    # every message about the first ticket stays in its topic.
    tid = first.id
    await city.press(a1, ga, card["message_id"], f"tw1:claim:{tid}")
    await city.card_shows(ga, card["message_id"], lambda m: "Andi Test" in m["text"])
    await city.reply(a1, ga, card["message_id"], "Kami cek hari ini.", thread_id=topic)
    await city.message_with(ga, t("staff-done-reply"))
    await c.send_command(a1["id"], "tpl", chat_id=ga, thread_id=topic)
    listing = await city.message_with(ga, "Perbaikan dijadwalkan")
    assert "Gangguan aliran" not in listing["text"]  # PDAM's own template
    await c.send_command(
        a1["id"],
        "tpl",
        "perbaikan dijadwalkan",
        chat_id=ga,
        thread_id=topic,
        reply_to=card["message_id"],
    )
    await city.message_with(city.citizen["id"], "Perbaikan sudah kami jadwalkan")
    await city.add_info(tid, "Tambahan: ada dua lubang.")
    await city.message_with(ga, "Tambahan: ada dua lubang.")
    await city.press(a1, ga, card["message_id"], f"tw1:notours:{tid}")
    prompt = await city.linked(await city.message_with(ga, "pdam"))
    assert prompt["message_thread_id"] == topic
    await city.reply(a1, ga, prompt["message_id"], "pdam: Pipa air milik PDAM.", thread_id=topic)
    await city.message_with(ga, t("staff-done-notours"))
    await city.card_shows(ga, card["message_id"], lambda m: not buttons(m))
    about_first = [m for m in await c.messages(ga) if m.get("message_thread_id") == topic]
    assert len(about_first) >= 9  # topic, photo, card, done, list, done, relay, prompt, done
    for m in await c.messages(ga):
        thread = m.get("message_thread_id")
        if thread is None:
            assert "/link" in m["text"]  # the greeting when the bot joined
        elif thread == other_topic:
            assert "forum_topic_created" in m or second.code in m["text"]
        else:
            assert thread == topic, m

    # The citizen hears which agency has it now; PDAM gets a card (a plain group: no topic).
    told = await city.message_with(city.citizen["id"], "Perumda Air Minum Toya Wening (PDAM)")
    assert first.code in told["text"] and "🔀" in told["text"]
    card_b = await city.card(gb, first.code)
    assert "message_thread_id" not in card_b

    # PDAM says "not ours" without naming anyone: back to the complaint unit's queue.
    await city.press(b1, gb, card_b["message_id"], f"tw1:notours:{tid}")
    prompt_b = await city.linked(await city.message_with(gb, "Kode:"))
    await city.reply(b1, gb, prompt_b["message_id"], "Bukan pipa kami, ini saluran warga.")
    await city.message_with(gb, t("staff-done-notours"))
    assert (await city.ticket(tid)).status.value == "submitted"
    requeued = [
        m
        for m in await c.messages(city.admin_group)
        if first.code in (m.get("text") or "") and "tq1:verify" in str(buttons(m))
    ]
    assert len(requeued) == 1  # a fresh card to act on
    actions = [e.action for e in await city.events(tid)]
    assert actions == [
        "submit",
        "verify",
        "claim",
        "reply",
        "reply",
        "citizen_add_info",
        "transfer",
        "hand_back",
    ]


def _topic_list(topics: object) -> list[dict]:
    if isinstance(topics, dict):
        return list(topics.values())
    assert isinstance(topics, list)
    return topics
