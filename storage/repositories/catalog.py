"""Categories, canned responses and run-time settings: small tables admins edit rarely.

Categories are read from the process's catalog cache (storage.repositories.catalog_cache)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from domain.model import Category, Template
from storage.channels import NOTIFY
from storage.channels import SETTINGS as SETTINGS_CHANNEL
from storage.mapping import RecordMapper
from storage.repositories.base import RecordRepository, SqlContext
from storage.repositories.catalog_cache import CATEGORIES
from storage.tables import SettingRow, TemplateRow, table_of

TEMPLATES = RecordMapper(Template, table_of(TemplateRow))
SETTINGS = table_of(SettingRow)


class SqlCategoryRepository(RecordRepository[Category]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, CATEGORIES)

    async def add(self, category: Category) -> Category:
        return await self._insert(category)

    async def get(self, category_id: int) -> Category | None:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.category(category_id)
        return await self._get(category_id)

    async def get_by_code(self, code: str) -> Category | None:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.category_by_code(code)
        return await self._one(self.table.c.code == code)

    async def list(self, *, active_only: bool = True) -> list[Category]:
        """In the admin-chosen order: this is the citizen's category keyboard."""
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.category_list(active_only=active_only)
        t = self.table
        stmt = select(t)
        if active_only:
            stmt = stmt.where(t.c.active.is_(True))
        return await self._many(stmt.order_by(t.c.sort_order, t.c.id))

    async def save(self, category: Category) -> None:
        await self._update(category)


class SqlTemplateRepository(RecordRepository[Template]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, TEMPLATES)

    async def add(self, template: Template) -> Template:
        return await self._insert(template)

    async def list_for_agency(self, agency_id: int | None) -> list[Template]:
        """The agency's own templates plus the shared ones (agency_id NULL); with None, only
        the shared ones."""
        t = self.table
        if agency_id is None:
            where = t.c.agency_id.is_(None)
        else:
            where = or_(t.c.agency_id == agency_id, t.c.agency_id.is_(None))
        return await self._many(select(t).where(where).order_by(t.c.id))

    async def save(self, template: Template) -> None:
        await self._update(template)


class SqlSettingRepository:
    """JSON values by key; `set` is an upsert so callers never need to know if it existed."""

    def __init__(self, ctx: SqlContext) -> None:
        self._ctx = ctx

    async def get(self, key: str) -> Any | None:
        result = await self._ctx.execute(select(SETTINGS.c.value).where(SETTINGS.c.key == key))
        return result.scalar_one_or_none()

    async def set(self, key: str, value: Any) -> None:
        stmt = self._ctx.insert(SETTINGS).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(
            index_elements=[SETTINGS.c.key], set_={"value": stmt.excluded.value}
        )
        await self._ctx.execute(stmt)
        if self._ctx.is_postgres:  # other processes reload settings they keep in memory
            await self._ctx.execute(NOTIFY, {"base": SETTINGS_CHANNEL})
