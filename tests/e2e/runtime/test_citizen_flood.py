"""One flood limit whatever the number of workers: citizens who each send 40 commands in a
burst get the same slow-down from `aduan run` with 1 worker and with 2 (on PostgreSQL the
burst count lives in the database, shared by both processes).

The expected verdicts come from the rule itself (domain.flood) applied to the dates Telegram
stamped on the updates: 20 answered, one "slow down", the rest dropped, as long as a burst
is sent within 10 s. PostgreSQL and one library (ptb: its processes start fastest).
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.presence import owner_of
from domain.flood import InMemoryBurstGuard, Verdict
from tests.e2e.runtime.processes import Deployment
from tests.e2e.runtime.support import (
    TEXTS,
    by_status,
    drop_pending_updates,
    inbox_rows,
    outbox_rows,
    send_scripts,
    started_users,
    wait_until,
)

FLOODERS, BURST = 2, 40
SLOW_DOWN = TEXTS.text("en", "citizen-slow-down")


async def flood(d: Deployment, users: list[int]) -> dict[int, Counter[Verdict]]:
    """Every user sends BURST /help at once; returns what the bot did with them, per user, once
    every update is handled: the answers it queued (an update and its answers commit
    together). Sending them takes a while at Telegram's 1 message/s per chat, and is not
    what this test is about."""
    await send_scripts(d.client, {user: ["help"] * BURST for user in users})

    async def all_handled() -> bool:
        rows = [r for r in await inbox_rows(d.db) if r.chat_id in users]
        return len(rows) == len(users) * BURST and by_status(rows) == {"done": len(rows)}

    await wait_until(all_handled, within=60, what="every update of the burst handled")
    answers = [r for r in await outbox_rows(d.db) if r.chat_id in users]
    seen: dict[int, Counter[Verdict]] = {}
    for user in users:
        texts = [r.payload["text"] for r in answers if r.chat_id == user]
        warned = texts.count(SLOW_DOWN)
        seen[user] = Counter(
            {
                Verdict.ALLOW: len(texts) - warned,
                Verdict.WARN: warned,
                Verdict.DROP: BURST - len(texts),
            }
        )
    return seen


async def by_the_rule(d: Deployment, users: list[int]) -> dict[int, Counter[Verdict]]:
    """The verdicts domain.flood gives the updates Telegram produced, at their dates."""
    rule = InMemoryBurstGuard()
    expected: dict[int, Counter[Verdict]] = {user: Counter() for user in users}
    for update in await d.client.updates():
        message = update.get("message") or {}
        user = message.get("chat", {}).get("id")
        if user in expected and message.get("text") == "/help":
            expected[user][rule.verdict(user, float(message["date"]))] += 1
    return expected


def tally(seen: dict[int, Counter[Verdict]]) -> list[tuple[int, int, int]]:
    return sorted((c[Verdict.ALLOW], c[Verdict.WARN], c[Verdict.DROP]) for c in seen.values())


@pytest.mark.parametrize("deployment", [("ptb", "postgres")], indirect=True, ids=["ptb-postgres"])
async def test_two_workers_slow_a_flooding_citizen_down_as_much_as_one(
    deployment: Deployment,
) -> None:
    d = deployment
    users = await started_users(d.client, 2 * FLOODERS)
    await drop_pending_updates(d.emulator)
    alone, shared = users[:FLOODERS], users[FLOODERS:]

    one = await d.start()
    with_one = await flood(d, alone)
    code, _ = await one.stop(within=30)  # what is still queued goes out with the next run
    assert code == 0

    # One chat at a time per process, so that both workers take turns at each burst.
    two = await d.start("--workers", "2", leads=False, MAX_CONCURRENT_CHATS="1")
    await two.wait_for_log("aduan started", 2)
    with_two = await flood(d, shared)
    handlers = {owner_of(r.locked_by) for r in await inbox_rows(d.db) if r.chat_id in shared}
    code, _ = await two.stop(within=30)
    assert code == 0

    print(f"\n(answered, warned, dropped): 1 worker {tally(with_one)}, 2 workers {tally(with_two)}")
    assert with_one == await by_the_rule(d, alone)
    assert with_two == await by_the_rule(d, shared)
    assert tally(with_one) == tally(with_two)  # the same slow-down
    assert all(seen[Verdict.DROP] > 0 for seen in with_two.values())  # ...and a real one
    assert len(handlers) == 2  # both workers handled the bursts
