"""The language each group chat has chosen (/lang in the group)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select, update

from storage.repositories.base import SqlContext
from storage.tables import ChatLanguageRow, table_of

CHAT_LANGUAGES = table_of(ChatLanguageRow)


class SqlChatLanguageRepository:
    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def get(self, chat_id: int) -> str | None:
        """Read once per unit of work: a turn and the notices it queues ask for the same group."""
        known = self._ctx.memory(CHAT_LANGUAGES.name)
        if chat_id not in known:
            t = CHAT_LANGUAGES
            result = await self._ctx.execute(select(t.c.language).where(t.c.chat_id == chat_id))
            known[chat_id] = result.scalar_one_or_none()
        return known[chat_id]

    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, str]:
        ids = list(dict.fromkeys(chat_ids))
        if not ids:
            return {}
        t = CHAT_LANGUAGES
        result = await self._ctx.execute(
            select(t.c.chat_id, t.c.language).where(t.c.chat_id.in_(ids))
        )
        return {row.chat_id: row.language for row in result}

    async def set(self, chat_id: int, language: str, *, by: int | None = None) -> None:
        t = CHAT_LANGUAGES
        values = {"language": language, "updated_at": self._ctx.clock.now(), "updated_by": by}
        stmt = self._ctx.insert(t).values(chat_id=chat_id, **values)
        stmt = stmt.on_conflict_do_update(index_elements=[t.c.chat_id], set_=values)
        await self._ctx.execute(stmt)

    async def move(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup (a new chat id): its language goes with it."""
        t = CHAT_LANGUAGES
        if await self.get(new_chat_id) is not None:
            await self._ctx.execute(delete(t).where(t.c.chat_id == old_chat_id))
            return
        await self._ctx.execute(
            update(t).where(t.c.chat_id == old_chat_id).values(chat_id=new_chat_id)
        )
