"""A chat at its own limit does not slow the others: its row goes back to the queue until it
may go, and the round's slot goes to the next chat (bot/sender.py, `_claim_sendable`).

One round of the real sender against the emulator: chat A got its burst of three a moment ago
and has a fourth message queued first, ten other chats one each behind it. The round sends
all ten others (Telegram's overall burst) and puts A's message back, due once A may have it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.gateway import make_gateway
from bot.ratelimit import SendLimiter
from bot.sender import Sender
from domain.outbound import Outbound
from handlers.texts import default_catalogue
from storage.database import Database
from storage.tables import OutboxMessageRow, table_of
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import drop_pending_updates, queue, started_users

OUTBOX = table_of(OutboxMessageRow)


@pytest.mark.parametrize("h", [("ptb", "sqlite")], indirect=True, ids=["ptb-sqlite"])
async def test_a_round_skips_a_chat_at_its_limit_and_fills_the_slot(h: Harness) -> None:
    busy, *others = await started_users(h.client, 11)
    await drop_pending_updates(h.emulator)
    db = Database(h.url, schema=h.schema)  # the machinery's real clock, as in production
    gateway = make_gateway("ptb", h.emulator.token, h.emulator.base_url)
    await gateway.start()
    sender = Sender(db, gateway, default_catalogue(), limiter=SendLimiter())
    try:
        await queue(db, [Outbound(chat_id=busy, text=f"earlier {k}") for k in range(3)])
        for _ in range(3):  # the busy chat's burst of three, one per round
            assert await sender.send_round()
        await queue(db, [Outbound(chat_id=busy, text="fourth")])
        await queue(db, [Outbound(chat_id=chat, text="for you") for chat in others])
        sender.limiter = SendLimiter()  # a fresh second for the overall limit

        sent_before = sender.sent
        assert await sender.send_round()

        assert sender.sent - sent_before == 10  # every other chat, none left for later
        async with db.uow(read_only=True) as uow:
            rows = (await uow.session.execute(select(OUTBOX).order_by(OUTBOX.c.id))).all()
        fourth = next(r for r in rows if r.payload["text"] == "fourth")
        assert {r.chat_id for r in rows if r.status == "sent"} == {busy, *others}
        assert fourth.status == "pending" and fourth.attempts == 0
        due_in = _aware(fourth.next_attempt_at) - datetime.now(UTC)
        assert timedelta(0) < due_in <= timedelta(seconds=3.2)  # when A may have it
    finally:
        await gateway.close()
        await db.dispose()


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
