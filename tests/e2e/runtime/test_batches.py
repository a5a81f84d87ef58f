"""The worker handles several claimed updates in one transaction (bot/worker.py). One
update's failure, or its need to roll back, must not touch the others: the batch is dropped
whole and each update handled on its own, so every other chat gets its answer exactly once,
and the failing one goes its usual way. Runs for both libraries x both databases, with the
failing test-only commands of failing.py.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.worker import MAX_ATTEMPTS
from handlers.texts import default_catalogue
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import (
    drop_pending_updates,
    inbox_rows,
    pong,
    start_runtime,
    started_users,
    wait_until,
)

BATCH_NOTE = "a batch of updates is handled one by one"
TEXTS = default_catalogue()


async def one_batch_around(
    h: Harness, caplog: pytest.LogCaptureFixture, command: str, settled: list[str]
) -> tuple[int, int, int]:
    """/ping, /`command` and /ping from three users, sent before the bot starts so that its
    first poll takes them all and they are handled as one batch; waits until the inbox's
    statuses are `settled` and checks that the batch was handled again one by one."""
    first, middle, last = await started_users(h.client, 3)
    await drop_pending_updates(h.emulator)
    await h.client.send_command(first, "ping")
    await h.client.send_command(middle, command)
    await h.client.send_command(last, "ping")
    with caplog.at_level(logging.INFO, logger="bot.worker"):
        await start_runtime(h)

        async def done() -> bool:
            return sorted(r.status for r in await inbox_rows(h.db)) == settled

        await wait_until(done, within=15, what=f"the inbox rows {settled}")
    assert BATCH_NOTE in caplog.text
    return first, middle, last


async def answered_once(h: Harness, *users: int) -> dict[int, Any]:
    """Each user got exactly one pong; their inbox rows, by chat."""
    for user in users:
        replies = await h.client.wait_for_messages(user, 1, timeout=5)
        assert [m["text"] for m in replies] == [pong()]
    rows = {r.chat_id: r for r in await inbox_rows(h.db)}
    assert all(rows[user].attempts == 1 for user in users)
    return rows


@pytest.mark.usefixtures("failing_router")
async def test_a_failing_update_leaves_its_batch_answered_once(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    first, failing, last = await one_batch_around(h, caplog, "boom", ["dead", "done", "done"])
    rows = await answered_once(h, first, last)
    assert (rows[failing].status, rows[failing].attempts) == ("dead", MAX_ATTEMPTS)
    assert await h.client.messages(failing) == []  # its rolled-back reply never left
    for user in (first, last):  # the retries of /boom answered no ping again
        assert len(await h.client.messages(user)) == 1


@pytest.mark.usefixtures("failing_router")
async def test_an_update_that_rolls_back_leaves_its_batch_whole(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """ConcurrentUpdate makes the conversation roll its change back and still answer; in a
    shared transaction that rollback would undo the other updates' changes too."""
    first, clashing, last = await one_batch_around(h, caplog, "clash", ["done"] * 3)
    rows = await answered_once(h, first, last)
    assert rows[clashing].attempts == 1
    refusal = await h.client.wait_for_messages(clashing, 1, timeout=5)
    assert [m["text"] for m in refusal] == [TEXTS.text("en", "error-concurrent")]
