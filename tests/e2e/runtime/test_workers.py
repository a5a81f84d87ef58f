"""Several processes on PostgreSQL (`aduan run --workers 2`): both share the inbox and the
outbox, exactly one takes updates from Telegram, each chat still gets its replies in order,
the two senders together stay within Telegram's limits, and when the leader is killed
mid-burst the other one takes over polling within seconds, the supervisor starts a new worker
in its place, and every update is answered.

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
    by_status,
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
RESTART_WITHIN = 10.0  # the supervisor starts a replacement half a second after a death
MORE = 3  # pings per chat in the burst the leader is killed in


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

    # The leader dies mid-burst; the supervisor starts a new worker in the dead one's place,
    # another process takes over polling (the survivor, or the new worker if it asks for the
    # lock first), and every update is answered.
    loop = asyncio.get_running_loop()
    burst = asyncio.create_task(send_scripts(d.client, {user: ["ping"] * MORE for user in users}))
    first_round = CHATS * PER_CHAT

    async def burst_being_handled() -> bool:
        return by_status(await inbox_rows(d.db)).get("done", 0) > first_round

    await wait_until(burst_being_handled, within=30, what="the burst being handled")
    killed_at = loop.time()
    assert leader != parent.pid
    _kill(leader)
    await parent.wait_for_log(
        "worker started", 3, within=RESTART_WITHIN
    )  # the parent's own line: two at the start, one for the replacement
    restarted = loop.time() - killed_at
    (died,) = await parent.wait_for_log("worker died; restarting it")
    assert (died["pid"], died["ended"]) == (leader, "signal SIGKILL")
    (survivor,) = workers - {leader}
    await parent.wait_for_log(LEADS, 2, within=TAKEOVER_WITHIN + RESTART_WITHIN)
    took_over = loop.time() - killed_at
    await burst
    more = await wait_for_texts(d.client, users, PER_CHAT + MORE, within=60)
    assert all(texts[PER_CHAT:] == [pong()] * (len(texts) - PER_CHAT) for texts in more.values())
    started = await parent.wait_for_log("aduan started", 3, within=60)
    replacement = started[-1]["pid"]
    assert replacement not in workers
    assert [line["pid"] for line in parent.lines(LEADS)][1:] in ([survivor], [replacement])

    async def all_handled() -> bool:
        inbox = await inbox_rows(d.db)
        return len(inbox) == CHATS * (PER_CHAT + MORE) and by_status(inbox) == {"done": len(inbox)}

    await wait_until(all_handled, within=30, what="every update handled once")
    print(
        f"\nafter the kill: a new worker started in {restarted:.1f} s; polling was taken over "
        f"in {took_over:.1f} s"
    )

    # SIGTERM drains both workers (the survivor and the replacement): exit 0.
    code, seconds = await parent.stop(within=30)
    assert code == 0 and seconds < 15, (code, seconds)
    assert len(parent.lines("aduan stopped")) == 2  # the survivor and the replacement


def _kill(pid: int) -> None:
    """SIGKILL one worker: a child of the `aduan run` this test started, found by its pid in
    that run's own log."""
    os.kill(pid, signal.SIGKILL)
