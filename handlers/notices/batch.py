"""The messages one change queues, inserted together.

A change tells the citizen and the staff groups at once (a Claim: the citizen's notice and the
card's edit). Each part used to insert its own rows; collected here, they cost one statement,
in the order they were queued (the outbox keeps each chat's order by row id).
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.outbound import Outbound
from domain.ports import OutboxRepository


class OutboxBatch:
    """domain.ports.OutboxRepository over another one: `add` collects, `flush` inserts."""

    def __init__(self, outbox: OutboxRepository) -> None:
        self.outbox = outbox
        self.messages: list[Outbound] = []

    async def add(self, message: Outbound) -> None:
        self.messages.append(message)

    async def add_all(self, messages: Sequence[Outbound]) -> None:
        self.messages.extend(messages)

    async def for_ticket(self, ticket_id: int) -> list[Outbound]:
        queued = [m for m in self.messages if m.ticket_id == ticket_id]
        return [*await self.outbox.for_ticket(ticket_id), *queued]

    async def flush(self) -> None:
        """Insert what was collected (the caller's unit of work commits it)."""
        messages, self.messages = self.messages, []
        await self.outbox.add_all(messages)
