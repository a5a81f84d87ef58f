"""Who may act on a ticket. A role is checked on every action, never assumed from the chat."""

from enum import StrEnum


class Role(StrEnum):
    CITIZEN = "citizen"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SUPERADMIN = "superadmin"
    SYSTEM = "system"


STAFF_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN, Role.SUPERADMIN})
UNIT_ROLES = frozenset({Role.ADMIN, Role.SUPERADMIN})
AGENCY_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})
