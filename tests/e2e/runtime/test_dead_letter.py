"""A handler that raises: retried a few times, then parked as a dead letter with its error, the
admins told, and the chat moves on (its next update is answered); the process keeps running.

The raising handler is a test-only command (tests/e2e/runtime/failing.py). Runs for both
libraries x both databases.
"""

from __future__ import annotations

import pytest

from bot.worker import MAX_ATTEMPTS
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import (
    admin_group,
    drop_pending_updates,
    inbox_rows,
    pong,
    start_runtime,
    started_users,
    wait_until,
)


@pytest.mark.usefixtures("failing_router")
async def test_a_failing_update_is_dead_lettered_and_the_chat_moves_on(h: Harness) -> None:
    admins, _ = await admin_group(h.client, h.db)
    (user,) = await started_users(h.client, 1)
    await drop_pending_updates(h.emulator)
    runtime = await start_runtime(h)

    await h.client.send_command(user, "boom")
    await h.client.send_command(user, "ping")
    replies = await h.client.wait_for_messages(user, 1, timeout=15)
    assert [m["text"] for m in replies] == [pong()]  # the /ping, after /boom gave up

    boom, ping = await inbox_rows(h.db)
    assert (boom.status, boom.attempts) == ("dead", MAX_ATTEMPTS)
    assert boom.error.startswith("HandlerBug: the handler fell over")
    assert (ping.status, ping.attempts) == ("done", 1)
    assert ping.handled_at > boom.handled_at  # the chat waited for /boom, never skipped it
    alert = await h.client.wait_for_messages(admins, 1, timeout=5)
    assert f"update {boom.update_id})" in alert[0]["text"] and "HandlerBug" in alert[0]["text"]
    assert await h.client.messages(user) == replies  # the rolled-back reply never left

    # Still alive: the failure was contained; no part of the runtime died of it.
    assert not [t for t in runtime._tasks if t.done() and t.exception() is not None]
    await h.client.send_command(user, "ping")
    again = await h.client.wait_for_messages(user, 2, timeout=5)
    assert again[-1]["text"] == pong()

    async def handled() -> bool:
        return [r.status for r in await inbox_rows(h.db)] == ["dead", "done", "done"]

    await wait_until(handled, within=5, what="the last /ping marked done")
