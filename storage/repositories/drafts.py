"""Drafts: one conversation's state per chat, kept in the database.

Neither Telegram framework's in-memory conversation state is used, so a restart or a second
worker picks the conversation up exactly where it was. Per-chat ordering of the inbox means
only one handler writes a chat's draft at a time, so an upsert by chat is enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text, update

from storage.mapping import RecordMapper
from storage.records import Draft
from storage.repositories.base import SqlContext
from storage.tables import DraftRow, table_of

DRAFTS = table_of(DraftRow)
DRAFT_RECORDS = RecordMapper(Draft, DRAFTS)


# The statements of nearly every citizen update, built once (bind parameters): building one
# anew and computing its cache key costs more CPU than SQLite takes to run it. The save is an
# upsert in SQL text: SQLAlchemy cannot cache the compiled form of its own ON CONFLICT.
_GET = select(DRAFTS).where(DRAFTS.c.chat_id == bindparam("chat_id"))
_WRITTEN = ("chat_id", "citizen_id", "step", "data", "created_at", "last_message_id")
_SAVE = text(
    f"""
INSERT INTO {DRAFTS.name}
    (chat_id, citizen_id, step, data, created_at, updated_at, reminded_at, last_message_id,
     version)
VALUES
    (:chat_id, :citizen_id, :step, :data, :created_at, :now, NULL, :last_message_id, 0)
ON CONFLICT (chat_id) DO UPDATE SET
    citizen_id = excluded.citizen_id,
    step = excluded.step,
    data = excluded.data,
    updated_at = excluded.updated_at,
    reminded_at = NULL,
    last_message_id = excluded.last_message_id,
    version = {DRAFTS.name}.version + 1
"""  # noqa: S608 - the table's name, and bind parameters
).bindparams(
    *(bindparam(name, type_=DRAFTS.c[name].type) for name in _WRITTEN),
    bindparam("now", type_=DRAFTS.c.updated_at.type),
)


# A citizen's read brings their private chat's draft along (storage.repositories.people):
# nearly every update a citizen sends asks for both, so that is one statement, not two.
DRAFT_ALONG = "draft_"
DRAFT_COLUMNS = DRAFT_RECORDS.labelled(DRAFT_ALONG)


def remember_draft_along(ctx: SqlContext, chat_id: int, row: Mapping[str, Any]) -> None:
    """Keep the chat's draft (or that it has none) from a row read with `DRAFT_COLUMNS`, for
    `SqlDraftRepository.get` in the same unit of work."""
    ctx.memory(DRAFTS.name)[chat_id] = DRAFT_RECORDS.from_labelled(row, DRAFT_ALONG)


class SqlDraftRepository:
    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def get(self, chat_id: int) -> Draft | None:
        known = self._ctx.memory(DRAFTS.name)
        if chat_id in known:  # read along with the citizen: handed out once, as read
            return known.pop(chat_id)
        result = await self._ctx.execute(_GET, {"chat_id": chat_id})
        row = result.mappings().first()
        return None if row is None else DRAFT_RECORDS.from_row(row)

    async def save(self, draft: Draft) -> None:
        """Store the chat's draft, creating it or replacing its step and data.

        `updated_at` is stamped with the unit of work's clock (it drives the idle reminder),
        any progress re-arms that reminder (`reminded_at` goes back to NULL), and `version`
        is bumped. In a batch of updates the write waits for the transaction's next
        statement or its commit, and goes with the batch's other drafts (`execute_later`).
        """
        self._ctx.memory(DRAFTS.name).pop(draft.chat_id, None)  # a read now sees this one
        now = self._ctx.clock.now()
        row = {name: getattr(draft, name) for name in _WRITTEN}
        row.update(created_at=draft.created_at or now, now=now)
        await self._ctx.execute_later(_SAVE, [row])

    async def delete(self, chat_id: int) -> bool:
        """Finish or cancel the conversation; says whether there was one."""
        stmt = DRAFTS.delete().where(DRAFTS.c.chat_id == chat_id)
        return await self._ctx.rowcount(stmt, rows=(chat_id,)) > 0

    async def list_stale(
        self, *, idle_since: datetime, limit: int = 100, include_reminded: bool = False
    ) -> list[Draft]:
        """Drafts untouched since `idle_since` and not yet reminded, longest idle first.

        `include_reminded` lists the reminded ones too: discarding a week-old draft tells its
        citizen, and by then it has normally been reminded once.
        """
        idle = DRAFTS.c.updated_at < idle_since
        where = idle if include_reminded else idle & DRAFTS.c.reminded_at.is_(None)
        result = await self._ctx.execute(
            select(DRAFTS).where(where).order_by(DRAFTS.c.updated_at, DRAFTS.c.id).limit(limit)
        )
        return [DRAFT_RECORDS.from_row(row) for row in result.mappings()]

    async def mark_reminded(self, chat_id: int) -> None:
        await self._ctx.execute(
            update(DRAFTS)
            .where(DRAFTS.c.chat_id == chat_id)
            .values(reminded_at=self._ctx.clock.now())
        )

    async def delete_stale(self, *, idle_since: datetime) -> int:
        """Abandoned conversations: drop drafts untouched since `idle_since`."""
        return await self._ctx.rowcount(DRAFTS.delete().where(DRAFTS.c.updated_at < idle_since))
