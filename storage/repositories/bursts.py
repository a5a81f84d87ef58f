"""The burst rule (domain.flood) counted in PostgreSQL, so that every worker shares one count.

One statement counts one sender's update, or every sender's of a batch of updates
(`count_ahead`): an upsert of each sender's row that keeps the allowed send times near this
one, decides, and returns the verdict. It runs in the handler's transaction, so a handler that
fails and is retried is counted once, and the row is locked only by its own sender's updates,
which the inbox hands out one at a time (private chat = sender).

It cannot ride along the statements a turn already makes: the inbox claim runs before the
update is parsed and in another transaction, and the citizen read is made for every update
of every chat, while the rule concerns citizens in private chats only, after the ban check.
"""

from __future__ import annotations

from collections.abc import Sequence
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

# `f` is the stored row (every SET expression sees the row as it was before this check), and
# `excluded.times[1]` the time this update was sent.
_AT = "excluded.times[1]"
_NEAR = "ARRAY(SELECT t FROM unnest(f.times) AS t WHERE abs(t - excluded.times[1]) < :window)"
_ROOM = f"cardinality({_NEAR}) < :limit"
_WARNED = f"coalesce(abs(f.warned_at - {_AT}) < :window, false)"
# Built from the constants above only; every value is a bind parameter. One text for one
# sender or many: the senders and their times are two arrays.
_COUNT = text(
    f"""
INSERT INTO {FLOOD.name} AS f (sender_id, times, warned_at, verdict, touched_at)
SELECT sender, ARRAY[at], NULL, 'allow', :now
FROM unnest(CAST(:senders AS bigint[]), CAST(:ats AS double precision[])) AS u(sender, at)
ON CONFLICT (sender_id) DO UPDATE SET
    times = CASE WHEN {_ROOM} THEN {_NEAR} || {_AT} ELSE f.times END,
    warned_at = CASE WHEN {_ROOM} OR {_WARNED} THEN f.warned_at ELSE {_AT} END,
    verdict = CASE WHEN {_ROOM} THEN 'allow' WHEN {_WARNED} THEN 'drop' ELSE 'warn' END,
    touched_at = :now
RETURNING sender_id, verdict
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
        self._ahead: dict[int, Verdict] = {}  # counted by `count_ahead`, not yet asked for

    async def check(self, sender: int, at: float) -> Verdict:
        if (verdict := self._ahead.pop(sender, None)) is not None:
            return verdict
        return (await self._count([(sender, at)]))[sender]

    async def count_ahead(self, updates: Sequence[tuple[int, float]]) -> None:
        """Count a batch's updates, one per sender (the inbox hands out one update per chat
        at a time), in one statement; `check` then hands each sender its verdict."""
        self._ahead.update(await self._count(updates))

    async def _count(self, updates: Sequence[tuple[int, float]]) -> dict[int, Verdict]:
        params = {
            "senders": [sender for sender, _ in updates],
            "ats": [at for _, at in updates],
            "window": self.window,
            "limit": self.limit,
            "now": self.ctx.clock.now(),
        }
        result = await self.ctx.execute(_COUNT, params)
        return {row.sender_id: Verdict(row.verdict) for row in result}


async def purge_idle_senders(uow: SqlUnitOfWork, before: datetime) -> int:
    """Forget senders not seen since `before` (the scheduler's cleanup). Rows a handler holds
    right now are skipped, not waited for: they are in use, hence not idle."""
    idle = select(FLOOD.c.sender_id).where(FLOOD.c.touched_at < before)
    if uow.is_postgres:
        idle = idle.with_for_update(skip_locked=True)
    return await rowcount(uow, delete(FLOOD).where(FLOOD.c.sender_id.in_(idle)))
