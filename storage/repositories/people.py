"""Citizens, agencies, staff and invites: edited by one person at a time, so last write wins.

Agencies are read from the process's catalog cache (storage.repositories.catalog_cache)."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update

from domain.errors import NotFound
from domain.model import Agency, Citizen, Invite, Staff
from domain.roles import Role
from storage.mapping import RecordMapper
from storage.repositories.base import RecordRepository, SqlContext
from storage.repositories.catalog_cache import AGENCIES
from storage.repositories.drafts import DRAFT_COLUMNS, DRAFTS, remember_draft_along
from storage.tables import CitizenRow, InviteRow, StaffRow, table_of

CITIZENS = RecordMapper(Citizen, table_of(CitizenRow))
_BY_TELEGRAM = "telegram_id"  # a citizen's second key in the unit of work's memory
STAFF = RecordMapper(Staff, table_of(StaffRow))
INVITES = RecordMapper(Invite, table_of(InviteRow))
# Every update asks who sent it: these two are built once. A citizen comes with their private
# chat's draft (storage.repositories.drafts): nearly every update of theirs asks for both.
_CITIZEN_WITH_DRAFT = (
    select(CITIZENS.table, *DRAFT_COLUMNS)
    .select_from(CITIZENS.table)
    .outerjoin(DRAFTS, DRAFTS.c.chat_id == CITIZENS.table.c.chat_id)
)
_CITIZEN_BY_TELEGRAM_ID = _CITIZEN_WITH_DRAFT.where(
    CITIZENS.table.c.telegram_id == bindparam("telegram_id")
).limit(1)
_CITIZENS_BY_TELEGRAM_IDS = _CITIZEN_WITH_DRAFT.where(
    CITIZENS.table.c.telegram_id.in_(bindparam("telegram_ids", expanding=True))
)
# The active record first: a person re-invited after leaving has an old, inactive one.
_STAFF_BY_TELEGRAM_ID = (
    select(STAFF.table)
    .where(STAFF.table.c.telegram_id == bindparam("telegram_id"))
    .order_by(STAFF.table.c.active.desc(), STAFF.table.c.id.desc())
    .limit(1)
)


def remember_citizen(ctx: SqlContext, citizen: Citizen | None) -> Citizen | None:
    """Keep a citizen as this unit of work read or wrote it, by id and by Telegram id (a copy:
    the caller may change its own before saving). An update's citizen is then read once
    however many steps ask, also when a ticket read brought them along."""
    if citizen is not None and citizen.id is not None:
        known = ctx.memory(CITIZENS.table.name)
        known[citizen.id] = dataclasses.replace(citizen)
        if citizen.telegram_id is not None:
            known[_BY_TELEGRAM, citizen.telegram_id] = known[citizen.id]
    return citizen


class SqlCitizenRepository(RecordRepository[Citizen]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, CITIZENS)

    async def add(self, citizen: Citizen) -> Citizen:
        added = await self._insert(citizen, rows=_keys(citizen))
        remember_citizen(self._ctx, added)
        return added

    async def get(self, citizen_id: int) -> Citizen | None:
        known = self._ctx.memory(self.table.name)
        if citizen_id not in known:
            return remember_citizen(self._ctx, await self._get(citizen_id))
        return _copy(known[citizen_id])

    async def get_by_telegram_id(self, telegram_id: int) -> Citizen | None:
        known = self._ctx.memory(self.table.name)
        key = (_BY_TELEGRAM, telegram_id)
        if key not in known:
            result = await self._ctx.execute(_CITIZEN_BY_TELEGRAM_ID, {"telegram_id": telegram_id})
            row = result.mappings().first()
            if row is None:
                known[key] = None  # not found is remembered too: a newcomer's turn asks again
                return None
            return self._remember_with_draft(row)
        return _copy(known[key])

    async def read_ahead(self, telegram_ids: Collection[int]) -> list[Citizen]:
        """The citizens of several updates about to be handled in this unit of work, with
        their drafts, in one statement; `get_by_telegram_id` and `SqlDraftRepository.get`
        then hand them out without a statement of their own (those not found too)."""
        result = await self._ctx.execute(
            _CITIZENS_BY_TELEGRAM_IDS, {"telegram_ids": list(telegram_ids)}
        )
        found = [self._remember_with_draft(row) for row in result.mappings()]
        known = self._ctx.memory(self.table.name)
        for telegram_id in telegram_ids:
            known.setdefault((_BY_TELEGRAM, telegram_id), None)
        return [dataclasses.replace(citizen) for citizen in found]

    def _remember_with_draft(self, row: Mapping[str, Any]) -> Citizen:
        found = self.mapper.from_row(row)
        if found.chat_id is not None:
            remember_draft_along(self._ctx, found.chat_id, row)
        remember_citizen(self._ctx, found)
        return found

    async def get_by_external_id(self, channel: str, external_id: str) -> Citizen | None:
        t = self.table
        return await self._one((t.c.channel == channel) & (t.c.external_id == external_id))

    async def save(self, citizen: Citizen) -> None:
        """Last writer wins, except over an erasure: a handler holding the row from before
        (a language change racing /forget) must not write the person back."""
        if citizen.id is None:
            raise NotFound("Citizen was never added")
        if citizen.erased_at is not None:
            return
        t = self.table
        values = self.mapper.to_values(citizen, exclude=("id", "erased_at"))
        stmt = update(t).where(t.c.id == citizen.id, t.c.erased_at.is_(None)).values(**values)
        if await self._ctx.rowcount(stmt, rows=_keys(citizen)) == 1:
            remember_citizen(self._ctx, citizen)


def _keys(citizen: Citizen) -> tuple[object, ...]:
    """Where the unit of work's memory keeps a citizen: by id and by Telegram id."""
    return (citizen.id, (_BY_TELEGRAM, citizen.telegram_id))


def remember_staff(ctx: SqlContext, staff: Staff | None) -> None:
    """Keep a staff row this unit of work read (the presser, the actors of a ticket's events),
    for `SqlStaffRepository.get`: a card names them without reading them again."""
    if staff is not None and staff.id is not None:
        ctx.memory(STAFF.table.name)[staff.id] = dataclasses.replace(staff)


def _copy(citizen: Citizen | None) -> Citizen | None:
    return None if citizen is None else dataclasses.replace(citizen)


class SqlAgencyRepository(RecordRepository[Agency]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, AGENCIES)

    async def add(self, agency: Agency) -> Agency:
        return await self._insert(agency)

    async def get(self, agency_id: int) -> Agency | None:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.agency(id=agency_id)
        return await self._get(agency_id)

    async def get_by_code(self, code: str) -> Agency | None:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.agency(code=code)
        return await self._one(self.table.c.code == code)

    async def get_by_group_chat(self, chat_id: int) -> Agency | None:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.agency(group_chat_id=chat_id)
        t = self.table
        return await self._first(select(t).where(t.c.group_chat_id == chat_id).order_by(t.c.id))

    async def complaint_unit(self) -> Agency | None:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.agency(is_complaint_unit=True, active=True)
        t = self.table
        return await self._first(
            select(t).where(t.c.is_complaint_unit.is_(True), t.c.active.is_(True)).order_by(t.c.id)
        )

    async def list(self, *, active_only: bool = True) -> list[Agency]:
        if catalog := await self._ctx.catalog_snapshot():
            return catalog.agency_list(active_only=active_only)
        t = self.table
        stmt = select(t)
        if active_only:
            stmt = stmt.where(t.c.active.is_(True))
        return await self._many(stmt.order_by(t.c.id))

    async def save(self, agency: Agency) -> None:
        await self._update(agency)


class SqlStaffRepository(RecordRepository[Staff]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, STAFF)

    async def add(self, staff: Staff) -> Staff:
        return await self._insert(staff)

    async def get(self, staff_id: int) -> Staff | None:
        """Read once per unit of work: a claim's card names the presser it already read."""
        known = self._ctx.memory(self.table.name)
        if staff_id not in known:
            known[staff_id] = await self._get(staff_id)
        found = known[staff_id]
        return None if found is None else dataclasses.replace(found)

    async def get_by_telegram_id(self, telegram_id: int) -> Staff | None:
        found = await self._first_of(_STAFF_BY_TELEGRAM_ID, telegram_id=telegram_id)
        remember_staff(self._ctx, found)
        return found

    async def save(self, staff: Staff) -> None:
        await self._update(staff)

    async def list(
        self,
        *,
        agency_id: int | None = None,
        roles: Iterable[Role] | None = None,
        active_only: bool = True,
    ) -> list[Staff]:
        t = self.table
        stmt = select(t)
        if agency_id is not None:
            stmt = stmt.where(t.c.agency_id == agency_id)
        if roles is not None:
            stmt = stmt.where(t.c.role.in_([Role(r).value for r in roles]))
        if active_only:
            stmt = stmt.where(t.c.active.is_(True))
        return await self._many(stmt.order_by(t.c.id))


class SqlInviteRepository(RecordRepository[Invite]):
    def __init__(self, ctx: SqlContext) -> None:
        super().__init__(ctx, INVITES)

    async def add(self, invite: Invite) -> Invite:
        return await self._insert(invite)

    async def get_by_token(self, token: str) -> Invite | None:
        return await self._one(self.table.c.token == token)

    async def save(self, invite: Invite) -> None:
        await self._update(invite)

    async def mark_used(self, invite_id: int, *, used_by: int, used_at: datetime) -> bool:
        """Use an invite once: True only for the first caller. Two people opening the same
        link at the same moment both read it unused; only one UPDATE still matches."""
        t = self.table
        stmt = (
            update(t)
            .where(t.c.id == invite_id, t.c.used_by.is_(None))
            .values(used_by=used_by, used_at=used_at)
        )
        return await self._ctx.rowcount(stmt) == 1
