"""Sending over real HTTP: texts with both keyboard kinds, photos, albums, locations, edits,
callbacks, downloads, topics, commands and webhooks, for each library."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest

from bot.gateway import TelegramGateway
from bot.gateway.errors import NotModified
from bot.gateway.protocol import MediaFile
from domain.outbound import Button, Keyboard
from handlers.incoming import IncomingKind
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
CARD = Keyboard(
    rows=(
        (Button("Ambil", data="v1:claim:42"), Button("Tolak", data="v1:reject:42")),
        (Button("Peta", url="https://maps.example.org/?q=-7.57,110.82"),),
    )
)
ASK_LOCATION = Keyboard(
    rows=((Button("📍 Kirim lokasi", request_location=True),), (Button("Lewati"),)),
    inline=False,
    one_time=True,
    placeholder="Lokasi aduan",
)


async def _citizen(client: EmulatorClient) -> int:
    user = await client.create_user("Sri", language_code="id")
    await client.start(user["id"])
    return user["id"]


async def _drain(gateway: TelegramGateway) -> list:
    updates = await gateway.get_updates(timeout=0)
    if updates:
        await gateway.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    return [gateway.parse(u.payload) for u in updates]


async def test_text_with_inline_keyboard_then_press_and_answer(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await _drain(gateway)
    message_id = await gateway.send_message(
        citizen, "<b>Aduan</b> ADU-7K3Q9X", parse_mode="HTML", keyboard=CARD
    )
    (shown,) = await client.messages(citizen)
    assert shown["message_id"] == message_id
    assert shown["text"] == "Aduan ADU-7K3Q9X"
    assert shown["entities"][0]["type"] == "bold"
    rows = shown["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in rows[0]] == ["Ambil", "Tolak"]
    assert rows[0][0]["callback_data"] == "v1:claim:42"
    assert rows[1][0]["url"].startswith("https://maps.example.org")

    query = await client.press_button(citizen, message_id, data="v1:claim:42")
    (callback,) = await _drain(gateway)
    assert callback.kind is IncomingKind.CALLBACK
    assert (callback.callback_data, callback.callback_message_id) == ("v1:claim:42", message_id)
    assert callback.callback_id == query["id"]
    await gateway.answer_callback(callback.callback_id, "Diambil", show_alert=True)
    answer = await client.wait_for_callback_answer(query["id"])
    assert answer["text"] == "Diambil" and answer["show_alert"] is True


async def test_reply_keyboard_and_its_removal(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await gateway.send_message(citizen, "Kirim lokasi", keyboard=ASK_LOCATION)
    (shown,) = await client.messages(citizen)
    assert "reply_markup" not in shown  # like Telegram: only inline markup is on the message
    markup = (await client.chat_info(citizen))["keyboard"]
    assert markup["keyboard"][0][0] == {"text": "📍 Kirim lokasi", "request_location": True}
    assert markup["keyboard"][1][0] == {"text": "Lewati"}
    assert markup["one_time_keyboard"] is True and markup["resize_keyboard"] is True
    assert markup["input_field_placeholder"] == "Lokasi aduan"
    await gateway.send_message(
        citizen, "Terima kasih", keyboard=Keyboard(rows=(), inline=False, remove=True)
    )
    assert not (await client.chat_info(citizen))["keyboard"]


async def test_reply_to_a_message_even_if_it_is_gone(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    sent = await client.send_text(citizen, "Kapan diperbaiki?")
    reply_id = await gateway.send_message(
        citizen, "Besok pagi", reply_to_message_id=sent["message_id"]
    )
    (reply,) = [m for m in await client.messages(citizen) if m["message_id"] == reply_id]
    assert reply["reply_to_message"]["message_id"] == sent["message_id"]
    await gateway.send_message(citizen, "Masih ada?", reply_to_message_id=999_999)


async def test_photo_by_file_id_by_bytes_and_album_and_download(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await _drain(gateway)
    await client.send_photo(citizen, PNG, caption="lubang")
    await client.send_document(
        citizen, b"%PDF-1.4 surat", file_name="s.pdf", mime_type="application/pdf"
    )
    photo, document = await _drain(gateway)
    file_id = photo.photos[0].file_id
    assert await gateway.download_file(file_id) == PNG
    assert document.document is not None
    assert await gateway.download_file(document.document.file_id) == b"%PDF-1.4 surat"

    by_id = await gateway.send_photo(citizen, file_id, "Foto Anda", keyboard=CARD)
    uploaded = await gateway.send_photo(citizen, PNG[::-1], "Foto baru")
    photo_by_id = MediaFile("photo", file_id)
    album = [
        s.message_id for s in await gateway.send_files(citizen, [photo_by_id] * 3, "Tiga foto")
    ]
    single = [s.message_id for s in await gateway.send_files(citizen, [photo_by_id], "Satu foto")]
    assert len(album) == 3 and len(single) == 1

    messages = {m["message_id"]: m for m in await client.messages(citizen)}
    assert messages[by_id]["caption"] == "Foto Anda"
    assert messages[by_id]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Ambil"
    largest = max(messages[uploaded]["photo"], key=lambda p: p["width"])
    assert await gateway.download_file(largest["file_id"]) == PNG[::-1]
    group_ids = {messages[i].get("media_group_id") for i in album}
    assert len(group_ids) == 1 and None not in group_ids
    assert messages[album[0]]["caption"] == "Tiga foto"
    assert "caption" not in messages[album[1]]
    assert messages[single[0]]["caption"] == "Satu foto"


async def test_location(gateway: TelegramGateway, client: EmulatorClient) -> None:
    citizen = await _citizen(client)
    message_id = await gateway.send_location(citizen, -7.5695, 110.8286)
    (shown,) = await client.messages(citizen)
    assert shown["message_id"] == message_id
    assert shown["location"]["latitude"] == pytest.approx(-7.5695)
    assert shown["location"]["longitude"] == pytest.approx(110.8286)


async def test_edit_text_and_markup_and_delete(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    message_id = await gateway.send_message(citizen, "Status: baru", keyboard=CARD)
    await gateway.edit_message_text(
        citizen,
        message_id,
        "Status: <i>diproses</i>",
        parse_mode="HTML",
        keyboard=Keyboard(rows=((Button("Selesai", data="v1:done:42"),),)),
    )
    (shown,) = await client.messages(citizen)
    assert shown["text"] == "Status: diproses"
    assert shown["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "v1:done:42"

    await gateway.edit_message_reply_markup(citizen, message_id, None)
    (shown,) = await client.messages(citizen)
    assert not shown.get("reply_markup")
    with pytest.raises(NotModified):
        await gateway.edit_message_text(
            citizen, message_id, "Status: <i>diproses</i>", parse_mode="HTML"
        )

    await gateway.delete_message(citizen, message_id)
    assert await client.messages(citizen) == []


async def test_chat_action(gateway: TelegramGateway, client: EmulatorClient) -> None:
    citizen = await _citizen(client)
    await gateway.send_chat_action(citizen, "upload_photo")
    events = await client.events(chat_id=citizen, types=["chat_action"])
    assert [e["action"] for e in events] == ["upload_photo"]


async def test_forum_topic_and_posting_into_it(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    officer = (await client.create_user("Budi"))["id"]
    forum = await client.create_chat("forum", "Unit Aduan", members=[officer], admin=True)
    thread_id = await gateway.create_forum_topic(forum["id"], "ADU-7K3Q9X · Jalan berlubang")
    assert thread_id > 0
    topics = (await client.chat_info(forum["id"]))["topics"]
    assert [t["message_thread_id"] for t in topics if t["name"].startswith("ADU-")] == [thread_id]
    message_id = await gateway.send_message(forum["id"], "Aduan baru", thread_id=thread_id)
    posted = [m for m in await client.messages(forum["id"]) if m["message_id"] == message_id]
    assert posted[0]["message_thread_id"] == thread_id
    await gateway.send_chat_action(forum["id"], "typing", thread_id=thread_id)


async def _commands(emulator: EmulatorServer, scope: dict | None, lang: str = "") -> list:
    body: dict = {"language_code": lang}
    if scope is not None:
        body["scope"] = scope
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{emulator.api_url}{emulator.token}/getMyCommands", json=body)
    return answer.json()["result"]


async def test_set_commands_per_scope_and_language(
    gateway: TelegramGateway, emulator: EmulatorServer
) -> None:
    await gateway.set_commands([("start", "Mulai"), ("lapor", "Buat aduan")], "private", "id")
    await gateway.set_commands([("claim", "Ambil aduan")], "groups")
    await gateway.set_commands([("help", "Bantuan")])
    private = await _commands(emulator, {"type": "all_private_chats"}, "id")
    assert private == [
        {"command": "start", "description": "Mulai"},
        {"command": "lapor", "description": "Buat aduan"},
    ]
    assert await _commands(emulator, {"type": "all_group_chats"}) == [
        {"command": "claim", "description": "Ambil aduan"}
    ]
    assert await _commands(emulator, None) == [{"command": "help", "description": "Bantuan"}]


async def test_webhook_set_and_delete(gateway: TelegramGateway, emulator: EmulatorServer) -> None:
    await gateway.set_webhook(
        "http://127.0.0.1:9/telegram", secret_token="s3cr3t", allowed_updates=["message"]
    )
    async with httpx.AsyncClient() as http:
        info = (await http.get(f"{emulator.api_url}{emulator.token}/getWebhookInfo")).json()
    assert info["result"]["url"] == "http://127.0.0.1:9/telegram"
    await gateway.delete_webhook(drop_pending_updates=True)
    assert await gateway.get_updates(timeout=0) == []


async def test_webhook_info_reports_the_last_delivery_error(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    await gateway.set_webhook("http://127.0.0.1:9/telegram")  # nobody listens there
    assert (await gateway.get_webhook_info()).last_error_message is None
    await _citizen(client)  # its /start cannot be delivered
    for _ in range(600):  # wait (up to 30 s) for the failed delivery
        if any(not entry["ok"] for entry in await client.webhook_log()):
            break
        await asyncio.sleep(0.05)
    info = await gateway.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/telegram" and info.pending_update_count == 1
    assert info.last_error_message == "Connection refused"
    assert info.last_error_date is not None and info.last_error_date.utcoffset() == timedelta(0)
    await gateway.delete_webhook(drop_pending_updates=True)
