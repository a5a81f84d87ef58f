"""Update delivery: getUpdates long polling semantics and webhook delivery with retries."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from playground.emulator import EmulatorClient
from tests.emulator.conftest import BotApi


async def test_long_poll_wakes_as_soon_as_an_update_arrives(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    first = await api.ok("getUpdates")
    offset = first[-1]["update_id"] + 1
    poll = asyncio.create_task(api.ok("getUpdates", offset=offset, timeout=30))
    await client.wait_for_events(types=["message"], count=1)  # the /start, already there
    started = time.monotonic()
    await client.send_text(user["id"], "wake up")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 2
    assert [u["message"]["text"] for u in updates] == ["wake up"]


async def test_offset_limit_and_negative_offset(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    for text in ("a", "b", "c"):
        await client.send_text(user["id"], text)
    everything = await api.ok("getUpdates")
    ids = [u["update_id"] for u in everything]
    assert ids == sorted(ids) and len(set(ids)) == 4  # /start + three messages
    assert [u["update_id"] for u in await api.ok("getUpdates", limit=2)] == ids[:2]
    assert [u["update_id"] for u in await api.ok("getUpdates", offset=ids[2])] == ids[2:]
    assert [u["update_id"] for u in await api.ok("getUpdates")] == ids[2:]  # confirmed
    assert [u["update_id"] for u in await api.ok("getUpdates", offset=-1)] == ids[3:]
    assert await api.ok("getUpdates", offset=ids[3] + 1, timeout=0) == []


async def test_allowed_updates_filter_new_updates(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await api.ok("getUpdates", allowed_updates=["callback_query"], timeout=0, offset=-1)
    keyboard = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    sent = await api.ok("sendMessage", chat_id=user["id"], text="pick", reply_markup=keyboard)
    await client.send_text(user["id"], "ignored")
    query = await client.press_button(user["id"], sent["message_id"], data="a")
    updates = await api.ok("getUpdates", offset=-1)
    assert updates[-1]["callback_query"]["id"] == query["id"]
    assert all("message" not in u for u in await client.updates() if u["update_id"] > 1)


async def test_a_second_poller_terminates_the_first(api: BotApi) -> None:
    first = asyncio.create_task(api("getUpdates", timeout=30))
    await asyncio.sleep(0)  # let the first request leave
    while not first.done():
        status, body = await api("getUpdates", timeout=0.05)
        if status == 200:
            break
    status, body = await asyncio.wait_for(first, 5)
    assert (status, body) == (
        409,
        {
            "ok": False,
            "error_code": 409,
            "description": "Conflict: terminated by other getUpdates request; make sure that "
            "only one bot instance is running",
        },
    )


async def test_update_ids_are_unique_and_increasing_across_kinds(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    group = await client.create_chat("group", "G", members=[user["id"]])
    await client.send_command(user["id"], "help", chat_id=group["id"])
    await client.edit_text(user["id"], (await client.send_text(user["id"], "x"))["message_id"], "y")
    updates = await client.updates()
    ids = [u["update_id"] for u in updates]
    kinds = {next(k for k in u if k != "update_id") for u in updates}
    assert ids == list(range(ids[0], ids[0] + len(ids)))
    assert {"message", "my_chat_member", "edited_message"} <= kinds


class Receiver:
    """A webhook endpoint that answers each call with the next scripted status."""

    def __init__(self, script: list[int | str]):
        self.script = script
        self.received: asyncio.Queue[tuple[dict[str, str], dict[str, Any]]] = asyncio.Queue()
        self.in_flight = 0
        self.max_in_flight = 0
        self.release = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            body = await request.json()
            behaviour = self.script.pop(0) if self.script else 200
            self.received.put_nowait((dict(request.headers), body))
            if behaviour == "hang":
                await self.release.wait()
                return web.Response(status=200)
            return web.json_response({}, status=int(behaviour))
        finally:
            self.in_flight -= 1

    async def next(self) -> tuple[dict[str, str], dict[str, Any]]:
        return await asyncio.wait_for(self.received.get(), 5)


@pytest.fixture
async def receiver(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Receiver, str]]:
    target = Receiver(list(getattr(request, "param", [])))
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield target, f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    finally:
        target.release.set()
        await runner.cleanup()


async def test_webhook_delivers_in_order_with_secret(
    api: BotApi, client: EmulatorClient, user: dict[str, Any], receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    assert await api("setWebhook", url=url, secret_token="abc_DEF-1") == (
        200,
        {"ok": True, "result": True, "description": "Webhook was set"},
    )
    for text in ("one", "two", "three"):
        await client.send_text(user["id"], text)
    delivered = [await target.next() for _ in range(4)]
    assert all(h["X-Telegram-Bot-Api-Secret-Token"] == "abc_DEF-1" for h, _ in delivered)
    assert [b.get("message", {}).get("text") for _, b in delivered] == [
        "/start",
        "one",
        "two",
        "three",
    ]
    assert target.max_in_flight == 1
    conflict = await api("getUpdates")
    assert conflict == (
        409,
        {
            "ok": False,
            "error_code": 409,
            "description": "Conflict: can't use getUpdates method while webhook is active; use "
            "deleteWebhook to delete the webhook first",
        },
    )


@pytest.mark.parametrize("receiver", [[500, 200]], indirect=True)
async def test_webhook_redelivers_after_an_error(
    api: BotApi, client: EmulatorClient, user: dict[str, Any], receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    await client.webhook_settings(retry_base=0.01)
    await api.ok("setWebhook", url=url)
    first, second = await target.next(), await target.next()
    assert first[1] == second[1]
    info = await api.ok("getWebhookInfo")
    assert info["last_error_message"] == (
        "Wrong response from the webhook: 500 Internal Server Error"
    )
    log = await client.webhook_log()
    assert [(e["attempt"], e["ok"], e["status"]) for e in log[:2]] == [
        (1, False, 500),
        (2, True, 200),
    ]


@pytest.mark.parametrize("receiver", [[404, 200]], indirect=True)
async def test_the_last_webhook_error_stays_until_the_webhook_changes(
    api: BotApi, client: EmulatorClient, user: dict[str, Any], receiver: tuple[Receiver, str]
) -> None:
    """Setting the same webhook again ("already set") keeps the delivery record, which is
    what a bot restarting reads; another URL starts a new one."""
    target, url = receiver
    await client.webhook_settings(retry_base=0.01)
    await api.ok("setWebhook", url=url)
    await target.next(), await target.next()  # a 404, then the same update accepted
    failed = await api.ok("getWebhookInfo")
    assert failed["last_error_message"] == "Wrong response from the webhook: 404 Not Found"
    assert isinstance(failed["last_error_date"], int)
    assert await api("setWebhook", url=url) == (
        200,
        {"ok": True, "result": True, "description": "Webhook is already set"},
    )
    again = await api.ok("getWebhookInfo")
    assert (again["last_error_date"], again["last_error_message"]) == (
        failed["last_error_date"],
        failed["last_error_message"],
    )
    await api.ok("setWebhook", url=url + "/elsewhere")
    assert "last_error_message" not in await api.ok("getWebhookInfo")


@pytest.mark.parametrize("receiver", [["hang", 200]], indirect=True)
async def test_webhook_redelivers_after_a_timeout(
    api: BotApi, client: EmulatorClient, user: dict[str, Any], receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    await client.webhook_settings(timeout=0.2, retry_base=0.01)
    await api.ok("setWebhook", url=url)
    first, second = await target.next(), await target.next()
    assert first[1]["update_id"] == second[1]["update_id"]
    log = await client.webhook_log()
    assert log[0]["error"] == "Read timeout expired" and log[1]["ok"] is True


async def test_delete_webhook_drops_pending(
    api: BotApi, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await api.ok("setWebhook", url="http://127.0.0.1:9/unreachable")
    await client.send_text(user["id"], "queued")
    assert (await api.ok("getWebhookInfo"))["pending_update_count"] >= 1
    assert await api("deleteWebhook", drop_pending_updates=True) == (
        200,
        {"ok": True, "result": True, "description": "Webhook was deleted"},
    )
    info = await api.ok("getWebhookInfo")
    assert info == {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
    assert await api.ok("getUpdates") == []
