"""Per-chat order under load: 50 chats x 10 messages each, all handled, each chat in order.

Each chat sends its own mix of /ping and an unknown command, so the replies' texts show the
order the chat's updates were handled in; the database confirms it (every update handled after
the one before it, each reply queued while handling its update, sent in queue order).

The emulator enforces no flood limits here and the bot's own limiter is opened up: this test
is about intake, ordering and concurrency. Sending within Telegram's limits is test_flood.py.
Runs for both libraries x both databases.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bot.ratelimit import Limits
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import (
    by_status,
    drop_pending_updates,
    expected_replies,
    fast,
    inbox_rows,
    outbox_rows,
    script_for,
    send_scripts,
    start_runtime,
    started_users,
    wait_for_texts,
    wait_until,
)

CHATS, PER_CHAT = 50, 10
UNTHROTTLED = Limits(
    global_per_second=10_000,
    global_burst=10_000,
    private_burst=10_000,
    private_window=1.0,
    group_per_minute=10_000,
)


async def test_fifty_chats_of_ten_are_all_handled_each_in_its_order(h: Harness) -> None:
    users = await started_users(h.client, CHATS)
    await drop_pending_updates(h.emulator)
    await start_runtime(h, fast(limits=UNTHROTTLED))
    scripts = {user: script_for(i, PER_CHAT) for i, user in enumerate(users)}

    await send_scripts(h.client, scripts)
    replies = await wait_for_texts(h.client, users, PER_CHAT, within=60)

    for user, script in scripts.items():
        assert replies[user] == expected_replies(script), f"chat {user} out of order"
    # A message reaches the chat before the sender commits its row as sent (and the worker
    # marks an update done after its commit): wait for the bookkeeping, then read it once.
    total = CHATS * PER_CHAT

    async def settled() -> tuple[list[Any], list[Any]] | None:
        inbox, outbox = await inbox_rows(h.db), await outbox_rows(h.db)
        done = by_status(inbox) == {"done": total} and by_status(outbox) == {"sent": total}
        return (inbox, outbox) if done else None

    inbox, outbox = await wait_until(settled, within=30, what="every update done, every reply sent")
    assert len(inbox) == total and len(outbox) == total
    updates, messages = defaultdict(list), defaultdict(list)
    for row in inbox:
        updates[row.chat_id].append(row)
    for row in outbox:
        messages[row.chat_id].append(row)
    for user in users:
        handled = [u.handled_at for u in updates[user]]  # in update_id order
        assert handled == sorted(handled) and len(set(handled)) == PER_CHAT
        queued = messages[user]  # in queue (id) order
        for k, reply in enumerate(queued):  # reply k was queued while update k was handled
            assert reply.created_at <= handled[k]
            assert k == 0 or reply.created_at > handled[k - 1]
        sent_ids = [reply.message_ids[0] for reply in queued]
        assert sent_ids == sorted(sent_ids)
