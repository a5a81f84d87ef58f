"""python-telegram-bot and aiogram echo bots, unmodified, against the emulator.

Every scenario runs four times: each library in polling and in webhook mode, configured
only with the emulator's base URL.
"""

from __future__ import annotations

from typing import Any

import pytest

from playground.emulator import EmulatorClient, EmulatorServer
from tests.emulator.bots import MODES, digest, run_bot
from tests.emulator.conftest import png

pytestmark = pytest.mark.parametrize("mode", MODES)


async def test_text_gets_echo_with_button(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any], mode: str
) -> None:
    async with run_bot(emulator, mode):
        hello = await client.wait_for_messages(user["id"], 1)
        assert hello[0]["text"] == "hello"
        await client.send_text(user["id"], "good morning")
        replies = await client.wait_for_messages(user["id"], 2)
    echo = replies[1]
    assert echo["text"] == "echo: good morning"
    assert echo["from"]["is_bot"] is True
    assert echo["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ok"


async def test_command_is_answered(
    emulator: EmulatorServer, client: EmulatorClient, mode: str
) -> None:
    person = await client.create_user("Budi")
    async with run_bot(emulator, mode):
        sent = await client.send_command(person["id"], "start")
        assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        replies = await client.wait_for_messages(person["id"], 1)
    assert replies[0]["text"] == "hello"


async def test_button_press_is_answered_and_edits(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any], mode: str
) -> None:
    async with run_bot(emulator, mode):
        await client.send_text(user["id"], "menu")
        echo = (await client.wait_for_messages(user["id"], 2))[1]
        query = await client.press_button(user["id"], echo["message_id"], data="ok")
        answer = await client.wait_for_callback_answer(query["id"])
        assert answer["text"] == "pressed"
        assert answer["show_alert"] is True
        events = await client.wait_for_events(chat_id=user["id"], types=["edited_message"], count=1)
    assert events[0]["message"]["text"] == "pressed"
    assert events[0]["message"]["message_id"] == echo["message_id"]
    assert "reply_markup" not in events[0]["message"]
    assert query["chat_instance"] and query["message"]["message_id"] == echo["message_id"]


async def test_photo_download_is_byte_identical(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any], mode: str
) -> None:
    data = png(1280, 720, bytes(range(256)) * 40)
    async with run_bot(emulator, mode):
        sent = await client.send_photo(user["id"], data, caption="pothole")
        replies = await client.wait_for_messages(user["id"], 2)
    assert replies[1]["text"] == f"photo {digest(data)} {len(data)}"
    sizes = sent["photo"]
    assert len(sizes) >= 2
    assert (sizes[-1]["width"], sizes[-1]["height"]) == (1280, 720)


async def test_album_arrives_as_separate_updates(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any], mode: str
) -> None:
    async with run_bot(emulator, mode):
        items = await client.send_album(user["id"], [png(), png(), png()], caption="three")
        replies = await client.wait_for_messages(user["id"], 4)
    group_id = items[0]["media_group_id"]
    assert {item["media_group_id"] for item in items} == {group_id}
    assert [r["text"] for r in replies[1:]] == [f"album {group_id}"] * 3


async def test_location(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any], mode: str
) -> None:
    async with run_bot(emulator, mode):
        await client.send_location(user["id"], -7.5666, 110.8166)
        replies = await client.wait_for_messages(user["id"], 2)
    assert replies[1]["text"] == "location -7.5666 110.8166"


async def test_reply_to_bot_message(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any], mode: str
) -> None:
    async with run_bot(emulator, mode):
        hello = (await client.wait_for_messages(user["id"], 1))[0]
        await client.send_text(user["id"], "answering you", reply_to=hello["message_id"])
        replies = await client.wait_for_messages(user["id"], 2)
    assert replies[1]["text"] == f"reply to {hello['message_id']}"


async def test_group_privacy(emulator: EmulatorServer, client: EmulatorClient, mode: str) -> None:
    """A plain group message does not reach the bot; a command and a reply do."""
    ann = await client.create_user("Ann")
    group = await client.create_chat("group", "Kelurahan", members=[ann["id"]])
    async with run_bot(emulator, mode):
        plain = await client.send_text(ann["id"], "just chatting", chat_id=group["id"])
        await client.send_command(ann["id"], "start", chat_id=group["id"])
        hello = (await client.wait_for_messages(group["id"], 1))[0]
        assert hello["text"] == "hello"
        await client.send_text(
            ann["id"], "to the bot", chat_id=group["id"], reply_to=hello["message_id"]
        )
        replies = await client.wait_for_messages(group["id"], 2)
    assert replies[1]["text"] == f"reply to {hello['message_id']}"
    received = [u.get("message", {}).get("message_id") for u in await client.updates()]
    assert plain["message_id"] not in received
    assert all(not r["text"].startswith("echo") for r in replies)
