"""The burst rule (domain.flood) counted in PostgreSQL, so that every worker shares one count.

One statement per check, an upsert of the sender's row: it keeps the allowed send times near
this one, decides, and returns the verdict. It runs in the handler's transaction, so a
handler that fails and is retried is counted once, and the row is locked only by its own
sender's updates, which the inbox hands out one at a time (private chat = sender).

It cannot ride along the statements a turn already makes: the inbox claim runs before the
update is parsed and in another transaction, and the citizen read is made for every update
of every chat, while the rule concerns citizens in private chats only, after the ban check.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, text

from domain.flood import BURST_LIMIT, BURST_WINDOW, Verdict
from storage.queries.common import rowcount
from storage.repositories.base import SqlContext
from storage.tables import FloodCountRow, table_of

if TYPE_CHECKING:
    from storage.uow import SqlUnitOfWork

FLOOD = table_of(FloodCountRow)

# `f` is the stored row (every SET expression sees the row as it was before this check).
_NEAR = "ARRAY(SELECT t FROM unnest(f.times) AS t WHERE abs(t - :at) < :window)"
_ROOM = f"cardinality({_NEAR}) < :limit"
_WARNED = "coalesce(abs(f.warned_at - :at) < :window, false)"
# Built from the constants above only; every value is a bind parameter.
_CHECK = text(
    f"""
INSERT INTO {FLOOD.name} AS f (sender_id, times, warned_at, verdict, touched_at)
VALUES (:sender, ARRAY[CAST(:at AS double precision)], NULL, 'allow', :now)
ON CONFLICT (sender_id) DO UPDATE SET
    times = CASE WHEN {_ROOM} THEN {_NEAR} || CAST(:at AS double precision) ELSE f.times END,
    warned_at = CASE WHEN {_ROOM} OR {_WARNED} THEN f.warned_at ELSE :at END,
    verdict = CASE WHEN {_ROOM} THEN 'allow' WHEN {_WARNED} THEN 'drop' ELSE 'warn' END,
    touched_at = :now
RETURNING verdict
"""  # noqa: S608
)


class SqlBurstGuard:
    """handlers.ports.BurstGuard on PostgreSQL."""

    def __init__(
        self, ctx: SqlContext, limit: int = BURST_LIMIT, window: float = BURST_WINDOW
    ) -> None:
        self.ctx = ctx
        self.limit = limit
        self.window = window

    async def check(self, sender: int, at: float) -> Verdict:
        params = {
            "sender": sender,
            "at": at,
            "window": self.window,
            "limit": self.limit,
            "now": self.ctx.clock.now(),
        }
        result = await self.ctx.execute(_CHECK, params)
        return Verdict(result.scalar_one())


async def purge_idle_senders(uow: SqlUnitOfWork, before: datetime) -> int:
    """Forget senders not seen since `before` (the scheduler's cleanup). Rows a handler holds
    right now are skipped, not waited for: they are in use, hence not idle."""
    idle = select(FLOOD.c.sender_id).where(FLOOD.c.touched_at < before)
    if uow.is_postgres:
        idle = idle.with_for_update(skip_locked=True)
    return await rowcount(uow, delete(FLOOD).where(FLOOD.c.sender_id.in_(idle)))
