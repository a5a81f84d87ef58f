"""The worker handles several claimed updates in one transaction (bot/worker.py). One
update's failure, or its need to roll back, must not touch the others: the batch is dropped
whole and each update handled on its own, so every other chat gets its answer exactly once,
and the failing one goes its usual way (retried, then a dead letter). Runs for both libraries
x both databases.

The failing handlers are test-only commands added to the real router by swapping the
runtime's `build_router` for this test (no test hooks in product code).
"""

from __future__ import annotations

import logging

import pytest

import bot.runtime
from bot.worker import MAX_ATTEMPTS
from domain.errors import ConcurrentUpdate
from handlers.router import Router
from handlers.routes import build_router
from handlers.texts import default_catalogue
from handlers.turn import Turn
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


class HandlerBug(RuntimeError):
    pass


def router_with_failures() -> Router:
    failing = Router()

    @failing.command("boom")
    async def boom(turn: Turn) -> None:
        await turn.say("half-done work that must never be sent")
        raise HandlerBug("the handler fell over")

    @failing.command("clash")
    async def clash(turn: Turn) -> None:
        await turn.say("a change someone else's overtook: never sent")
        raise ConcurrentUpdate()

    router = build_router()
    router.include(failing)
    return router


@pytest.fixture
def failing_router(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.runtime, "build_router", router_with_failures)


@pytest.mark.usefixtures("failing_router")
async def test_a_failing_update_leaves_its_batch_answered_once(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    first, failing, last = await started_users(h.client, 3)
    await drop_pending_updates(h.emulator)
    # Sent before the bot starts: its first poll takes all three, handled as one batch.
    await h.client.send_command(first, "ping")
    await h.client.send_command(failing, "boom")
    await h.client.send_command(last, "ping")
    with caplog.at_level(logging.INFO, logger="bot.worker"):
        await start_runtime(h)

        async def settled() -> bool:
            return sorted(r.status for r in await inbox_rows(h.db)) == ["dead", "done", "done"]

        await wait_until(settled, within=15, what="two pings done and /boom a dead letter")
    for user in (first, last):
        replies = await h.client.wait_for_messages(user, 1, timeout=5)
        assert [m["text"] for m in replies] == [pong()]
    rows = {r.chat_id: r for r in await inbox_rows(h.db)}
    assert (rows[first].attempts, rows[last].attempts) == (1, 1)
    assert (rows[failing].status, rows[failing].attempts) == ("dead", MAX_ATTEMPTS)
    assert await h.client.messages(failing) == []  # its rolled-back reply never left
    assert BATCH_NOTE in caplog.text  # they were one batch, handled again one by one
    for user in (first, last):  # nothing more arrives: each ping was answered once
        assert len(await h.client.messages(user)) == 1


@pytest.mark.usefixtures("failing_router")
async def test_an_update_that_rolls_back_leaves_its_batch_whole(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """ConcurrentUpdate makes the handler roll its change back and still answer; in a shared
    transaction that rollback would undo the other updates' changes too."""
    first, clashing, last = await started_users(h.client, 3)
    await drop_pending_updates(h.emulator)
    await h.client.send_command(first, "ping")
    await h.client.send_command(clashing, "clash")
    await h.client.send_command(last, "ping")
    with caplog.at_level(logging.INFO, logger="bot.worker"):
        await start_runtime(h)

        async def settled() -> bool:
            return [r.status for r in await inbox_rows(h.db)] == ["done"] * 3

        await wait_until(settled, within=15, what="all three updates done")
    for user in (first, last):
        replies = await h.client.wait_for_messages(user, 1, timeout=5)
        assert [m["text"] for m in replies] == [pong()]
    refusal = await h.client.wait_for_messages(clashing, 1, timeout=5)
    assert [m["text"] for m in refusal] == [TEXTS.text("en", "error-concurrent")]
    assert all(r.attempts == 1 for r in await inbox_rows(h.db))
    assert BATCH_NOTE in caplog.text  # they were one batch, handled again one by one
