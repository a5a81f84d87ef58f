"""The admin audit log: who did what outside a ticket's life, and who was shown whose data.

A ticket's own history is its `TicketEvent` rows. Everything else an administrator, officer or
operator does (bans, invites, staff and role changes, agency, category, template and SLA
edits, group links, reports and exports, backups, data-rights requests) and every time a
citizen's phone or full profile is shown is one `AuditEntry`, appended in the same unit of
work as the change itself, so the change and its record commit together or not at all. UU PDP
(27/2022) asks a controller to account for who processed personal data; this is that account.

The log is append-only: the port has no update and no delete. It names citizens by their row
id ("citizen:12", what staff see as Reporter #12), never by name or phone.

Recording, from any layer that has a unit of work:

    await record_action(uow, actor, AuditAction.CITIZEN_BAN, f"citizen:{citizen.id}",
                        at=life.now(), before={"banned": False}, after={"banned": True})

`actor` is the domain `Actor` (staff, or a citizen for their own data request) or an
`Operator` (the command line).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.model import AuditEntry
from domain.ports import UnitOfWork
from domain.roles import Role
from domain.usecases.context import Actor

OPERATOR = "operator"  # AuditEntry.actor_role of the command line


class AuditAction(StrEnum):
    """What was done; `<thing>.<verb>`. Add new actions here (and an `audit-action-*` text)."""

    CITIZEN_BAN = "citizen.ban"
    CITIZEN_UNBAN = "citizen.unban"
    CITIZEN_DATA_SHOWN = "citizen.data_shown"  # a phone or full profile was shown
    STAFF_INVITE = "staff.invite"
    STAFF_JOIN = "staff.join"  # an invite was used: a new staff member and role
    STAFF_REMOVE = "staff.remove"
    STAFF_ROLE = "staff.role"  # a role set from the command line (`aduan admin add`)
    STAFF_LIST = "staff.list"
    AGENCY_ADD = "agency.add"
    AGENCY_LIST = "agency.list"
    CATEGORY_ADD = "category.add"
    CATEGORY_LIST = "category.list"
    TEMPLATE_SAVE = "template.save"
    SLA_SET = "sla.set"
    SLA_VIEW = "sla.view"
    GROUP_LINK = "group.link"
    GROUP_LANGUAGE = "group.language"
    CITY_SEED = "city.seed"
    QUEUE_VIEW = "queue.view"
    TICKET_VIEW = "ticket.view"
    TICKET_HISTORY = "ticket.history"
    TICKET_ASSIGN = "ticket.assign"
    TICKET_TRANSFER = "ticket.transfer"
    REPORT_REQUEST = "report.request"
    EXPORT_REQUEST = "export.request"
    POSTER_REQUEST = "poster.request"
    EXPORT_WRITE = "export.write"  # `aduan export` wrote files
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    BACKUP = "backup"
    APIKEY_ADD = "apikey.add"  # an Open311 client may now file complaints
    APIKEY_REVOKE = "apikey.revoke"
    RESTORE = "restore"
    DATA_EXPORT = "data.export"  # a citizen's /mydata
    DATA_ERASE = "data.erase"  # /forget, by the citizen or for them
    DATA_ERASE_REQUEST = "data.erase_request"  # a superadmin's /forget <reporter>, asked


@dataclass(frozen=True)
class Operator:
    """Someone at the command line (`aduan ...`): no staff row, known by their OS account."""

    name: str

    @classmethod
    def current(cls) -> Operator:
        try:
            return cls(getpass.getuser())
        except (KeyError, OSError):  # no passwd entry (some containers)
            return cls("unknown")


async def record_action(
    uow: UnitOfWork,
    actor: Actor | Operator,
    action: AuditAction | str,
    target: str,
    *,
    at: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the log in `uow` (committed with the caller's change)."""
    if isinstance(actor, Operator):
        role, actor_id, name = OPERATOR, None, actor.name
    else:  # a citizen is named by row id only (Reporter #N), never by name
        role, actor_id = actor.role.value, actor.id
        name = "" if actor.role is Role.CITIZEN else actor.name
    entry = AuditEntry(
        at=at,
        actor_role=role,
        action=str(action),
        target=target,
        actor_id=actor_id,
        actor_name=name,
        before=before,
        after=after,
    )
    return await uow.audit.record(entry)
