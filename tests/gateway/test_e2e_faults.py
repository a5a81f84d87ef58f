"""Every failure the sender must tell apart arrives as the same normalised error from either
library, over real HTTP, and the gateway keeps working afterwards."""

from __future__ import annotations

import time

import pytest

from bot.gateway import TelegramGateway
from bot.gateway import errors as ge
from playground.emulator.client import EmulatorClient
from tests.gateway.conftest import E2E_REQUEST_TIMEOUT

pytestmark = pytest.mark.e2e


async def _citizen(client: EmulatorClient) -> int:
    user = await client.create_user("Sri", language_code="id")
    await client.start(user["id"])
    return user["id"]


async def _group(client: EmulatorClient) -> tuple[int, int]:
    officer = (await client.create_user("Budi"))["id"]
    group = await client.create_chat("group", "DPUPR", members=[officer])
    return group["id"], officer


async def _still_works(gateway: TelegramGateway, chat_id: int) -> None:
    assert await gateway.send_message(chat_id, "masih hidup") > 0


async def test_429_is_retry_after_with_seconds(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await client.retry_after_next(retry_after=3, method="sendMessage")
    with pytest.raises(ge.RetryAfter) as caught:
        await gateway.send_message(citizen, "halo")
    assert caught.value.seconds == 3
    await _still_works(gateway, citizen)


async def test_blocked_by_the_citizen(gateway: TelegramGateway, client: EmulatorClient) -> None:
    citizen = await _citizen(client)
    await client.block_bot(citizen)
    with pytest.raises(ge.Blocked) as caught:
        await gateway.send_message(citizen, "Status aduan Anda")
    assert "blocked" in caught.value.description
    assert caught.value.chat_id == citizen
    other = await _citizen(client)
    await client.block_chat(other)  # the injected variant
    with pytest.raises(ge.Blocked):
        await gateway.send_photo(other, "AgAC-unknown", "foto")


async def test_kicked_from_the_agency_group(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    group_id, officer = await _group(client)
    await client.remove_bot(group_id, officer)
    with pytest.raises(ge.Kicked) as caught:
        await gateway.send_message(group_id, "Aduan baru")
    assert caught.value.chat_id == group_id
    assert not isinstance(caught.value, ge.Blocked)
    other_id, _ = await _group(client)
    await client.kick_bot_from(other_id)
    with pytest.raises(ge.Kicked):
        await gateway.create_forum_topic(other_id, "ADU-1")


async def test_group_migrated_to_supergroup(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    group_id, officer = await _group(client)
    supergroup = await client.upgrade_group(group_id, officer)
    with pytest.raises(ge.ChatMigrated) as caught:
        await gateway.send_message(group_id, "Aduan baru")
    assert caught.value.new_chat_id == supergroup["id"]
    await _still_works(gateway, supergroup["id"])

    other_id, _ = await _group(client)
    await client.migrate_chat(other_id, -1009990001)
    with pytest.raises(ge.ChatMigrated) as injected:
        await gateway.send_location(other_id, -7.5, 110.8)
    assert injected.value.new_chat_id == -1009990001


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_5xx_is_server_error(
    gateway: TelegramGateway, client: EmulatorClient, status: int
) -> None:
    citizen = await _citizen(client)
    await client.fail_next(status=status, method="sendMessage")
    with pytest.raises(ge.ServerError):
        await gateway.send_message(citizen, "halo")
    await client.fail_next(status=status, method="getUpdates")
    with pytest.raises(ge.ServerError):
        await gateway.get_updates(timeout=0)
    await _still_works(gateway, citizen)


async def test_no_answer_in_time_is_network_timeout(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await client.hang(delay_ms=int(E2E_REQUEST_TIMEOUT * 4000), method="sendMessage")
    started = time.monotonic()
    with pytest.raises(ge.NetworkTimeout):
        await gateway.send_message(citizen, "halo")
    assert time.monotonic() - started < E2E_REQUEST_TIMEOUT * 3
    await _still_works(gateway, citizen)


async def test_dropped_connection_is_network_failure(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await client.drop_connection(method="sendMessage")
    with pytest.raises(ge.NetworkFailure):
        await gateway.send_message(citizen, "halo")
    await _still_works(gateway, citizen)


async def test_lost_answer_is_network_failure_although_the_message_arrived(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    """Why the sender must treat network failures as "maybe sent"."""
    citizen = await _citizen(client)
    await client.lose_answer(method="sendMessage")
    with pytest.raises(ge.NetworkFailure):
        await gateway.send_message(citizen, "mungkin terkirim")
    assert [m["text"] for m in await client.messages(citizen)] == ["mungkin terkirim"]


async def test_hopeless_400s_are_bad_request_with_telegrams_reason(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    with pytest.raises(ge.BadRequest) as unknown_chat:
        await gateway.send_message(987654321, "halo")
    assert unknown_chat.value.description.lower() == "chat not found"
    with pytest.raises(ge.BadRequest) as bad_html:
        await gateway.send_message(citizen, "<b>tebal", parse_mode="HTML")
    assert "parse entities" in bad_html.value.description.lower()
    with pytest.raises(ge.BadRequest) as bad_file:
        await gateway.download_file("no-such-file-id")
    assert bad_file.value.description
    for error in (unknown_chat.value, bad_html.value, bad_file.value):
        assert not isinstance(error, ge.NotModified)


async def test_injected_400_keeps_its_description(
    gateway: TelegramGateway, client: EmulatorClient
) -> None:
    citizen = await _citizen(client)
    await client.fail_next(
        status=400, method="sendMessage", description="Bad Request: message is too long"
    )
    with pytest.raises(ge.BadRequest) as caught:
        await gateway.send_message(citizen, "halo")
    assert caught.value.description == "Message is too long"


async def test_polling_while_a_webhook_is_set_is_a_conflict(gateway: TelegramGateway) -> None:
    await gateway.set_webhook("http://127.0.0.1:9/telegram")
    with pytest.raises(ge.Conflict):
        await gateway.get_updates(timeout=0)
    await gateway.delete_webhook()
    assert await gateway.get_updates(timeout=0) == []
