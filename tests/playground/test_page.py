"""The page itself, independent of any conversation: it shows the cast, sends what a Telegram
user can send, renders the bot's formatting safely, shows edits in place, follows forum
topics, and starts over on reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from playground.demo_world import GROUPS, persona
from tests.playground.driver import Playground
from tests.playground.images import photo_files

pytestmark = [pytest.mark.xdist_group("playground")]

CITIZEN = persona("citizen").user_id
FORUM = next(g for g in GROUPS if g.kind == "forum")


def start_citizen_chat(playground: Playground) -> None:
    """The citizen presses START, so the bot may write to them."""
    citizen = playground.pane(0)
    citizen.root.get_by_role("button", name="START").click()
    citizen.message("/start")
    citizen.message("Sari")  # the greeting: nothing else is on its way after it


def test_the_page_shows_three_chats_and_the_cast(playground: Playground) -> None:
    citizen, admin, agency = (playground.pane(i) for i in range(3))
    expect(citizen.root).to_have_attribute("data-chat", "private_citizen")
    expect(admin.root).to_have_attribute("data-chat", "admin_group")
    expect(agency.root).to_have_attribute("data-chat", "agency_a")
    expect(admin.root.locator(".persona-select")).to_contain_text("Rina")
    agency.show("agency_b")
    expect(agency.root.locator(".topic-wrap")).to_be_visible()
    expect(agency.root.locator(".persona-select")).to_contain_text("Dewi")
    start_citizen_chat(playground)


def test_bot_formatting_is_rendered_from_a_whitelist(playground: Playground) -> None:
    start_citizen_chat(playground)
    html = (
        "<b>bold</b> <i>italic</i> <u>under</u> <s>struck</s> <code>code</code> "
        '<a href="https://example.org/x">link</a> &lt;script&gt;alert(1)&lt;/script&gt; '
        "<tg-spoiler>spoiler</tg-spoiler>"
    )
    playground.bot_api("sendMessage", chat_id=CITIZEN, text=html, parse_mode="HTML")
    bubble = playground.pane(0).message("struck")
    for tag, text in [("b", "bold"), ("i", "italic"), ("u", "under"), ("s", "struck")]:
        expect(bubble.locator(f".text {tag}")).to_have_text(text)
    expect(bubble.locator(".text code")).to_have_text("code")
    expect(bubble.locator(".text a")).to_have_attribute("href", "https://example.org/x")
    expect(bubble.locator(".text")).to_contain_text("<script>alert(1)</script>")
    expect(playground.page.locator(".messages script")).to_have_count(0)
    expect(bubble.locator(".text > *")).to_have_count(6)  # the spoiler is plain text
    link = [{"type": "text_link", "offset": 0, "length": 5, "url": "javascript:alert(1)"}]
    playground.bot_api("sendMessage", chat_id=CITIZEN, text="click me", entities=link)
    expect(playground.pane(0).message("click me").locator("a")).to_have_count(0)


def test_edits_replace_the_bubble_in_place(playground: Playground) -> None:
    start_citizen_chat(playground)
    citizen = playground.pane(0)
    keyboard = {"inline_keyboard": [[{"text": "Old button", "callback_data": "x"}]]}
    sent = playground.bot_api(
        "sendMessage", chat_id=CITIZEN, text="Status: waiting", reply_markup=keyboard
    )
    bubble = citizen.root.locator(f'.msg[data-mid="{sent["message_id"]}"]')
    expect(bubble).to_contain_text("Status: waiting")
    count = citizen.messages.count()
    playground.bot_api(
        "editMessageText",
        chat_id=CITIZEN,
        message_id=sent["message_id"],
        text="Status: <b>done</b>",
        parse_mode="HTML",
    )
    expect(bubble).to_contain_text("Status: done")
    expect(bubble.locator("b")).to_have_text("done")
    expect(bubble.locator(".inline-kb")).to_have_count(0)
    expect(citizen.messages).to_have_count(count)
    citizen.type("helo")
    mid = citizen.message("helo").get_attribute("data-mid")
    mine = citizen.root.locator(f'.msg[data-mid="{mid}"]')
    mine.click(position={"x": 8, "y": 8})
    citizen.root.locator(".msg-menu button", has_text="Edit").click()
    citizen.type("hello")
    expect(mine).to_contain_text("hello")


def test_what_the_page_sends_reaches_telegram(playground: Playground, tmp_path: Path) -> None:
    """Album, photo, location from the map, contact, reply and an inline button press."""
    start_citizen_chat(playground)
    citizen = playground.pane(0)
    citizen.root.locator(".composer .text").fill("two photos")
    citizen.upload(photo_files(tmp_path, 2))
    expect(citizen.root.locator(".msg.mine .media img")).to_have_count(2)
    citizen.attach("sample")
    expect(citizen.root.locator(".msg.mine .media img")).to_have_count(3)
    citizen.share_location(0.5, 0.5)
    citizen.message("Location")
    citizen.attach("contact")
    citizen.message("+62")
    citizen.reply(citizen.message("/start"), "a reply")
    keyboard = {"inline_keyboard": [[{"text": "Press me", "callback_data": "demo:1"}]]}
    playground.bot_api("sendMessage", chat_id=CITIZEN, text="Buttons", reply_markup=keyboard)
    citizen.press("Press me")

    sent = playground.sent(CITIZEN)
    albums = [m for m in sent if m.get("media_group_id")]
    assert len(albums) == 2 and albums[0]["media_group_id"] == albums[1]["media_group_id"]
    assert albums[0]["caption"] == "two photos"
    location = next(m["location"] for m in sent if "location" in m)
    assert 110.76 < location["longitude"] < 110.88 and -7.60 < location["latitude"] < -7.52
    assert next(m for m in sent if "contact" in m)["contact"]["user_id"] == CITIZEN
    reply = next(m for m in sent if m.get("text") == "a reply")
    assert reply["reply_to_message"]["text"] == "/start"
    playground.page.wait_for_function(
        "fetch('/_emulator/callbacks').then(r => r.json())"
        ".then(b => b.result.some(c => c.query.data === 'demo:1'))"
    )


def test_forum_topics_filter_and_receive_messages(playground: Playground) -> None:
    agency = playground.pane(2).show("agency_b")
    topic = playground.bot_api("createForumTopic", chat_id=FORUM.chat_id, name="ADU-DEMO01")
    thread = topic["message_thread_id"]
    playground.bot_api(
        "sendMessage", chat_id=FORUM.chat_id, message_thread_id=thread, text="Card in a topic"
    )
    playground.bot_api("sendMessage", chat_id=FORUM.chat_id, text="In General")
    agency.message("Card in a topic")
    agency.topic("ADU-DEMO01")
    agency.message("Card in a topic")
    agency.expect_no_message("In General")
    agency.type("officer note")
    sent = playground.sent(FORUM.chat_id)
    assert next(m for m in sent if m.get("text") == "officer note")["message_thread_id"] == thread


def test_reset_starts_over(playground: Playground) -> None:
    start_citizen_chat(playground)
    playground.pane(0).type("something to forget")
    playground.reset()
    expect(playground.pane(0).messages).to_have_count(0)
    expect(playground.pane(0).root.get_by_role("button", name="START")).to_be_visible()
    assert playground.sent(CITIZEN, "all") == []
