"""Hand-off 1, both ways Telegram delivers updates: an update is answered, a repeated
update_id is handled once, and a webhook call without our secret is refused untouched.

Runs for both libraries x both databases (the `h` / `bot` fixtures).
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.settings_values import ListenAddress
from bot.webhook import SECRET_HEADER
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import fast, inbox_rows, pong, start_runtime

SECRET = "e2e_webhook_secret-42"


async def test_polling_answers_start_and_ignores_a_repeated_update(bot: Harness) -> None:
    user = (await bot.citizen("Budi", "id"))["id"]
    await bot.client.start(user)
    greeting = await bot.client.wait_for_messages(user, 1)
    assert "Budi" in greeting[0]["text"]
    assert bot.runtime is not None
    start_update = (await bot.client.updates())[-1]

    # The crash window of polling: committed, but the offset never reached Telegram, so the
    # same batch comes again. Storing it again must not make it handled again.
    assert await bot.runtime.inbox.store([start_update, start_update]) == 0

    await bot.client.send_command(user, "ping")
    texts = [m["text"] for m in await bot.client.wait_for_messages(user, 2)]
    assert len(texts) == 2 and texts[1] == pong("id")  # nothing between greeting and pong
    rows = await inbox_rows(bot.db)
    assert [(r.update_id, r.status) for r in rows] == [
        (start_update["update_id"], "done"),
        (start_update["update_id"] + 1, "done"),
    ]


async def test_webhook_answers_start_refuses_a_wrong_secret_and_ignores_repeats(
    h: Harness,
) -> None:
    options = fast(webhook_listen=ListenAddress("127.0.0.1", 0))
    runtime = await start_runtime(h, options, WEBHOOK_SECRET=SECRET)
    assert runtime.mode == "webhook"
    user = (await h.citizen("Sari", "id"))["id"]
    await h.client.start(user)
    greeting = await h.client.wait_for_messages(user, 1)
    assert "Sari" in greeting[0]["text"]
    log = await h.client.webhook_log()
    assert log and all(entry["ok"] for entry in log)  # delivered by POST, first time
    assert (await h.client.call_counts()).get("getUpdates", 0) == 0

    start_update = (await h.client.updates())[-1]
    forged = {**start_update, "update_id": start_update["update_id"] + 1000}
    assert runtime.webhook is not None and runtime.webhook.port
    url = f"http://127.0.0.1:{runtime.webhook.port}{runtime.webhook.path}"
    before = await inbox_rows(h.db)
    async with httpx.AsyncClient(timeout=5.0) as http:

        async def post(body: Any, secret: str | None) -> int:
            headers = {SECRET_HEADER: secret} if secret is not None else {}
            return (await http.post(url, json=body, headers=headers)).status_code

        assert await post(forged, "e2e_webhook_secret-43") == 401
        assert await post(forged, SECRET + "x") == 401
        assert await post(forged, "") == 401
        assert await post(forged, None) == 401
        assert await inbox_rows(h.db) == before  # refused before touching the database

        # Telegram re-delivering an update we already committed: accepted, not handled again.
        assert await post(start_update, SECRET) == 200
        assert await post(start_update, SECRET) == 200
        assert await post({"no": "update_id"}, SECRET) == 400

    await h.client.send_command(user, "ping")
    texts = [m["text"] for m in await h.client.wait_for_messages(user, 2)]
    assert len(texts) == 2 and texts[1] == pong("id")
    rows = await inbox_rows(h.db)
    assert [r.update_id for r in rows] == [
        start_update["update_id"],
        start_update["update_id"] + 1,
    ]
    assert {r.status for r in rows} == {"done"}
