"""Webhook mode listens on the path of WEBHOOK_URL, whatever it is: `/tg`, `/`, or none (the
bare host, served at `/`). Every update is answered on both libraries, and a kill -9 in the
middle of a burst loses none of them.

At its start, the restarted bot asks Telegram (getWebhookInfo) how deliveries went while it
was down, logs the failure loudly and tells the complaint unit once.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from bot.settings_values import ListenAddress
from bot.webhook import SECRET_HEADER
from tests.e2e.harness import Harness
from tests.e2e.runtime.processes import Deployment
from tests.e2e.runtime.support import (
    admin_group,
    by_status,
    drop_pending_updates,
    fast,
    free_port,
    inbox_rows,
    outbox_rows,
    pong,
    send_scripts,
    start_runtime,
    started_users,
    wait_for_texts,
    wait_until,
)

SECRET = "e2e_webhook_secret-42"
PATHS = {"tg": "/tg", "slash": "/", "none": ""}


@pytest.mark.parametrize(
    "h", [("ptb", "sqlite"), ("aiogram", "sqlite")], indirect=True, ids=["ptb", "aiogram"]
)
@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
async def test_the_webhook_answers_at_the_path_of_its_url(h: Harness, path: str) -> None:
    users = await started_users(h.client, 5)
    await drop_pending_updates(h.emulator)
    port = free_port()
    url = f"http://127.0.0.1:{port}{path}"
    options = fast(webhook_url=url, webhook_listen=ListenAddress("127.0.0.1", port))
    runtime = await start_runtime(h, options, WEBHOOK_SECRET=SECRET)

    await send_scripts(h.client, {user: ["ping"] * 3 for user in users})
    replies = await wait_for_texts(h.client, users, 3, within=60)
    assert all(texts == [pong()] * 3 for texts in replies.values())
    assert runtime.webhook is not None and runtime.webhook.path == (path or "/")
    deliveries = await h.client.webhook_log()
    assert len(deliveries) == 15 and all(entry["ok"] for entry in deliveries)

    async with httpx.AsyncClient(timeout=10.0) as http:
        info = (await http.get(f"{h.emulator.api_url}{h.emulator.token}/getWebhookInfo")).json()
        elsewhere = await http.post(
            f"http://127.0.0.1:{port}/telegram/elsewhere",
            json={"update_id": 1},
            headers={SECRET_HEADER: SECRET},
        )
    assert info["result"]["url"] == url
    assert elsewhere.status_code == 404


USERS, EACH = 15, 3


@pytest.mark.parametrize(
    ("deployment", "path"),
    [(("ptb", "sqlite"), "/tg"), (("aiogram", "postgres"), "")],
    indirect=["deployment"],
    ids=["ptb-sqlite-tg", "aiogram-postgres-none"],
)
async def test_a_kill_mid_burst_loses_no_webhook_update(deployment: Deployment, path: str) -> None:
    d = deployment
    admins, _ = await admin_group(d.client, d.db)
    users = await started_users(d.client, USERS)
    await drop_pending_updates(d.emulator)
    port = free_port()
    webhook = {
        "MODE": "webhook",
        "WEBHOOK_URL": f"http://127.0.0.1:{port}{path}",
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        "WEBHOOK_SECRET": SECRET,
    }
    first = await d.start(**webhook)

    burst = asyncio.create_task(send_scripts(d.client, {u: ["ping"] * EACH for u in users}))

    async def some_handled() -> bool:
        return by_status(await inbox_rows(d.db)).get("done", 0) >= 10

    await wait_until(some_handled, within=30, what="the first updates handled")
    first.kill()
    await burst
    await first.proc.wait()
    at_kill = await outbox_rows(d.db)
    resent_ok = Counter(r.chat_id for r in at_kill if r.status == "sending")
    # One more each while nobody listens: Telegram cannot deliver it, and records why.
    await send_scripts(d.client, {u: ["ping"] for u in users})

    async def refused() -> bool:
        return any(entry["error"] == "Connection refused" for entry in await d.client.webhook_log())

    await wait_until(refused, within=30, what="a delivery refused while the bot is down")

    second = await d.start(**webhook)
    total = USERS * (EACH + 1)

    async def answered() -> bool:
        inbox = await inbox_rows(d.db)
        replies = [r for r in await outbox_rows(d.db) if r.chat_id != admins]
        return (len(inbox), by_status(inbox)) == (total, {"done": total}) and (
            len(replies),
            by_status(replies),
        ) == (total, {"sent": total})

    await wait_until(answered, within=90, what="every update handled once and answered")
    for user in users:  # more than once only if it was being sent at the kill
        got = [m.get("text") for m in await d.client.messages(user)]
        assert set(got) == {pong()} and EACH + 1 <= len(got) <= EACH + 1 + resent_ok[user]

    (reported,) = await second.wait_for_log("Telegram reports failed webhook deliveries")
    assert reported["error"] == "Connection refused" and reported["level"] == "error"
    (alert,) = await d.client.wait_for_messages(admins, 1, timeout=30)
    assert "Connection refused" in alert["text"] and "WEBHOOK_URL" in alert["text"]

    code, _ = await second.stop(within=30)
    assert code == 0
    assert len(await d.client.messages(admins)) == 1  # told once
