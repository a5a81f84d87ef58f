"""What every use case is given besides the unit of work: the lifecycle's tools, and who acts.

Use cases never commit. The caller opens `async with uow_factory() as uow:`, calls one or more
use cases and commits, so a handler can put its own writes (inbox bookkeeping, a reply) in the
same transaction as the state change and the messages it causes.

If a use case raises `ConcurrentUpdate`, part of its change may already be written in the
unit of work: roll back before retrying. Every other `DomainError` is raised before anything
is written, so the caller may still commit its own writes (e.g. an "already claimed" notice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.clock import Clock
from domain.model import Citizen, Staff
from domain.ports import Notifier
from domain.roles import AGENCY_ROLES, UNIT_ROLES, Role
from domain.sla import SlaPolicy


@dataclass
class Lifecycle:
    """The injected collaborators: time, deadlines, and who is told what."""

    clock: Clock
    sla: SlaPolicy
    notifier: Notifier

    def now(self) -> datetime:
        return self.clock.now()


@dataclass(frozen=True)
class Actor:
    """Who is acting, as established by the caller from the database, never from the chat.

    `id` is the citizen's or the staff member's row id (not the Telegram id); `agency_id` is
    the staff member's agency, which limits officers to their own agency's assignments.
    """

    role: Role
    id: int | None
    agency_id: int | None = None
    name: str = ""

    @classmethod
    def system(cls) -> Actor:
        """The scheduler: auto-close, and verification of auto-verified categories."""
        return cls(Role.SYSTEM, None, None, "system")

    @classmethod
    def citizen(cls, citizen: Citizen) -> Actor:
        return cls(Role.CITIZEN, citizen.id, None, citizen.name)

    @classmethod
    def staff(cls, staff: Staff) -> Actor:
        return cls(staff.role, staff.id, staff.agency_id, staff.name)

    @property
    def is_unit(self) -> bool:
        """The complaint unit (admins, superadmins) may act on every ticket."""
        return self.role in UNIT_ROLES

    @property
    def is_agency(self) -> bool:
        return self.role in AGENCY_ROLES
