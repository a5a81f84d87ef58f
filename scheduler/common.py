"""What every job shares: the unit-of-work factory type, a clock frozen at the job's `now`,
and the few facts about chats (who is told where) that several jobs need."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from domain.model import Agency, Staff
from domain.roles import Role
from domain.usecases.context import Lifecycle
from handlers.alerts import admin_chats
from storage.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]


class FrozenClock:
    """The job's `now` for everything the job calls, so one run sees one instant."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at


def life_at(life: Lifecycle, now: datetime) -> Lifecycle:
    """The lifecycle with its clock stopped at `now` (use cases read `life.now()`)."""
    return dataclasses.replace(life, clock=FrozenClock(now))


def tz_name(life: Lifecycle) -> str:
    """The city's time zone, from the working calendar the SLA runs on."""
    return life.sla.calendar.tz.key


def group_of(agency: Agency | None) -> int | None:
    """An agency's group chat, if it is linked and the bot is still in it."""
    if agency is None or agency.group_chat_id is None or not agency.group_active:
        return None
    return agency.group_chat_id


def private_chat(staff: Staff) -> int:
    """A staff member's private chat; in Telegram it is their user id unless stored."""
    return staff.chat_id or staff.telegram_id


async def supervisor_chats(uow: SqlUnitOfWork, agency_id: int) -> list[int]:
    staff = await uow.staff.list(agency_id=agency_id, roles=[Role.SUPERVISOR])
    return list(dict.fromkeys(private_chat(s) for s in staff))


async def report_chats(uow: SqlUnitOfWork, fallback_chat: int | None = None) -> list[int]:
    """The admin group (the complaint unit's linked group, else ADMIN_CHAT_ID), else every
    admin privately: an escalation or a report is never dropped for want of a group."""
    unit = await uow.agencies.complaint_unit()
    if group_of(unit) is None and fallback_chat is not None:
        return [fallback_chat]
    return await admin_chats(uow)
