"""Superadmins named in SUPERADMIN_IDS exist before the first update is handled.

A fresh install has nobody who could send /invite; `aduan admin add` is one way in, this is
the other: the runtime calls `ensure_superadmins` at start, so the configured people are
always superadmins of the complaint unit, even after someone removed them by mistake.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from domain.audit import AuditAction, Operator, record_action
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
            staff = await uow.staff.add(
                Staff(
                    telegram_id=telegram_id,
                    name=f"Superadmin {telegram_id}",
                    role=Role.SUPERADMIN,
                    created_at=now,
                    agency_id=unit.id if unit else None,
                    chat_id=telegram_id,  # a user's private chat id is their user id
                )
            )
            await _audit(uow, staff, None, now)
            changed += 1
        elif staff.role != Role.SUPERADMIN or not staff.active:
            before = {"role": staff.role.value, "active": staff.active}
            staff.role, staff.active = Role.SUPERADMIN, True
            staff.agency_id = unit.id if unit else staff.agency_id
            await uow.staff.save(staff)
            await _audit(uow, staff, before, now)
            changed += 1
    return changed


async def _audit(uow: UnitOfWork, staff: Staff, before: dict | None, now: datetime) -> None:
    """A role given by configuration is still a role change: recorded as the operator's."""
    await record_action(
        uow,
        Operator("SUPERADMIN_IDS"),
        AuditAction.STAFF_ROLE,
        f"staff:{staff.id}",
        at=now,
        before=before,
        after={"role": Role.SUPERADMIN.value, "active": True},
    )
