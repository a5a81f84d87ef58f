"""The sender's side of the outbox: claim with a lease, then record what Telegram said.

Per-chat order is kept by construction: a row is claimable only when no earlier row of the
same chat is still unsent, so one claim holds at most one row per chat and the sender may send
a whole batch concurrently. That rule is also safe under `FOR UPDATE SKIP LOCKED` on
PostgreSQL: a row another worker is claiming still looks unsent, so its successors wait.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Executable,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    union_all,
    update,
)

from domain.outbound import Outbound
from storage.records import MessageLink, OutboxItem
from storage.repositories.base import SqlContext
from storage.repositories.leases import claim_statements
from storage.repositories.links import SqlMessageLinkRepository
from storage.repositories.outbox import (
    FAILED,
    OUTBOX,
    PENDING,
    SENDING,
    SENT,
    UNREACHABLE,
    UNSENT,
)
from storage.tables import AgencyRow, CitizenRow, UploadRow, table_of

UPLOADS = table_of(UploadRow)
AGENCY = table_of(AgencyRow)
CITIZEN = table_of(CitizenRow)

_ONE_LESS = case((OUTBOX.c.attempts > 0, OUTBOX.c.attempts - 1), else_=0)  # undo a claim's +1
_EARLIER = OUTBOX.alias("earlier")
# "An earlier message of this row's chat is still unsent": the row must wait its turn.
_BLOCKED = exists().where(
    _EARLIER.c.chat_id == OUTBOX.c.chat_id,
    _EARLIER.c.status.in_(UNSENT),
    _EARLIER.c.id < OUTBOX.c.id,
)


def _claim_statements() -> dict[str, Any]:
    """Lease due rows, oldest first, at most one per chat (storage.repositories.leases)."""
    o, now = OUTBOX, bindparam("now")
    due = or_(
        and_(o.c.status == PENDING, o.c.next_attempt_at <= now),
        and_(o.c.status == SENDING, o.c.locked_until <= now),
    )
    pick = select(o.c.id).where(due, ~_BLOCKED).order_by(o.c.id).limit(bindparam("limit"))
    returning = [o.c[name] for name in ("id", "chat_id", "payload", "attempts", "created_at")]
    returning += [o.c.ticket_id, o.c.link_purpose]
    return claim_statements(pick, o.c.id, status=SENDING, returning=returning)


_CLAIM = _claim_statements()
_MARK_SENT = (
    update(OUTBOX)
    .where(OUTBOX.c.id == bindparam("b_id"))
    .values(
        status=SENT,
        sent_at=bindparam("b_sent_at"),
        message_ids=bindparam("b_ids"),
        error=None,
        locked_until=None,  # locked_by stays: which sender sent it
    )
)


def sent_before(before: datetime, limit: int) -> Select[Any]:
    """The oldest `limit` rows sent before `before`: an index range on (status, sent_at)."""
    return (
        select(OUTBOX.c.id)
        .where(OUTBOX.c.status == SENT, OUTBOX.c.sent_at < before)
        .order_by(OUTBOX.c.sent_at)
        .limit(limit)
    )


def dead_before(before: datetime, limit: int) -> Select[Any]:
    """Dead letters last tried before `before`: (status, next_attempt_at) index ranges
    (there are few, in no particular order)."""
    return (
        select(OUTBOX.c.id)
        .where(OUTBOX.c.status.in_((FAILED, UNREACHABLE)), OUTBOX.c.next_attempt_at < before)
        .limit(limit)
    )


class OutboxQueue:
    """The sender's side of the outbox: claim with a lease, then record what Telegram said."""

    def __init__(self, ctx: SqlContext, links: SqlMessageLinkRepository) -> None:
        self._ctx = ctx
        self._links = links

    async def backlog(self) -> int:
        """Messages queued and not yet sent (the metrics' outbox backlog)."""
        stmt = select(func.count()).where(OUTBOX.c.status.in_(UNSENT))
        return int((await self._ctx.execute(stmt)).scalar_one())

    async def claim(
        self, *, worker: str, limit: int = 30, lease: timedelta = timedelta(seconds=60)
    ) -> list[OutboxItem]:
        """Due rows, oldest first, at most one per chat, leased to `worker`.

        A row left `sending` by a killed sender is retaken once its lease has run out (so a
        message may, rarely, be sent twice; it is never lost).
        """
        now = self._ctx.clock.now()
        params = {"now": now, "limit": limit, "worker": worker, "until": now + lease}
        result = await self._ctx.execute(_CLAIM[self._ctx.dialect], params)
        items = [
            OutboxItem(
                id=r.id,
                chat_id=r.chat_id,
                message=Outbound.from_json(r.payload),
                attempts=r.attempts,
                created_at=r.created_at,
                ticket_id=r.ticket_id,
                link_purpose=r.link_purpose,
            )
            for r in result
        ]
        return sorted(items, key=lambda item: item.id)

    async def mark_sent(self, item: OutboxItem, message_ids: Sequence[int]) -> None:
        """Telegram accepted it: remember the message ids, and link them to the ticket so
        replies to them route back (DESIGN, hand-off 3)."""
        await self.mark_sent_many([(item, message_ids)])

    async def mark_sent_many(self, sent: Sequence[tuple[OutboxItem, Sequence[int]]]) -> None:
        """`mark_sent` for every row a sender round got through, in one executemany (and one
        insert of their links) rather than a statement per row."""
        if not sent:
            return
        now = self._ctx.clock.now()
        await self._ctx.execute(
            _MARK_SENT,
            [{"b_id": item.id, "b_sent_at": now, "b_ids": list(ids)} for item, ids in sent],
        )
        await self._links.record_sent(
            MessageLink(
                chat_id=item.chat_id,
                message_id=mid,
                ticket_id=item.ticket_id,
                purpose=item.link_purpose,
                created_at=now,
                agency_id=item.message.agency_id,
            )
            for item, ids in sent
            if item.ticket_id is not None and item.link_purpose
            for mid in ids
        )
        await self._forget_personal([item for item, _ in sent if item.message.personal])

    async def _forget_personal(self, items: Sequence[OutboxItem]) -> None:
        """A personal message (Outbound.personal) is not kept once Telegram has it: neither
        the row, nor the file it uploaded."""
        if not items:
            return
        await self._ctx.execute(OUTBOX.delete().where(OUTBOX.c.id.in_([i.id for i in items])))
        uploads = [i.message.upload_id for i in items if i.message.upload_id is not None]
        if uploads:
            await self._ctx.execute(UPLOADS.delete().where(UPLOADS.c.id.in_(uploads)))

    async def reschedule(self, outbox_id: int, *, at: datetime, error: str | None = None) -> None:
        """Try again at `at` (429 retry_after, 5xx backoff); the chat's later rows wait."""
        await self._set(
            outbox_id,
            status=PENDING,
            next_attempt_at=at,
            error=error,
            locked_by=None,
            locked_until=None,
        )

    async def defer(self, outbox_id: int, *, at: datetime) -> None:
        """Not tried at all (the rate limiter said "not yet"): back in the queue until `at`,
        without counting an attempt or recording an error."""
        await self._set(
            outbox_id,
            status=PENDING,
            next_attempt_at=at,
            locked_by=None,
            locked_until=None,
            attempts=_ONE_LESS,
        )

    async def mark_failed(self, outbox_id: int, *, error: str) -> None:
        """A 400 that can never succeed: stop, keep the reason, unblock the chat."""
        await self._finish(outbox_id, FAILED, error)

    async def mark_unreachable(self, outbox_id: int, *, error: str) -> None:
        await self._finish(outbox_id, UNREACHABLE, error)

    async def mark_chat_unreachable(self, chat_id: int, *, error: str) -> int:
        """403 (blocked, kicked): give up on every unsent row of the chat and remember it on
        the citizen (`unreachable`) or the agency group (`group_active = False`).

        Returns how many queued rows were given up.
        """
        given_up = await self._ctx.rowcount(
            update(OUTBOX)
            .where(OUTBOX.c.chat_id == chat_id, OUTBOX.c.status.in_(UNSENT))
            .values(status=UNREACHABLE, error=error, locked_by=None, locked_until=None)
        )
        await self._ctx.execute(
            update(CITIZEN).where(CITIZEN.c.chat_id == chat_id).values(unreachable=True)
        )
        await self._ctx.execute(
            update(AGENCY).where(AGENCY.c.group_chat_id == chat_id).values(group_active=False)
        )
        return given_up

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """A group became a supergroup (400 migrate_to_chat_id): point every unsent row and
        the owning agency at the new chat. Returns how many queued rows moved."""
        rows = await self._ctx.execute(
            select(OUTBOX.c.id, OUTBOX.c.payload).where(
                OUTBOX.c.chat_id == old_chat_id, OUTBOX.c.status.in_(UNSENT)
            )
        )
        moved = 0
        for row in rows.all():
            payload: dict[str, Any] = {**row.payload, "chat_id": new_chat_id}
            await self._set(row.id, chat_id=new_chat_id, payload=payload)
            moved += 1
        await self._ctx.execute(
            update(AGENCY)
            .where(AGENCY.c.group_chat_id == old_chat_id)
            .values(group_chat_id=new_chat_id)
        )
        return moved

    async def release(self, outbox_ids: Iterable[int]) -> None:
        """Give claimed rows back untried (SIGTERM drain), without counting an attempt."""
        ids = list(outbox_ids)
        if ids:
            await self._ctx.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(ids), OUTBOX.c.status == SENDING)
                .values(
                    status=PENDING,
                    locked_by=None,
                    locked_until=None,
                    attempts=_ONE_LESS,
                )
            )

    async def recent_sends(self, last: Mapping[int, int]) -> dict[int, list[datetime]]:
        """When each chat's last few messages were sent (`last`: chat id → how many), oldest
        first. A chat's rows go out in id order, so its newest sent rows are its last sends.
        One statement for the whole round: a short indexed scan per chat (chat_id, status,
        id), however long its history, glued by UNION ALL (`_recent_sends`)."""
        found: dict[int, list[datetime]] = {chat_id: [] for chat_id in last}
        if not last:
            return found
        wanted = list(last.items())
        wanted += [(0, 0)] * (_padded(len(wanted)) - len(wanted))  # padding asks for nothing
        params: dict[str, int] = {}
        for k, (chat_id, count) in enumerate(wanted):
            params[f"chat{k}"], params[f"last{k}"] = chat_id, count
        result = await self._ctx.execute(_recent_sends(len(wanted)), params)
        for chat_id, sent_at in result.all():
            if sent_at is not None:
                found[chat_id].append(sent_at)
        return {chat_id: sorted(times) for chat_id, times in found.items()}

    async def lease_holders(self) -> set[str]:
        """The senders now holding a row, so that a dead one's leases can be expired."""
        result = await self._ctx.execute(
            select(OUTBOX.c.locked_by)
            .where(OUTBOX.c.status == SENDING, OUTBOX.c.locked_by.is_not(None))
            .distinct()
        )
        return {holder for holder in result.scalars() if holder}

    async def expire_leases(self, holders: Iterable[str]) -> int:
        """These senders are gone: their rows are claimable now instead of at lease end. A
        row the dead sender had handed to Telegram may then go out twice (never zero times)."""
        names = list(holders)
        if not names:
            return 0
        return await self._ctx.rowcount(
            update(OUTBOX)
            .where(OUTBOX.c.status == SENDING, OUTBOX.c.locked_by.in_(names))
            .values(locked_until=self._ctx.clock.now())
        )

    async def next_due_at(self) -> datetime | None:
        """When `claim` will next find something, so an idle sender knows how long to sleep.

        Only each chat's first unsent row counts (the rows behind it cannot go first), and a
        row being sent counts from its lease end (when it would be retaken).
        """
        wake = case(
            (OUTBOX.c.status == PENDING, OUTBOX.c.next_attempt_at), else_=OUTBOX.c.locked_until
        )
        result = await self._ctx.execute(
            select(func.min(wake)).where(OUTBOX.c.status.in_(UNSENT), ~_BLOCKED)
        )
        return result.scalar_one_or_none()

    async def counts(self) -> dict[str, int]:
        result = await self._ctx.execute(
            select(OUTBOX.c.status, func.count()).group_by(OUTBOX.c.status)
        )
        return {status: int(n) for status, n in result.all()}

    async def purge_sent(self, before: datetime, *, limit: int = 1000) -> int:
        """Drop at most `limit` rows sent before `before`, oldest first (the links they
        created stay). Call again until it returns less than `limit`: each call is one short
        transaction's worth."""
        oldest = sent_before(before, limit).scalar_subquery()
        return await self._ctx.rowcount(OUTBOX.delete().where(OUTBOX.c.id.in_(oldest)))

    async def purge_dead(self, before: datetime, *, limit: int = 1000) -> int:
        """Dead letters (failed, unreachable) last tried before `before`, oldest first."""
        oldest = dead_before(before, limit).scalar_subquery()
        return await self._ctx.rowcount(OUTBOX.delete().where(OUTBOX.c.id.in_(oldest)))

    async def _finish(self, outbox_id: int, status: str, error: str) -> None:
        await self._set(outbox_id, status=status, error=error, locked_by=None, locked_until=None)

    async def _set(self, outbox_id: int, **values: Any) -> None:
        await self._ctx.execute(update(OUTBOX).where(OUTBOX.c.id == outbox_id).values(**values))


def _padded(count: int) -> int:
    """The power of two at or above `count`."""
    return 1 << (count - 1).bit_length()


@cache
def _recent_sends(branches: int) -> Executable:
    """`recent_sends`'s statement for `branches` chats, built once per process: one branch
    per chat, each chat and its count bound by name (`chat<k>`, `last<k>`).

    Built anew for each round, the statement cost more than the round's sends: the branches'
    expressions, the cache key of their union, and a compilation for each new number of
    chats, 6% of the bot's CPU in `bench intake`. Rounds are padded to a power of two, so a
    round of 60 chats meets one of 7 statements, each compiled once."""
    per_chat = [
        select(OUTBOX.c.chat_id, OUTBOX.c.sent_at)
        .where(OUTBOX.c.chat_id == bindparam(f"chat{k}"), OUTBOX.c.status == SENT)
        .order_by(OUTBOX.c.id.desc())
        .limit(bindparam(f"last{k}", type_=Integer))
        .subquery()
        .select()
        for k in range(branches)
    ]
    return per_chat[0] if branches == 1 else union_all(*per_chat)
