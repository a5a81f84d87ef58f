"""A complaint from filing to the citizen's rating, worked by the unit and two agencies in
their Telegram groups: the cards, their edits, every relay, and the audit trail."""

from __future__ import annotations

import asyncio
from typing import Any

from playground.emulator.client import EmulatorClient
from tests.e2e.harness import Harness
from tests.e2e.staff.city import JSON, PNG, TEXTS, WAIT, button, buttons, staffed_city, t


async def _with_button(client: Any, chat: int, label: str) -> dict | None:
    """The newest message in the chat offering a button with this label."""
    for message in reversed(await client.messages(chat)):
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        if any(b.get("text") == label for row in rows for b in row):
            return message
    return None


def _texts(messages: list[dict]) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in messages]


async def test_round_trip_through_the_unit_and_two_agencies(bot: Harness) -> None:
    city = await staffed_city(bot)
    c, admin, a1, b1, b2 = city.client, city.admin, city.officer_a, city.officer_b, city.officer_b2
    ug, ga, gb = city.admin_group, city.group_a, city.group_b
    dpupr, pdam = city.ids["dpupr"], city.ids["pdam"]

    ticket = await city.file(photos=[await city.photo(city.citizen["id"])])
    tid, code = ticket.id, ticket.code
    assert tid is not None

    # The unit's card: description, reporter's name (the unit verifies), the three buttons,
    # and the citizen's photo just above it.
    card = await city.card(ug, code)
    assert "Slamet Riyadi" in card["text"] and "Budi Test" in card["text"]
    assert [d.split(":")[1] for d in buttons(card)] == ["verify", "hold", "reject"]
    assert any("photo" in m for m in await c.messages(ug))

    # Verify & send: the picker starts with the category's default agency; add PDAM; send.
    answer = await city.press(admin, ug, card["message_id"], button(card, "tq1:verify"))
    assert answer["text"] == TEXTS.text("id", "staff-answer-pick")
    picker = await city.card_shows(
        ug, card["message_id"], lambda m: f"ts1:{tid}:{dpupr}" in buttons(m)
    )
    await city.press(admin, ug, card["message_id"], f"tp1:{tid}:{dpupr}:{pdam}")
    both = "_".join(str(i) for i in sorted((dpupr, pdam)))
    picker = await city.card_shows(
        ug, card["message_id"], lambda m: f"ts1:{tid}:{both}" in buttons(m)
    )
    await city.press(admin, ug, picker["message_id"], f"ts1:{tid}:{both}")
    card = await city.card_shows(ug, card["message_id"], lambda m: not buttons(m))
    assert t("staff-status-dispatched") in card["text"] and "Sari Test" in card["text"]

    # Each agency gets its card; neither sees the reporter's name.
    card_a, card_b = await city.card(ga, code), await city.card(gb, code)
    for agency_card in (card_a, card_b):
        assert "Budi" not in agency_card["text"] and "Reporter #" in agency_card["text"]
        assert [d.split(":")[1] for d in buttons(agency_card)] == [
            "claim",
            "reply",
            "info",
            "resolve",
            "notours",
        ]

    # Two PDAM staff press Claim at the same moment: exactly one wins, the other is told who.
    q1, q2 = await asyncio.gather(
        c.press_button(b1["id"], card_b["message_id"], data=f"tw1:claim:{tid}", chat_id=gb),
        c.press_button(b2["id"], card_b["message_id"], data=f"tw1:claim:{tid}", chat_id=gb),
    )
    answers = [await c.wait_for_callback_answer(q["id"], WAIT) for q in (q1, q2)]
    won = [a for a in answers if a["text"] == TEXTS.text("id", "staff-answer-claimed")]
    lost = [a for a in answers if a.get("show_alert")]
    assert len(won) == 1 and len(lost) == 1 and "Test" in lost[0]["text"]
    card_b = await city.card_shows(
        gb, card_b["message_id"], lambda m: "claim" not in str(buttons(m))
    )

    # Officer A claims, answers in public, asks for information.
    await city.press(a1, ga, card_a["message_id"], f"tw1:claim:{tid}")
    await city.card_shows(ga, card_a["message_id"], lambda m: "Andi Test" in m["text"])
    await city.reply(a1, ga, card_a["message_id"], "Kami akan cek lokasi besok pagi.")
    await city.message_with(ga, t("staff-done-reply"))
    # Two photos as one album: one reply to the citizen (the second photo joins it).
    await c.send_album(
        a1["id"], [PNG + b"a", PNG + b"b"], chat_id=ga, reply_to=card_a["message_id"]
    )
    more = f"Foto lain untuk {code}"  # notice-more-photos, HTML rendered
    await city.eventually(lambda: _photos_with(c, city.citizen["id"], more, 1))
    assert len(_all_with(await c.messages(ga), t("staff-done-reply"))) == 2
    await city.press(a1, ga, card_a["message_id"], f"tw1:info:{tid}")
    prompt = await city.linked(await city.message_with(ga, "balas pesan ini dengan pertanyaan"))
    assert "reply_to_message" in prompt
    await city.reply(a1, ga, prompt["message_id"], "Di sisi jalan yang mana tepatnya?")
    await city.message_with(ga, t("staff-done-info"))
    citizen_chat = city.citizen["id"]
    question = await city.linked(
        await city.message_with(citizen_chat, "Di sisi jalan yang mana tepatnya?")
    )

    # The citizen answers in their chat, replying to the question: it appears under DPUPR's
    # card (and PDAM's: both are working on it).
    await c.send_text(citizen_chat, "Sisi utara, dekat halte.", reply_to=question["message_id"])
    relay = await city.message_with(ga, "Sisi utara, dekat halte.")
    assert relay["reply_to_message"]["message_id"] == card_a["message_id"]
    await city.message_with(gb, "Sisi utara, dekat halte.")

    # An internal note stays internal.
    await c.send_command(
        a1["id"],
        "note",
        "Perlu alat berat, koordinasi dengan Dishub.",
        chat_id=ga,
        reply_to=card_a["message_id"],
    )
    await city.message_with(ga, t("staff-done-note"))

    # Resolve: a photo without a note is refused; with a note (as caption) it counts.
    await city.press(a1, ga, card_a["message_id"], f"tw1:resolve:{tid}")
    resolve_prompt = await city.linked(
        await city.message_with(ga, "balas pesan ini dengan catatan penyelesaian")
    )
    await c.send_photo(a1["id"], PNG, chat_id=ga, reply_to=resolve_prompt["message_id"])
    await city.message_with(ga, t("staff-resolve-needs-note"))
    assert (await city.ticket(tid)).status.value == "in_progress"
    # An album, as Telegram's apps send one: a message per photo, the note on the first.
    album = [PNG + bytes([k]) for k in range(3)]
    parts = await c.send_album(
        a1["id"],
        album,
        caption="Lubang sudah ditambal aspal hari ini.",
        chat_id=ga,
        reply_to=resolve_prompt["message_id"],
    )
    await city.message_with(ga, t("staff-done-resolve"))
    await city.eventually(lambda: _photos_with(c, citizen_chat, more, 3))
    assert len(_all_with(await c.messages(ga), t("staff-resolve-needs-note"))) == 1  # as before
    await city.card_shows(ga, card_a["message_id"], lambda m: not buttons(m))

    # PDAM resolves its part too; now the ticket waits for the citizen, who confirms and rates.
    await city.press(b1, gb, card_b["message_id"], f"tw1:resolve:{tid}")
    b_prompt = await city.linked(
        await city.message_with(gb, "balas pesan ini dengan catatan penyelesaian")
    )
    await city.reply(b1, gb, b_prompt["message_id"], "Pipa bocor sudah diganti.")
    await city.message_with(gb, t("staff-done-resolve"))
    assert (await city.ticket(tid)).status.value == "resolved"
    # The citizen confirms the fix and rates it, with the buttons in their chat.
    yes = TEXTS.text("id", "btn-solved-yes")
    resolved = await city.eventually(lambda: _with_button(c, citizen_chat, yes))
    await c.press_button(citizen_chat, resolved["message_id"], text=yes)
    rating = await city.eventually(lambda: _with_button(c, citizen_chat, "5⭐"))
    await c.press_button(citizen_chat, rating["message_id"], text="5⭐")
    await city.message_with(citizen_chat, "5 ⭐")
    await c.send_text(citizen_chat, "Cepat, terima kasih.")
    await city.message_with(citizen_chat, "Terima kasih atas penilaian Anda")
    stars = "★★★★★"
    await city.message_with(ga, stars)
    await city.message_with(gb, stars)
    await city.card_shows(ug, card["message_id"], lambda m: t("staff-status-closed") in m["text"])

    # The citizen heard every public step, from the agencies, never the note or a name.
    seen = "\n".join(_texts(await c.messages(citizen_chat)))
    for fragment in (
        code,
        "Kami akan cek lokasi besok pagi.",
        "Di sisi jalan yang mana",
        "Lubang sudah ditambal",
        "Pipa bocor sudah diganti",
    ):
        assert fragment in seen, fragment
    assert "alat berat" not in seen and "Andi" not in seen and "Bayu" not in seen

    # The audit trail: one event per step, in order, internal ones marked.
    events = await city.events(tid)
    assert [e.action for e in events] == [
        "submit",
        "dispatch",
        "claim",
        "claim",
        "reply",
        "reply",
        "album_photos",
        "request_info",
        "citizen_add_info",
        "note",
        "resolve",
        "album_photos",
        "album_photos",
        "resolve",
        "confirm",
        "rate",
    ]
    assert [e.action for e in events if not e.public] == ["note"]
    by_action = {e.action: e for e in events}
    assert by_action["dispatch"].actor_id == city.staff_ids[admin["id"]]
    assert by_action["note"].actor_id == city.staff_ids[a1["id"]]
    resolves = [e for e in events if e.action == "resolve"]
    assert {e.agency_id for e in resolves} == {dpupr, pdam}
    # Every photo of the album is kept, with the resolution it documents.
    a_resolve = next(e for e in resolves if e.agency_id == dpupr)
    extras = [e for e in events if e.data.get("album_event_id") == a_resolve.id]
    assert len(extras) == 2 and {e.action for e in extras} == {"album_photos"}
    documenting = {a_resolve.id, *(e.id for e in extras)}
    kept = [a for a in await city.attachments(tid) if a.event_id in documenting]
    sent = {p["photo"][-1]["file_unique_id"] for p in parts}
    assert len(kept) == 3 and len(sent) == 3


def _all_with(messages: list[JSON], text: str) -> list[JSON]:
    return [m for m in messages if text in (m.get("text") or m.get("caption") or "")]


async def _photos_with(c: EmulatorClient, chat: int, caption: str, count: int) -> bool:
    found = [m for m in _all_with(await c.messages(chat), caption) if m.get("photo")]
    return len(found) >= count
