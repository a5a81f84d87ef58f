"""Message links: which ticket a bot message belongs to.

An officer replying to a ticket card in the agency group, or a citizen replying to a status
notice, is routed by looking up the message they replied to.

A card or forum topic is linked when it is queued (`expect`, no message id yet), so the next
change to its ticket finds it without reading the outbox back. The sender completes the link
(`record_sent`) in the transaction that marks the outbox row sent, so a kill -9 leaves either
the queued link and the unsent row, or the complete link and the sent row.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, tuple_

from storage.records import MessageLink
from storage.repositories.base import SqlContext
from storage.tables import MessageLinkRow, table_of

LINKS = table_of(MessageLinkRow)
_FIELDS = ("chat_id", "message_id", "ticket_id", "purpose", "created_at", "agency_id")


def _link(row: object) -> MessageLink:
    return MessageLink(**{name: getattr(row, name) for name in (*_FIELDS, "id")})


class SqlMessageLinkRepository:
    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def add(
        self,
        *,
        chat_id: int,
        message_id: int,
        ticket_id: int,
        purpose: str,
        agency_id: int | None = None,
    ) -> None:
        await self.add_many(
            [
                MessageLink(
                    chat_id=chat_id,
                    message_id=message_id,
                    ticket_id=ticket_id,
                    purpose=purpose,
                    created_at=self._ctx.clock.now(),
                    agency_id=agency_id,
                )
            ]
        )

    async def add_many(self, links: Iterable[MessageLink]) -> None:
        """Idempotent: a message already linked keeps its first link (a retried send or an
        edit of the same message must not fail the sender's transaction)."""
        rows = [{name: getattr(link, name) for name in _FIELDS} for link in links]
        if not rows:
            return
        stmt = self._ctx.insert(LINKS).on_conflict_do_nothing(
            index_elements=[LINKS.c.chat_id, LINKS.c.message_id]
        )
        await self._ctx.execute(stmt, rows)

    async def expect(
        self, *, chat_id: int, ticket_id: int, purpose: str, agency_id: int | None = None
    ) -> None:
        """Link a message queued in this unit of work; `record_sent` fills in its id."""
        await self._ctx.execute(
            LINKS.insert(),
            [
                {
                    "chat_id": chat_id,
                    "message_id": None,
                    "ticket_id": ticket_id,
                    "purpose": purpose,
                    "agency_id": agency_id,
                    "created_at": self._ctx.clock.now(),
                }
            ],
        )

    async def record_sent(self, links: Iterable[MessageLink]) -> None:
        """The messages Telegram accepted: their links, complete, in place of the queued ones
        of the same chat, ticket and purpose (an album's several ids replace one queued link)."""
        done = list(links)
        if not done:
            return
        keys = {(k.chat_id, k.ticket_id, k.purpose) for k in done}
        await self._ctx.execute(
            LINKS.delete().where(
                LINKS.c.message_id.is_(None),
                tuple_(LINKS.c.chat_id, LINKS.c.ticket_id, LINKS.c.purpose).in_(sorted(keys)),
            )
        )
        await self.add_many(done)

    async def find(self, chat_id: int, message_id: int) -> MessageLink | None:
        result = await self._ctx.execute(
            select(LINKS).where(LINKS.c.chat_id == chat_id, LINKS.c.message_id == message_id)
        )
        row = result.first()
        return None if row is None else _link(row)

    async def for_ticket(
        self, ticket_id: int, *, purpose: str | None = None, chat_id: int | None = None
    ) -> list[MessageLink]:
        """E.g. every posted card of a ticket, to edit them when its status changes."""
        stmt = select(LINKS).where(LINKS.c.ticket_id == ticket_id)
        if purpose is not None:
            stmt = stmt.where(LINKS.c.purpose == purpose)
        if chat_id is not None:
            stmt = stmt.where(LINKS.c.chat_id == chat_id)
        result = await self._ctx.execute(stmt.order_by(LINKS.c.id))
        return [_link(row) for row in result]
