"""The user side: groups, privacy mode, membership, migration, media kinds, events, SSE."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from playground.emulator import EmulatorClient, EmulatorError, EmulatorServer
from tests.emulator.conftest import BotApi, png


def texts(updates: list[dict[str, Any]]) -> list[str | None]:
    return [u["message"].get("text") for u in updates if "message" in u]


async def test_privacy_mode_in_groups(api: BotApi, client: EmulatorClient) -> None:
    ann = await client.create_user("Ann")
    group = await client.create_chat("group", "G", members=[ann["id"]])
    gid = group["id"]
    bot_message = await api.ok("sendMessage", chat_id=gid, text="I am here")
    await client.send_text(ann["id"], "plain chatter", chat_id=gid)
    await client.send_command(ann["id"], "help", chat_id=gid)  # /help@aduan_bot
    await client.send_command(ann["id"], "help", chat_id=gid, mention=False)  # unaddressed
    await client.send_text(ann["id"], "/help@other_bot", chat_id=gid)
    await client.send_text(ann["id"], "reply", chat_id=gid, reply_to=bot_message["message_id"])
    updates = await api.ok("getUpdates")
    assert texts(updates) == [None, "/help@aduan_bot", "/help", "reply"]  # None: joined
    assert "new_chat_members" in updates[1]["message"]
    await client.set_privacy(False)
    await client.send_text(ann["id"], "now visible", chat_id=gid)
    assert texts(await api.ok("getUpdates", offset=updates[-1]["update_id"] + 1)) == ["now visible"]


async def test_admin_bot_sees_everything(api: BotApi, client: EmulatorClient) -> None:
    ann = await client.create_user("Ann")
    group = await client.create_chat("supergroup", "SG", members=[ann["id"]], admin=True)
    await client.send_text(ann["id"], "plain", chat_id=group["id"])
    updates = await api.ok("getUpdates")
    assert updates[0]["my_chat_member"]["new_chat_member"]["status"] == "administrator"
    assert texts(updates)[-1] == "plain"


async def test_bot_joins_and_is_removed(api: BotApi, client: EmulatorClient) -> None:
    ann = await client.create_user("Ann")
    group = await client.create_chat("group", "G", members=[ann["id"]], bots=[])
    await client.add_bot(group["id"], ann["id"])
    await client.remove_bot(group["id"], ann["id"])
    updates = await api.ok("getUpdates")
    joined, service, removed = updates
    assert joined["my_chat_member"]["old_chat_member"]["status"] == "left"
    assert joined["my_chat_member"]["new_chat_member"]["status"] == "member"
    assert joined["my_chat_member"]["from"]["id"] == ann["id"]
    assert service["message"]["new_chat_members"][0]["username"] == "aduan_bot"
    assert removed["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    status, body = await api("sendMessage", chat_id=group["id"], text="still here?")
    assert (status, body["description"]) == (403, "Forbidden: bot was kicked from the group chat")


async def test_members_come_and_go(api: BotApi, client: EmulatorClient) -> None:
    ann, budi = await client.create_user("Ann"), await client.create_user("Budi")
    group = await client.create_chat("group", "G", members=[ann["id"]])
    await client.add_member(group["id"], budi["id"], by_user_id=ann["id"])
    await client.remove_member(group["id"], budi["id"])
    messages = [u["message"] for u in await api.ok("getUpdates") if "message" in u]
    assert messages[-2]["new_chat_members"][0]["id"] == budi["id"]
    assert messages[-1]["left_chat_member"]["id"] == budi["id"]


async def test_group_upgrade_to_supergroup(api: BotApi, client: EmulatorClient) -> None:
    ann = await client.create_user("Ann")
    group = await client.create_chat("group", "G", members=[ann["id"]])
    supergroup = await client.upgrade_group(group["id"], ann["id"])
    assert supergroup["type"] == "supergroup" and str(supergroup["id"]).startswith("-100")
    messages = [u["message"] for u in await api.ok("getUpdates") if "message" in u]
    assert messages[-2]["chat"]["id"] == group["id"]
    assert messages[-2]["migrate_to_chat_id"] == supergroup["id"]
    assert messages[-1]["chat"]["id"] == supergroup["id"]
    assert messages[-1]["migrate_from_chat_id"] == group["id"]
    status, body = await api("sendMessage", chat_id=group["id"], text="hi")
    assert (status, body["parameters"]) == (400, {"migrate_to_chat_id": supergroup["id"]})
    assert (await api("sendMessage", chat_id=supergroup["id"], text="hi"))[0] == 200
    with pytest.raises(EmulatorError):
        await client.send_text(ann["id"], "old chat", chat_id=group["id"])


async def test_forum_topics_from_users(api: BotApi, client: EmulatorClient) -> None:
    ann = await client.create_user("Ann")
    forum = await client.create_chat("forum", "F", members=[ann["id"]], admin=True)
    topic = await client.create_topic(forum["id"], ann["id"], "Sampah")
    sent = await client.send_text(
        ann["id"], "in topic", chat_id=forum["id"], thread_id=topic["message_thread_id"]
    )
    assert sent["message_thread_id"] == topic["message_thread_id"]
    assert sent["reply_to_message"]["forum_topic_created"]["name"] == "Sampah"
    answer = await api.ok(
        "sendMessage", chat_id=forum["id"], text="ok", message_thread_id=topic["message_thread_id"]
    )
    assert answer["is_topic_message"] is True


async def test_media_kinds_users_send(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    uid = user["id"]
    await client.send_document(uid, b"%PDF", file_name="ktp.pdf", mime_type="application/pdf")
    await client.send_venue(uid, -7.56, 110.82, "Pasar Gede", "Jl. Urip Sumoharjo")
    await client.send_contact(uid, "+628123", "Ann", contact_user_id=uid)
    for kind in ("sticker", "voice", "animation", "video_note"):
        await client.send_file(uid, kind, b"\x00\x01")
    messages = [u["message"] for u in await api.ok("getUpdates")][1:]
    assert messages[0]["document"]["file_name"] == "ktp.pdf"
    assert messages[1]["venue"]["title"] == "Pasar Gede" and "location" in messages[1]
    assert messages[2]["contact"]["user_id"] == uid
    assert [
        next(k for k in m if k in ("sticker", "voice", "animation", "video_note"))
        for m in messages[3:]
    ] == ["sticker", "voice", "animation", "video_note"]
    file = await api.ok("getFile", file_id=messages[0]["document"]["file_id"])
    assert file["file_size"] == 4 and file["file_path"].endswith(".pdf")


async def test_user_edits_give_edited_message(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    sent = await client.send_text(user["id"], "tpyo")
    await client.edit_text(user["id"], sent["message_id"], "typo")
    edited = (await api.ok("getUpdates"))[-1]["edited_message"]
    assert edited["message_id"] == sent["message_id"] and edited["text"] == "typo"
    assert edited["edit_date"] >= edited["date"]


async def test_blocking_the_bot(api: BotApi, client: EmulatorClient, user: dict[str, Any]) -> None:
    await client.block_bot(user["id"])
    status, body = await api("sendMessage", chat_id=user["id"], text="hello?")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    kicked = (await api.ok("getUpdates"))[-1]["my_chat_member"]
    assert kicked["new_chat_member"]["status"] == "kicked"
    await client.start(user["id"])  # restarting unblocks
    assert (await api("sendMessage", chat_id=user["id"], text="welcome back"))[0] == 200


async def test_wait_helpers_time_out_with_what_they_saw(
    client: EmulatorClient, user: dict[str, Any]
) -> None:
    with pytest.raises(TimeoutError):
        await client.wait_for_messages(user["id"], 1, timeout=0.1)
    with pytest.raises(TimeoutError):
        await client.wait_for_callback_answer("nope", timeout=0.1)


async def test_wait_wakes_on_bot_activity(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    waiter = asyncio.create_task(client.wait_for_messages(user["id"], 2, timeout=5))
    await api.ok("sendMessage", chat_id=user["id"], text="1")
    await api.ok("sendMessage", chat_id=user["id"], text="2")
    assert [m["text"] for m in await waiter] == ["1", "2"]


async def test_sse_stream_pushes_events(
    emulator: EmulatorServer, api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    received: list[dict[str, Any]] = []
    got_three = asyncio.Event()

    async def listen() -> None:
        url = f"{emulator.base_url}/_emulator/events"
        async with httpx.AsyncClient(timeout=None) as http, http.stream("GET", url) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            async for line in stream.aiter_lines():
                if line.startswith("data: "):
                    received.append(json.loads(line[6:]))
                    if len(received) >= 4:
                        got_three.set()
                        return

    listener = asyncio.create_task(listen())
    sent = await api.ok("sendMessage", chat_id=user["id"], text="live")
    await api.ok("editMessageText", chat_id=user["id"], message_id=sent["message_id"], text="live!")
    await api.ok("deleteMessage", chat_id=user["id"], message_id=sent["message_id"])
    await asyncio.wait_for(got_three.wait(), 5)
    await listener
    assert [e["type"] for e in received] == [
        "message",
        "message",
        "edited_message",
        "deleted_message",
    ]  # /start replayed first
    assert received[1]["from_bot"] is True and received[2]["message"]["text"] == "live!"


async def test_reset_clears_everything(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.block_chat(user["id"])
    await client.reset()
    state = await client.state()
    assert state["users"] == [] and state["chats"] == []
    assert (await client.faults()) == {"rules": [], "chats": {}}
    assert await api.ok("getUpdates") == []
    assert (await api("sendMessage", chat_id=user["id"], text="x"))[1]["description"] == (
        "Bad Request: chat not found"
    )


async def test_pressing_a_missing_button_is_refused(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    sent = await api.ok("sendMessage", chat_id=user["id"], text="no buttons")
    with pytest.raises(EmulatorError) as caught:
        await client.press_button(user["id"], sent["message_id"], data="x")
    assert caught.value.status == 404


async def test_photo_sizes_for_user_photos(client: EmulatorClient, user: dict[str, Any]) -> None:
    sizes = (await client.send_photo(user["id"], png(4000, 3000)))["photo"]
    assert [(s["width"], s["height"]) for s in sizes] == [
        (90, 67),
        (320, 240),
        (800, 600),
        (4000, 3000),
    ]
    assert len({s["file_unique_id"] for s in sizes}) == len(sizes)
