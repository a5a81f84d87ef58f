"""Superadmins named in SUPERADMIN_IDS exist before the first update is handled.

A fresh install has nobody who could send /invite; `aduan admin add` is one way in, this is
the other: the runtime calls `ensure_superadmins` at start, so the configured people are
always superadmins of the complaint unit, even after someone removed them by mistake.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from domain.model import Staff
from domain.ports import UnitOfWork
from domain.roles import Role

log = logging.getLogger(__name__)


async def ensure_superadmins(uow: UnitOfWork, telegram_ids: Iterable[int], now: datetime) -> int:
    """Create or restore each id as an active superadmin; returns how many rows changed.

    The caller commits. Existing names are kept (the person may have been invited first).
    """
    unit = await uow.agencies.complaint_unit()
    if unit is None:
        log.warning("SUPERADMIN_IDS: no complaint unit yet; superadmins have no agency")
    changed = 0
    for telegram_id in dict.fromkeys(telegram_ids):
        staff = await uow.staff.get_by_telegram_id(telegram_id)
        if staff is None:
            await uow.staff.add(
                Staff(
                    telegram_id=telegram_id,
                    name=f"Superadmin {telegram_id}",
                    role=Role.SUPERADMIN,
                    created_at=now,
                    agency_id=unit.id if unit else None,
                    chat_id=telegram_id,  # a user's private chat id is their user id
                )
            )
            changed += 1
        elif staff.role != Role.SUPERADMIN or not staff.active:
            staff.role, staff.active = Role.SUPERADMIN, True
            staff.agency_id = unit.id if unit else staff.agency_id
            await uow.staff.save(staff)
            changed += 1
    return changed
