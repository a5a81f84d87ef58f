"""Connection-level faults, slow answers, call counters, and the flood limits' statistics."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from playground.emulator import EmulatorClient, EmulatorServer
from tests.emulator.conftest import BotApi
from tests.emulator.libs import LIBS, make_lib


@pytest.fixture
async def lib(request: pytest.FixtureRequest, emulator: EmulatorServer) -> AsyncIterator[Any]:
    facade = make_lib(request.param, emulator)
    try:
        yield facade
    finally:
        await facade.close()


@pytest.mark.parametrize("lib", LIBS, indirect=True)
async def test_dropped_connection_is_a_network_error(
    lib: Any, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.drop_connection(method="sendMessage")
    with pytest.raises(lib.exceptions["network"]):
        await lib.send(user["id"], "hi")
    assert await client.messages(user["id"]) == []
    assert await lib.send(user["id"], "again")  # the fault was for one call only


@pytest.mark.parametrize("lib", LIBS, indirect=True)
async def test_hang_past_client_timeout_is_a_timeout(
    lib: Any, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.hang(delay_ms=3_000, method="sendMessage")
    with pytest.raises(lib.exceptions["timeout"]):
        await lib.send(user["id"], "hi", seconds=0.3)
    assert await client.messages(user["id"]) == []


@pytest.mark.parametrize("lib", LIBS, indirect=True)
async def test_lost_answer_stores_the_message(
    lib: Any, client: EmulatorClient, user: dict[str, Any]
) -> None:
    """ "Accepted but the answer is lost": the retry that follows makes a duplicate."""
    await client.lose_answer()
    with pytest.raises(lib.exceptions["network"]):
        await lib.send(user["id"], "report #1")
    await lib.send(user["id"], "report #1")
    texts = [m["text"] for m in await client.messages(user["id"])]
    assert texts == ["report #1", "report #1"]


async def test_slow_answer_is_delayed_then_succeeds(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.slow_down(300, method="sendMessage")
    started = time.monotonic()
    await api.ok("sendMessage", chat_id=user["id"], text="slow")
    assert time.monotonic() - started >= 0.3
    assert [m["text"] for m in await client.messages(user["id"])] == ["slow"]


async def test_faults_hit_only_the_next_n_calls_of_a_method(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.fail_next(2, status=502, method="sendMessage")
    assert (await api("getMe"))[0] == 200
    statuses = [(await api("sendMessage", chat_id=user["id"], text="x"))[0] for _ in range(3)]
    assert statuses == [502, 502, 200]
    assert (await client.faults())["rules"] == []


async def test_retry_after_next_n(api: BotApi, client: EmulatorClient) -> None:
    await client.retry_after_next(2, retry_after=3)
    first, second, third = [await api("getMe") for _ in range(3)]
    assert (
        first
        == second
        == (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3},
            },
        )
    )
    assert third[0] == 200


async def test_chat_faults_until_cleared(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.block_chat(user["id"])
    assert (await api("sendChatAction", chat_id=user["id"], action="typing"))[0] == 403
    await client.clear_faults(chat_id=user["id"])
    assert (await api("sendMessage", chat_id=user["id"], text="back"))[0] == 200


async def test_method_call_counters(api: BotApi, client: EmulatorClient) -> None:
    for _ in range(3):
        await api("getMe")
    await api("GETME")
    await api("getUpdates")
    counts = await client.call_counts()
    assert counts["getMe"] == 4
    assert counts["getUpdates"] == 1


async def test_private_chat_limit_burst_then_429(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.set_limits(private_per_second=1, private_burst=3)
    statuses = [(await api("sendMessage", chat_id=user["id"], text="x"))[0] for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    stats = await client.limit_stats()
    assert stats["rejected"] == 2
    assert stats["rejected_by_chat"] == {str(user["id"]): 2}
    assert len(stats["send_times"][str(user["id"])]) == 3


async def test_group_limit_per_minute(api: BotApi, client: EmulatorClient) -> None:
    ann = await client.create_user("Ann")
    group = await client.create_chat("group", "G", members=[ann["id"]])
    await client.set_limits(group_per_minute=4)
    statuses = [(await api("sendMessage", chat_id=group["id"], text="x"))[0] for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    _, body = await api("sendMessage", chat_id=group["id"], text="x")
    assert body["parameters"]["retry_after"] >= 59


async def test_global_limit_across_chats(api: BotApi, client: EmulatorClient) -> None:
    users = [await client.create_user(f"U{i}") for i in range(4)]
    for person in users:
        await client.start(person["id"])
    await client.set_limits(global_per_second=3, global_burst=3)
    statuses = [(await api("sendMessage", chat_id=person["id"], text="x"))[0] for person in users]
    assert statuses == [200, 200, 200, 429]


async def test_limits_off_by_default_record_send_times(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    for _ in range(10):
        await api.ok("sendMessage", chat_id=user["id"], text="x")
    stats = await client.limit_stats()
    assert stats["config"]["enabled"] is False
    times = stats["send_times"][str(user["id"])]
    assert len(times) == 10 and times == sorted(times)
