"""Several processes on PostgreSQL (`aduan run --workers 2`): both share the inbox and the
outbox, exactly one takes updates from Telegram, each chat still gets its replies in order,
the two senders together stay within Telegram's limits, and when the leader is killed the
other one takes over polling within seconds.

PostgreSQL only (SQLite has one writer), and one library (ptb: its processes start fastest;
aiogram + PostgreSQL runs as a subprocess in test_kill.py).
"""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from bot.presence import owner_of
from tests.e2e.runtime.processes import Deployment
from tests.e2e.runtime.support import (
    drop_pending_updates,
    expected_replies,
    inbox_rows,
    outbox_rows,
    pong,
    script_for,
    send_scripts,
    started_users,
    wait_for_texts,
    wait_until,
)

LEADS = "this process leads: taking Telegram updates"
CHATS, PER_CHAT = 24, 8
TAKEOVER_WITHIN = 12.0  # the lock is retried every 5 s; then commands and the first poll


@pytest.mark.parametrize("deployment", [("ptb", "postgres")], indirect=True, ids=["ptb-postgres"])
async def test_two_workers_share_the_queues_one_polls_and_the_other_takes_over(
    deployment: Deployment,
) -> None:
    d = deployment
    users = await started_users(d.client, CHATS)
    await drop_pending_updates(d.emulator)
    await d.client.set_limits(enabled=True)  # each worker sends at half of Telegram's limits
    # One chat at a time per process, so that both get a share: stored updates wake both
    # (PostgreSQL NOTIFY), and the first to claim a chat's update takes it.
    parent = await d.start("--workers", "2", leads=False, MAX_CONCURRENT_CHATS="1")
    workers = {line["pid"] for line in await parent.wait_for_log("aduan started", 2)}
    (leader,) = {line["pid"] for line in await parent.wait_for_log(LEADS)}
    assert len(workers) == 2 and leader in workers

    scripts = {user: script_for(i, PER_CHAT) for i, user in enumerate(users)}
    await send_scripts(d.client, scripts)
    replies = await wait_for_texts(d.client, users, PER_CHAT, within=60)
    for user, script in scripts.items():
        assert replies[user] == expected_replies(script), f"chat {user} out of order"

    async def all_recorded() -> bool:
        rows = await outbox_rows(d.db)
        return len(rows) == CHATS * PER_CHAT and {r.status for r in rows} == {"sent"}

    await wait_until(all_recorded, within=15, what="every reply recorded as sent")
    handlers = {owner_of(r.locked_by) for r in await inbox_rows(d.db)}
    senders = {owner_of(r.locked_by) for r in await outbox_rows(d.db)}
    assert (len(handlers), len(senders)) == (2, 2)  # both processes did both jobs
    assert len(parent.lines(LEADS)) == 1  # ...but only one took updates from Telegram
    assert not [line for line in parent.lines() if "Conflict" in line.get("msg", "")]
    assert (await d.client.limit_stats())["rejected"] == 0  # two senders, still no 429

    # The leader dies; the survivor takes over polling, and the chats keep being answered.
    loop = asyncio.get_running_loop()
    killed_at = loop.time()
    parent_pid = parent.pid
    assert leader != parent_pid
    _kill(leader)
    (survivor,) = workers - {leader}
    await parent.wait_for_log(LEADS, within=TAKEOVER_WITHIN, where=lambda x: x["pid"] == survivor)
    took_over = loop.time() - killed_at
    await send_scripts(d.client, {user: ["ping"] for user in users})
    more = await wait_for_texts(d.client, users, PER_CHAT + 1, within=30)
    assert all(texts[-1] == pong() for texts in more.values())
    print(f"\nthe survivor took over polling {took_over:.1f} s after the leader was killed")

    # SIGTERM drains the survivor; the parent reports the worker that was killed.
    code, seconds = await parent.stop(within=20)
    assert code == 1 and seconds < 10, (code, seconds)
    assert parent.lines("aduan stopped")


def _kill(pid: int) -> None:
    """SIGKILL one worker: a child of the `aduan run` this test started, found by its pid in
    that run's own log."""
    os.kill(pid, signal.SIGKILL)
