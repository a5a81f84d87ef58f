"""Receiving over real HTTP: getMe, getUpdates with offsets and long polling, and every kind
of update the emulator produces, read the same way by both libraries."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.gateway import TelegramGateway
from domain.outbound import Button, Keyboard
from handlers.incoming import IncomingKind
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


async def test_get_me(gateway: TelegramGateway, emulator: EmulatorServer) -> None:
    info = await gateway.get_me()
    assert info.id == emulator.bot_id
    assert info.username == "aduan_bot"
    assert info.first_name


async def test_updates_round_trip_with_offsets(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await client.create_user("Sri", language_code="id")
    await client.start(citizen["id"], "c_jalan")
    await client.send_text(citizen["id"], "Jalan berlubang")

    updates = await gateway.get_updates(timeout=0)
    assert [u.update_id for u in updates] == sorted(u.update_id for u in updates)
    assert len(updates) == 2
    first, second = updates
    assert "from" in first.payload["message"]  # Telegram's wire shape, not `from_user`
    assert first.payload["update_id"] == first.update_id

    start = gateway.parse(first.payload)
    assert (start.kind, start.command, start.args) == (IncomingKind.COMMAND, "start", "c_jalan")
    assert start.chat_key == citizen["id"]
    text = gateway.parse(second.payload)
    assert (text.kind, text.text) == (IncomingKind.TEXT, "Jalan berlubang")

    # Not yet confirmed: asked again, they come again.
    again = await gateway.get_updates(timeout=0)
    assert [u.update_id for u in again] == [u.update_id for u in updates]
    # Confirmed by the next offset: gone.
    assert await gateway.get_updates(offset=second.update_id + 1, timeout=0) == []
    assert await gateway.get_updates(timeout=0) == []


async def test_limit_is_respected(gateway: TelegramGateway, client: EmulatorClient) -> None:
    citizen = await client.create_user("Sri")
    for i in range(5):
        await client.send_text(citizen["id"], f"pesan {i}")
    batch = await gateway.get_updates(limit=2, timeout=0)
    assert len(batch) == 2
    rest = await gateway.get_updates(offset=batch[-1].update_id + 1, timeout=0)
    assert len(rest) == 3


async def test_long_poll_answers_as_soon_as_an_update_arrives(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await client.create_user("Sri")
    started = time.monotonic()
    poll = asyncio.create_task(gateway.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    assert not poll.done()
    await client.send_text(citizen["id"], "halo")
    updates = await asyncio.wait_for(poll, 5)
    assert len(updates) == 1
    assert time.monotonic() - started < 5


async def _produce_every_kind(client: EmulatorClient, sender: TelegramGateway) -> set[IncomingKind]:
    """Drive the emulator through everything a citizen or officer can send."""
    citizen = (await client.create_user("Sri", last_name="Wahyuni", username="sriw"))["id"]
    officer = (await client.create_user("Budi", language_code="en"))["id"]
    await client.start(citizen, "c_jalan")
    text = await client.send_text(citizen, "Jalan berlubang")
    await client.edit_text(citizen, text["message_id"], "Jalan berlubang besar")
    await client.send_photo(citizen, PNG, caption="foto")
    await client.send_album(citizen, [PNG, PNG[::-1]], caption="dua foto")
    await client.send_document(citizen, PNG, file_name="IMG_1.png", mime_type="image/png")
    await client.send_document(
        citizen, b"%PDF-1.4", file_name="surat.pdf", mime_type="application/pdf"
    )
    await client.send_location(citizen, -7.5695, 110.8286)
    await client.send_venue(citizen, -7.5741, 110.826, "Pasar Gede", "Jl. Urip Sumoharjo")
    await client.send_contact(citizen, "+6281234567890", "Sri", contact_user_id=citizen)
    for kind in ("sticker", "voice", "video_note", "animation"):
        await client.send_file(citizen, kind, b"\x00\x01")
    card = await sender.send_message(
        citizen, "Kartu", keyboard=Keyboard(rows=((Button("Ya", data="v1:yes"),),))
    )
    await client.press_button(citizen, card, data="v1:yes")
    await client.send_text(citizen, "balasan", reply_to=card)

    group = await client.create_chat("group", "DPUPR", members=[officer])
    await client.send_command(officer, "claim", "ADU-7K3Q9X", chat_id=group["id"])
    await client.send_command(officer, "help", chat_id=group["id"], mention=False)
    forum = await client.create_chat("forum", "Unit Aduan", members=[officer], admin=True)
    topic = await client.create_topic(forum["id"], officer, "ADU-7K3Q9X")
    await client.send_command(
        officer, "status", chat_id=forum["id"], thread_id=topic["message_thread_id"]
    )
    await client.upgrade_group(group["id"], officer)
    await client.block_bot(citizen)
    return {
        IncomingKind.COMMAND,
        IncomingKind.TEXT,
        IncomingKind.EDITED,
        IncomingKind.PHOTO,
        IncomingKind.DOCUMENT,
        IncomingKind.LOCATION,
        IncomingKind.CONTACT,
        IncomingKind.UNSUPPORTED,
        IncomingKind.CALLBACK,
        IncomingKind.MEMBER_CHANGE,
        IncomingKind.MIGRATION,
    }


async def test_what_one_library_fetched_the_other_reads_identically(
    both: dict[str, TelegramGateway], client: EmulatorClient
) -> None:
    expected_kinds = await _produce_every_kind(client, both["ptb"])
    raw = await both["aiogram"].get_updates(timeout=0, limit=100)
    assert len(raw) > 25
    seen: set[IncomingKind] = set()
    for update in raw:
        ptb_view = both["ptb"].parse(update.payload)
        aiogram_view = both["aiogram"].parse(update.payload)
        assert ptb_view == aiogram_view, update.payload
        seen.add(ptb_view.kind)
    assert expected_kinds <= seen

    by_kind = {both["ptb"].parse(u.payload).kind: both["ptb"].parse(u.payload) for u in raw}
    unsupported = {
        i.unsupported_what
        for i in (both["ptb"].parse(u.payload) for u in raw)
        if i.kind is IncomingKind.UNSUPPORTED
    }
    assert {"sticker", "voice", "video_note", "animation"} <= unsupported
    assert by_kind[IncomingKind.CALLBACK].callback_data == "v1:yes"


async def test_group_commands_and_topics_over_the_wire(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    officer = (await client.create_user("Budi"))["id"]
    forum = await client.create_chat("forum", "Unit Aduan", members=[officer], admin=True)
    topic = await client.create_topic(forum["id"], officer, "ADU-7K3Q9X")
    await client.send_command(
        officer, "claim", "ADU-7K3Q9X", chat_id=forum["id"], thread_id=topic["message_thread_id"]
    )
    updates = [gateway.parse(u.payload) for u in await gateway.get_updates(timeout=0)]
    commands = [u for u in updates if u.kind is IncomingKind.COMMAND]
    assert len(commands) == 1
    claim = commands[0]
    assert (claim.command, claim.args) == ("claim", "ADU-7K3Q9X")
    assert claim.thread_id == topic["message_thread_id"]
    assert claim.reply_to is None  # the topic's first message is not a reply target
    assert claim.chat is not None and claim.chat.is_forum
