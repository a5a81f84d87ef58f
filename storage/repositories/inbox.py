"""The inbox: raw Telegram updates, committed before Telegram is told we have them.

Claiming keeps per-chat order: an update is claimable only when it is the lowest unfinished
update of its chat, so a chat's updates are handled one at a time in `update_id` order while
different chats run in parallel. Under `FOR UPDATE SKIP LOCKED` (PostgreSQL) that rule stays
safe: a row another worker is claiming still looks unfinished, so its successors wait.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    Update,
    and_,
    bindparam,
    case,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql

from storage.channels import INBOX as INBOX_CHANNEL
from storage.channels import NOTIFY
from storage.records import InboxItem
from storage.repositories.base import SqlContext
from storage.repositories.leases import claim_statements
from storage.tables import InboxUpdateRow, table_of

INBOX = table_of(InboxUpdateRow)
PENDING, PROCESSING, DONE, DEAD = "pending", "processing", "done", "dead"
UNFINISHED = (PENDING, PROCESSING)

# Update kinds whose object carries the chat it happened in.
_CHAT_KEYS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "message_reaction",
    "message_reaction_count",
    "chat_boost",
    "removed_chat_boost",
)
# Update kinds with no chat, ordered by the user instead.
_USER_KEYS = ("inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query")


def update_chat_id(update: Mapping[str, Any]) -> int | None:
    """The ordering key of a raw update: its chat, else its user, else None (unordered)."""
    for key in _CHAT_KEYS:
        chat = (update.get(key) or {}).get("chat")
        if chat and "id" in chat:
            return int(chat["id"])
    query = update.get("callback_query")
    if query:
        chat = (query.get("message") or {}).get("chat")
        if chat and "id" in chat:
            return int(chat["id"])
        return int(query["from"]["id"])
    for key in _USER_KEYS:
        user = (update.get(key) or {}).get("from")
        if user and "id" in user:
            return int(user["id"])
    answer = update.get("poll_answer") or {}
    if answer.get("user"):
        return int(answer["user"]["id"])
    return None


def _claim_statements() -> dict[str, Update]:
    """Lease the next claimable updates, at most one per chat, lowest first: one statement,
    built once per dialect (storage.repositories.leases)."""
    u, earlier = INBOX, INBOX.alias("earlier")
    now = bindparam("now")
    ready = or_(
        and_(u.c.status == PENDING, or_(u.c.locked_until.is_(None), u.c.locked_until <= now)),
        and_(u.c.status == PROCESSING, u.c.locked_until <= now),
    )
    blocked = exists().where(
        earlier.c.chat_id == u.c.chat_id,
        earlier.c.status.in_(UNFINISHED),
        earlier.c.update_id < u.c.update_id,
    )
    pick = (
        select(u.c.update_id)
        .where(ready, ~blocked)
        .order_by(u.c.update_id)
        .limit(bindparam("limit"))
    )
    returning = [u.c[name] for name in ("update_id", "chat_id", "payload", "attempts")]
    returning += [u.c.received_at, u.c.bot_id]
    return claim_statements(pick, u.c.update_id, status=PROCESSING, returning=returning)


# A batch's INSERT, built once and given the rows as parameters (SQLAlchemy sends them as one
# many-row statement): compiling each batch's many-row VALUES anew took a tenth of the bot's
# CPU in `bench intake`. SQLite ignores a stored update_id with INSERT OR IGNORE.
_ADD = {
    "sqlite": insert(INBOX).prefix_with("OR IGNORE").returning(INBOX.c.update_id),
    "postgresql": postgresql.insert(INBOX)
    .on_conflict_do_nothing(index_elements=[INBOX.c.update_id])
    .returning(INBOX.c.update_id),
}
_CLAIM = _claim_statements()
_DONE = (
    update(INBOX)
    .where(INBOX.c.update_id.in_(bindparam("ids", expanding=True)))
    .values(status=DONE, handled_at=bindparam("at"), error=None, locked_until=None)
)


def finished_before(status: str, before: datetime, limit: int) -> Select[Any]:
    """The oldest `limit` updates finished (`done`, `dead`) before `before`: an index range on
    (status, handled_at), whatever the size of the table (retention)."""
    return (
        select(INBOX.c.update_id)
        .where(INBOX.c.status == status, INBOX.c.handled_at < before)
        .order_by(INBOX.c.handled_at)
        .limit(limit)
    )


class SqlInboxRepository:
    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def backlog(self) -> int:
        """Updates stored and not yet handled (the metrics' inbox backlog)."""
        stmt = select(func.count()).where(INBOX.c.status.in_((PENDING, PROCESSING)))
        return int((await self._ctx.execute(stmt)).scalar_one())

    async def add_many(self, updates: Sequence[Mapping[str, Any]], *, bot_id: int = 0) -> int:
        """Store a getUpdates batch (or one webhook update) in one statement.

        Updates whose `update_id` is already stored are ignored: Telegram re-sends what was
        not acknowledged, and a re-send must not be handled twice. Returns how many were new.
        """
        now = self._ctx.clock.now()
        rows: dict[int, dict[str, Any]] = {}
        for update_ in updates:
            update_id = int(update_["update_id"])
            rows.setdefault(
                update_id,
                {
                    "update_id": update_id,
                    "bot_id": bot_id,
                    "chat_id": update_chat_id(update_),
                    "payload": dict(update_),
                    "received_at": now,
                    "status": PENDING,
                    "attempts": 0,
                },
            )
        if not rows:
            return 0
        added = await self._ctx.execute(_ADD[self._ctx.dialect], list(rows.values()))
        new = len(added.all())
        if new and self._ctx.is_postgres:  # other worker processes: look now (storage.wakeups)
            await self._ctx.execute(NOTIFY, {"base": INBOX_CHANNEL})
        return new

    async def claim(
        self, *, worker: str, limit: int = 50, lease: timedelta = timedelta(seconds=120)
    ) -> list[InboxItem]:
        """Lease the next claimable updates to `worker`, at most one per chat, lowest first.

        A `processing` row whose lease ran out (its worker was killed) is claimable again;
        `attempts` counts claims so the caller can dead-letter an update that keeps failing.
        """
        now = self._ctx.clock.now()
        params = {"now": now, "limit": limit, "worker": worker, "until": now + lease}
        result = await self._ctx.execute(_CLAIM[self._ctx.dialect], params)
        items = [InboxItem(**row._asdict()) for row in result]
        return sorted(items, key=lambda item: item.update_id)

    async def mark_done(self, update_ids: Iterable[int]) -> None:
        """Finished (batch it: one statement for every update a worker just handled).

        `locked_by` is kept: it then says which worker handled the update, which is how an
        operator (and the multi-process test) sees that several processes share the inbox.
        """
        ids = list(update_ids)
        if ids:
            await self._ctx.execute(_DONE, {"ids": ids, "at": self._ctx.clock.now()})

    async def retry(self, update_id: int, *, error: str, delay: timedelta) -> None:
        """Failed for a reason that may pass: try again after `delay`. The chat's later
        updates wait behind it, so order is kept."""
        await self._set(
            update_id,
            status=PENDING,
            error=error,
            locked_by=None,
            locked_until=self._ctx.clock.now() + delay,
        )

    async def dead(self, update_id: int, *, error: str) -> None:
        """Give up on it (kept for inspection); the chat's later updates proceed."""
        await self._set(
            update_id,
            status=DEAD,
            error=error,
            handled_at=self._ctx.clock.now(),
            locked_by=None,
            locked_until=None,
        )

    async def release(self, update_ids: Iterable[int]) -> None:
        """Give claimed updates back untried (SIGTERM drain), without counting an attempt."""
        ids = list(update_ids)
        if ids:
            await self._ctx.execute(
                update(INBOX)
                .where(INBOX.c.update_id.in_(ids), INBOX.c.status == PROCESSING)
                .values(
                    status=PENDING,
                    locked_by=None,
                    locked_until=None,
                    attempts=case((INBOX.c.attempts > 0, INBOX.c.attempts - 1), else_=0),
                )
            )

    async def lease_holders(self) -> set[str]:
        """The workers now holding an update, so that a dead one's leases can be expired."""
        result = await self._ctx.execute(
            select(INBOX.c.locked_by)
            .where(INBOX.c.status == PROCESSING, INBOX.c.locked_by.is_not(None))
            .distinct()
        )
        return {holder for holder in result.scalars() if holder}

    async def expire_leases(self, holders: Iterable[str]) -> int:
        """These workers are gone: their updates are claimable now instead of at lease end.

        The attempt still counts, so an update that keeps killing its worker is dead-lettered.
        """
        names = list(holders)
        if not names:
            return 0
        return await self._ctx.rowcount(
            update(INBOX)
            .where(INBOX.c.status == PROCESSING, INBOX.c.locked_by.in_(names))
            .values(locked_until=self._ctx.clock.now())
        )

    async def counts(self) -> dict[str, int]:
        result = await self._ctx.execute(
            select(INBOX.c.status, func.count()).group_by(INBOX.c.status)
        )
        return {status: int(n) for status, n in result.all()}

    async def max_update_id(self) -> int | None:
        result = await self._ctx.execute(select(func.max(INBOX.c.update_id)))
        return result.scalar_one_or_none()

    async def purge_done(self, before: datetime, *, limit: int = 1000) -> int:
        """Drop at most `limit` updates handled before `before`, oldest first (retention:
        a raw update holds the sender's name and words). Call again until it returns less
        than `limit`: each call is one short transaction's worth."""
        return await self._purge(DONE, before, limit)

    async def purge_dead(self, before: datetime, *, limit: int = 1000) -> int:
        """The same for dead letters given up on before `before` (kept longer: an operator
        may still be looking into them)."""
        return await self._purge(DEAD, before, limit)

    async def _purge(self, status: str, before: datetime, limit: int) -> int:
        oldest = finished_before(status, before, limit)
        return await self._ctx.rowcount(
            INBOX.delete().where(INBOX.c.update_id.in_(oldest.scalar_subquery()))
        )

    async def _set(self, update_id: int, **values: Any) -> None:
        await self._ctx.execute(
            update(INBOX).where(INBOX.c.update_id == update_id).values(**values)
        )
