"""The Bot API wire format: encodings, routing, result shapes, files and message methods."""

from __future__ import annotations

import json
from typing import Any

import httpx

from playground.emulator import EmulatorClient, EmulatorServer
from tests.emulator.conftest import BotApi, png


async def test_get_me_has_the_full_shape(api: BotApi) -> None:
    me = await api.ok("getMe")
    assert me == {
        "id": 123456789,
        "is_bot": True,
        "first_name": "Aduan Bot",
        "username": "aduan_bot",
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def test_any_token_is_its_own_bot(emulator: EmulatorServer) -> None:
    async with httpx.AsyncClient() as http:
        other = (await http.get(f"{emulator.base_url}/bot42:whatever/getMe")).json()
        bad = await http.get(f"{emulator.base_url}/botnot-a-token/getMe")
        unknown = await http.get(f"{emulator.base_url}/bot{emulator.token}/noSuchMethod")
    assert other["result"]["id"] == 42 and other["result"]["username"] != "aduan_bot"
    not_found = {"ok": False, "error_code": 404, "description": "Not Found"}
    assert (bad.status_code, bad.json()) == (404, not_found)
    assert (unknown.status_code, unknown.json()) == (404, not_found)


async def test_all_four_encodings(emulator: EmulatorServer, user: dict[str, Any]) -> None:
    url = f"{emulator.base_url}/bot{emulator.token}/sendmessage"
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    async with httpx.AsyncClient() as http:
        answers = [
            await http.get(url, params={"chat_id": user["id"], "text": "query"}),
            await http.post(url, json={"chat_id": user["id"], "text": "json"}),
            await http.post(
                url, data={"chat_id": str(user["id"]), "text": "form", "reply_markup": markup}
            ),
            await http.post(
                url,
                data={"chat_id": str(user["id"]), "text": "multipart"},
                files={"unused": ("x.txt", b"x")},
            ),
        ]
    results = [a.json()["result"] for a in answers]
    assert [r["text"] for r in results] == ["query", "json", "form", "multipart"]
    assert results[2]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"


async def test_message_identity(api: BotApi, client: EmulatorClient, user: dict[str, Any]) -> None:
    first = await api.ok("sendMessage", chat_id=user["id"], text="one")
    second = await api.ok("sendMessage", chat_id=user["id"], text="two")
    assert second["message_id"] == first["message_id"] + 1
    assert isinstance(first["date"], int)
    assert first["from"]["id"] == 123456789 and first["from"]["is_bot"] is True
    assert first["chat"] == {
        "id": user["id"],
        "type": "private",
        "first_name": "Ann",
        "username": "ann",
    }
    forum = await client.create_chat("forum", "Forum", members=[user["id"]])
    group = await client.create_chat("group", "Group", members=[user["id"]])
    in_forum = await api.ok("sendMessage", chat_id=forum["id"], text="f")
    in_group = await api.ok("sendMessage", chat_id=group["id"], text="g")
    assert in_forum["chat"] == {
        "id": forum["id"],
        "title": "Forum",
        "type": "supergroup",
        "is_forum": True,
    }
    assert in_group["chat"]["type"] == "group"
    assert str(forum["id"]).startswith("-100")


async def test_photo_upload_sizes_get_file_and_download(
    emulator: EmulatorServer, client: EmulatorClient, user: dict[str, Any]
) -> None:
    data = png(2000, 1000, b"photo-bytes" * 50)
    url = f"{emulator.base_url}/bot{emulator.token}"
    async with httpx.AsyncClient() as http:
        sent = (
            await http.post(
                f"{url}/sendPhoto",
                data={"chat_id": str(user["id"]), "caption": "c"},
                files={"photo": ("p.png", data, "image/png")},
            )
        ).json()["result"]
        sizes = sent["photo"]
        assert len(sizes) >= 2
        assert sizes[-1]["width"] == 2000 and sizes[-1]["height"] == 1000
        assert sizes[0]["width"] < sizes[-1]["width"]
        assert all(
            {"file_id", "file_unique_id", "width", "height", "file_size"} <= set(s) for s in sizes
        )
        file = (await http.post(f"{url}/getFile", json={"file_id": sizes[-1]["file_id"]})).json()[
            "result"
        ]
        download = await http.get(
            f"{emulator.base_url}/file/bot{emulator.token}/{file['file_path']}"
        )
        again = (
            await http.post(
                f"{url}/sendPhoto", json={"chat_id": user["id"], "photo": sizes[-1]["file_id"]}
            )
        ).json()["result"]
    assert download.content == data
    assert again["photo"] == sizes
    assert await client.download(sizes[-1]["file_id"]) == data


async def test_media_group_with_attach(emulator: EmulatorServer, user: dict[str, Any]) -> None:
    media = [
        {"type": "photo", "media": "attach://one", "caption": "first"},
        {"type": "photo", "media": "attach://two"},
    ]
    async with httpx.AsyncClient() as http:
        answer = await http.post(
            f"{emulator.base_url}/bot{emulator.token}/sendMediaGroup",
            data={"chat_id": str(user["id"]), "media": json.dumps(media)},
            files={"one": ("1.png", png(), "image/png"), "two": ("2.png", png(), "image/png")},
        )
    messages = answer.json()["result"]
    assert len(messages) == 2
    assert messages[0]["media_group_id"] == messages[1]["media_group_id"]
    assert messages[0]["caption"] == "first"
    assert messages[1]["message_id"] == messages[0]["message_id"] + 1


async def test_document_location_venue(
    emulator: EmulatorServer, api: BotApi, user: dict[str, Any]
) -> None:
    async with httpx.AsyncClient() as http:
        doc = (
            await http.post(
                f"{emulator.base_url}/bot{emulator.token}/sendDocument",
                data={"chat_id": str(user["id"])},
                files={"document": ("report.pdf", b"%PDF-1.4", "application/pdf")},
            )
        ).json()["result"]["document"]
    assert doc["file_name"] == "report.pdf" and doc["mime_type"] == "application/pdf"
    location = await api.ok("sendLocation", chat_id=user["id"], latitude=1.5, longitude=2.5)
    assert location["location"] == {"latitude": 1.5, "longitude": 2.5}
    venue = await api.ok(
        "sendVenue",
        chat_id=user["id"],
        latitude=1,
        longitude=2,
        title="Balai Kota",
        address="Jl. Jend. Sudirman 2",
    )
    assert venue["venue"]["title"] == "Balai Kota"
    assert venue["location"] == {"latitude": 1.0, "longitude": 2.0}


async def test_edits_and_deletes(api: BotApi, client: EmulatorClient, user: dict[str, Any]) -> None:
    keyboard = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    sent = await api.ok("sendMessage", chat_id=user["id"], text="draft", reply_markup=keyboard)
    mid = sent["message_id"]
    edited = await api.ok(
        "editMessageText",
        chat_id=user["id"],
        message_id=mid,
        text="<i>final</i>",
        parse_mode="HTML",
        reply_markup=keyboard,
    )
    assert edited["text"] == "final" and isinstance(edited["edit_date"], int)
    assert edited["entities"] == [{"type": "italic", "offset": 0, "length": 5}]
    stripped = await api.ok("editMessageReplyMarkup", chat_id=user["id"], message_id=mid)
    assert "reply_markup" not in stripped
    photo = await client.send_photo(user["id"], png())
    pic = await api.ok(
        "sendPhoto", chat_id=user["id"], photo=photo["photo"][0]["file_id"], caption="old"
    )
    recaptioned = await api.ok(
        "editMessageCaption", chat_id=user["id"], message_id=pic["message_id"], caption="new"
    )
    assert recaptioned["caption"] == "new"
    assert await api.ok("deleteMessage", chat_id=user["id"], message_id=mid) is True
    visible = [m["message_id"] for m in await client.messages(user["id"])]
    assert mid not in visible
    everything = await client.messages(user["id"], include_deleted=True)
    assert next(m for m in everything if m["message_id"] == mid)["deleted"] is True
    kinds = [
        e["type"] for e in await client.events(chat_id=user["id"]) if e.get("message_id") == mid
    ]
    assert kinds == ["message", "edited_message", "edited_message", "deleted_message"]


async def test_replies_threads_and_topics(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    first = await api.ok("sendMessage", chat_id=user["id"], text="q")
    modern = await api.ok(
        "sendMessage",
        chat_id=user["id"],
        text="a",
        reply_parameters={"message_id": first["message_id"]},
    )
    legacy = await api.ok(
        "sendMessage", chat_id=user["id"], text="b", reply_to_message_id=first["message_id"]
    )
    assert modern["reply_to_message"]["message_id"] == first["message_id"]
    assert legacy["reply_to_message"]["text"] == "q"
    missing = await api(
        "sendMessage", chat_id=user["id"], text="c", reply_parameters={"message_id": 999}
    )
    assert missing[1]["description"] == "Bad Request: message to be replied not found"
    forum = await client.create_chat("forum", "Forum", members=[user["id"]])
    topic = await api.ok("createForumTopic", chat_id=forum["id"], name="Roads")
    assert set(topic) == {"message_thread_id", "name", "icon_color"}
    in_topic = await api.ok(
        "sendMessage", chat_id=forum["id"], text="t", message_thread_id=topic["message_thread_id"]
    )
    assert in_topic["message_thread_id"] == topic["message_thread_id"]
    assert in_topic["is_topic_message"] is True
    group = await client.create_chat("group", "G", members=[user["id"]])
    not_forum = await api("createForumTopic", chat_id=group["id"], name="x")
    assert not_forum == (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: the chat is not a forum"},
    )


async def test_reply_keyboards_are_visible_to_the_user(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    keyboard = {
        "keyboard": [
            [{"text": "Share location", "request_location": True}],
            [{"text": "Share phone", "request_contact": True}],
        ],
        "resize_keyboard": True,
        "one_time_keyboard": True,
    }
    sent = await api.ok("sendMessage", chat_id=user["id"], text="where?", reply_markup=keyboard)
    assert "reply_markup" not in sent  # Telegram returns only inline keyboards
    shown = (await client.messages(user["id"]))[0]
    assert shown["reply_keyboard"] == keyboard
    assert (await client.chat_info(user["id"]))["keyboard"] == keyboard
    await api.ok(
        "sendMessage", chat_id=user["id"], text="thanks", reply_markup={"remove_keyboard": True}
    )
    await api.ok(
        "sendMessage",
        chat_id=user["id"],
        text="name?",
        reply_markup={"force_reply": True, "input_field_placeholder": "Name"},
    )
    assert (await client.chat_info(user["id"]))["keyboard"] is None


async def test_commands_chat_and_misc(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    commands = [{"command": "start", "description": "Start"}]
    private = [{"command": "lapor", "description": "Report"}]
    assert await api.ok("setMyCommands", commands=commands) is True
    assert (
        await api.ok(
            "setMyCommands",
            commands=private,
            scope={"type": "all_private_chats"},
            language_code="id",
        )
        is True
    )
    assert await api.ok("getMyCommands") == commands
    assert (
        await api.ok("getMyCommands", scope={"type": "all_private_chats"}, language_code="id")
        == private
    )
    assert (await api("setMyCommands", commands=[{"command": "Bad-Cmd", "description": "x"}]))[
        0
    ] == 400
    chat = await api.ok("getChat", chat_id=user["id"])
    assert chat["type"] == "private" and chat["accent_color_id"] == 0
    assert await api.ok("sendChatAction", chat_id=user["id"], action="typing") is True
    assert (await client.events(chat_id=user["id"], types=["chat_action"]))[0]["action"] == (
        "typing"
    )
    assert await api.ok("close") is True and await api.ok("logOut") is True
    status, body = await api("setWebhook", url="ftp://nope")
    assert status == 400 and "HTTPS URL" in body["description"]
