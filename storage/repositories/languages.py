"""The language each group chat has chosen (/lang in the group).

Read from the process's catalog cache (storage.repositories.catalog_cache): every press in a
staff group asks for its group's language, and groups change it about never."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select, update

from storage.repositories.base import SqlContext
from storage.repositories.catalog_cache import GROUP_LANGUAGES


class SqlChatLanguageRepository:
    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def get(self, chat_id: int) -> str | None:
        return (await self.get_many([chat_id])).get(chat_id)

    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, str]:
        """From the cache; from the table only in a unit of work that set a language."""
        ids = list(dict.fromkeys(chat_ids))
        if not ids:
            return {}
        if catalog := await self._ctx.catalog_snapshot():
            return {i: catalog.group_languages[i] for i in ids if i in catalog.group_languages}
        t = GROUP_LANGUAGES
        result = await self._ctx.execute(
            select(t.c.chat_id, t.c.language).where(t.c.chat_id.in_(ids))
        )
        return {row.chat_id: row.language for row in result}

    async def set(self, chat_id: int, language: str, *, by: int | None = None) -> None:
        t = GROUP_LANGUAGES
        values = {"language": language, "updated_at": self._ctx.clock.now(), "updated_by": by}
        stmt = self._ctx.insert(t).values(chat_id=chat_id, **values)
        stmt = stmt.on_conflict_do_update(index_elements=[t.c.chat_id], set_=values)
        await self._ctx.execute(stmt)

    async def move(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup (a new chat id): its language goes with it."""
        t = GROUP_LANGUAGES
        if await self.get(new_chat_id) is not None:
            await self._ctx.execute(delete(t).where(t.c.chat_id == old_chat_id))
            return
        await self._ctx.execute(
            update(t).where(t.c.chat_id == old_chat_id).values(chat_id=new_chat_id)
        )
