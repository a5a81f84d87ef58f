"""The outbox: use cases enqueue messages in their transaction; the sender drains the queue
(storage.repositories.outbox_queue).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from domain.outbound import Outbound
from storage.repositories.base import SqlContext
from storage.tables import OutboxMessageRow, table_of

OUTBOX = table_of(OutboxMessageRow)

PENDING, SENDING, SENT = "pending", "sending", "sent"
FAILED, UNREACHABLE = "failed", "unreachable"
UNSENT = (PENDING, SENDING)

_ADD = OUTBOX.insert()  # built once: nearly every update queues an answer


class SqlOutboxRepository:
    """domain.ports.OutboxRepository: queue messages; they leave only after commit."""

    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def add(self, message: Outbound) -> None:
        await self.add_all([message])

    async def add_all(self, messages: Sequence[Outbound]) -> None:
        if not messages:
            return
        now = self._ctx.clock.now()
        rows = [
            {
                "chat_id": m.chat_id,
                "payload": m.to_json(),
                "status": PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "ticket_id": m.ticket_id,
                "link_purpose": m.link_purpose,
            }
            for m in messages
        ]
        await self._ctx.execute_later(_ADD, rows)  # a batch's answers go in one INSERT

    async def for_ticket(self, ticket_id: int) -> list[Outbound]:
        """Everything queued about a ticket, oldest first, sent or not (audits, tests)."""
        result = await self._ctx.execute(
            select(OUTBOX.c.payload).where(OUTBOX.c.ticket_id == ticket_id).order_by(OUTBOX.c.id)
        )
        return [Outbound.from_json(payload) for payload in result.scalars()]
