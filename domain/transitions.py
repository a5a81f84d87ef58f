"""The one table of who may move a ticket from which status to which.

Every use case asks `authorize` before it changes anything, so a stale button, a forwarded
callback or a citizen typing an officer's command is refused in one place, the same way.

The table is written for the ticket as a whole. When several agencies share a ticket, the
agency actions (claim, reply, request_info, resolve, hand_back, transfer) move one assignment;
the ticket's status then follows from all of them (`status_from_assignments`), and the table's
target is exactly what a ticket with a single agency gets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import Forbidden, InvalidTransition
from domain.model import Assignment
from domain.roles import Role
from domain.status import (
    ACTIVE_ASSIGNMENT_STATUSES,
    OPEN_STATUSES,
    AssignmentStatus,
    TicketStatus,
)


class Action(StrEnum):
    SUBMIT = "submit"
    VERIFY = "verify"  # accept and send to the category's default agency
    HOLD = "hold"  # the unit asks the citizen for more before routing
    CITIZEN_ADD_INFO = "citizen_add_info"
    REJECT = "reject"
    DISPATCH = "dispatch"  # send to agencies the admin picks (or add one later)
    CLAIM = "claim"
    REPLY = "reply"
    NOTE = "note"  # internal, never shown to the citizen
    REQUEST_INFO = "request_info"
    RESOLVE = "resolve"
    ALBUM_PHOTOS = "album_photos"  # the rest of an album whose first photo was a reply/resolve
    CONFIRM = "confirm"
    RATE = "rate"  # after closing, when the citizen rates in a second step
    REOPEN = "reopen"
    HAND_BACK = "hand_back"  # "not our authority": back to the unit's queue
    TRANSFER = "transfer"  # "not our authority": straight to another agency
    CANCEL = "cancel"
    AUTO_CLOSE = "auto_close"
    # The citizen asked for their data to be erased (/forget, UU PDP): every open complaint is
    # withdrawn, whoever holds it, and the agencies are told to stop.
    WITHDRAW = "withdraw"


S = TicketStatus

# Supervisors can do what officers can, superadmins what admins can: spelled out once here.
CITIZEN = frozenset({Role.CITIZEN})
AGENCY = frozenset({Role.OFFICER, Role.SUPERVISOR})
UNIT = frozenset({Role.ADMIN, Role.SUPERADMIN})
SYSTEM = frozenset({Role.SYSTEM})
STAFF = AGENCY | UNIT

# Statuses in which an agency is working on the ticket.
_WORKING = (S.DISPATCHED, S.IN_PROGRESS, S.NEED_INFO)


@dataclass(frozen=True)
class Rule:
    to: TicketStatus
    roles: frozenset[Role]


def _rules() -> dict[tuple[TicketStatus | None, Action], Rule]:
    """Build the table. `None` as from-status means "no ticket yet" (only submit)."""
    t: dict[tuple[TicketStatus | None, Action], Rule] = {}

    def allow(
        froms: Iterable[TicketStatus | None],
        action: Action,
        roles: frozenset[Role],
        to: TicketStatus | None = None,
    ) -> None:
        """`to=None` means the status stays what it was (a note, a second agency's claim)."""
        for frm in froms:
            target = to if to is not None else frm
            assert target is not None
            t[(frm, action)] = Rule(target, roles)

    allow([None], Action.SUBMIT, CITIZEN, S.SUBMITTED)

    # The complaint unit triages.
    allow([S.SUBMITTED], Action.VERIFY, UNIT | SYSTEM, S.DISPATCHED)
    allow([S.SUBMITTED], Action.HOLD, UNIT, S.ON_HOLD)
    allow([S.SUBMITTED, S.ON_HOLD], Action.REJECT, UNIT, S.REJECTED)
    allow([S.SUBMITTED], Action.DISPATCH, UNIT, S.DISPATCHED)
    allow(_WORKING, Action.DISPATCH, UNIT)  # add another agency to a ticket in work

    # The citizen follows up.
    allow([S.ON_HOLD], Action.CITIZEN_ADD_INFO, CITIZEN, S.SUBMITTED)
    allow([S.NEED_INFO], Action.CITIZEN_ADD_INFO, CITIZEN, S.IN_PROGRESS)
    allow([S.SUBMITTED, S.DISPATCHED, S.IN_PROGRESS], Action.CITIZEN_ADD_INFO, CITIZEN)
    allow([S.SUBMITTED, S.ON_HOLD], Action.CANCEL, CITIZEN, S.CANCELLED)
    allow([S.RESOLVED], Action.CONFIRM, CITIZEN, S.CLOSED)
    allow([S.CLOSED], Action.RATE, CITIZEN)
    # The unit may reopen too: a "not solutive" fix spotted in review is the ULAS problem.
    allow([S.RESOLVED], Action.REOPEN, CITIZEN | UNIT, S.IN_PROGRESS)

    # Agencies work.
    allow([S.DISPATCHED], Action.CLAIM, AGENCY, S.IN_PROGRESS)
    allow([S.IN_PROGRESS, S.NEED_INFO], Action.CLAIM, AGENCY)  # a second agency's share
    allow([S.DISPATCHED], Action.REPLY, AGENCY, S.IN_PROGRESS)  # first response
    allow([S.IN_PROGRESS, S.NEED_INFO], Action.REPLY, AGENCY)
    allow(_WORKING, Action.REQUEST_INFO, AGENCY, S.NEED_INFO)
    allow(_WORKING, Action.RESOLVE, AGENCY, S.RESOLVED)
    allow([*_WORKING, S.RESOLVED], Action.ALBUM_PHOTOS, AGENCY)  # its share already resolved
    allow(_WORKING, Action.HAND_BACK, AGENCY, S.SUBMITTED)
    allow(_WORKING, Action.TRANSFER, STAFF, S.DISPATCHED)
    allow(
        [S.SUBMITTED, S.ON_HOLD, *_WORKING, S.RESOLVED], Action.NOTE, STAFF
    )  # internal notes never change the status

    allow([S.RESOLVED], Action.AUTO_CLOSE, SYSTEM, S.CLOSED)
    # A superadmin acts for a citizen whose request came another way (a letter, the counter).
    allow(OPEN_STATUSES, Action.WITHDRAW, CITIZEN | UNIT, S.CANCELLED)
    return t


TRANSITIONS: dict[tuple[TicketStatus | None, Action], Rule] = _rules()

_ROLES_BY_ACTION: dict[Action, frozenset[Role]] = {
    action: frozenset().union(*(r.roles for (_, a), r in TRANSITIONS.items() if a == action))
    for action in Action
}


def authorize(status: TicketStatus | None, action: Action, role: Role) -> TicketStatus:
    """The status `action` leads to from `status`, if `role` may do it.

    A role that may never do the action gets `Forbidden` whatever the status (a citizen is not
    told that a claim would have been possible later); a role that may, but not from this
    status, gets `InvalidTransition` (typically a stale button).
    """
    if role not in _ROLES_BY_ACTION[action]:
        raise Forbidden(f"{role} may not {action}")
    rule = TRANSITIONS.get((status, action))
    if rule is None:
        raise InvalidTransition(f"cannot {action} a ticket that is {status}")
    if role not in rule.roles:
        raise Forbidden(f"{role} may not {action} a ticket that is {status}")
    return rule.to


def roles_for(action: Action) -> frozenset[Role]:
    """Every role that may do `action` in some status (for menus and help texts)."""
    return _ROLES_BY_ACTION[action]


def actions_from(status: TicketStatus | None, role: Role) -> list[Action]:
    """What `role` may do on a ticket in `status`: the buttons a card should show."""
    return [a for (s, a), r in TRANSITIONS.items() if s == status and role in r.roles]


def status_from_assignments(assignments: Iterable[Assignment]) -> TicketStatus | None:
    """The ticket's status while agencies hold it, or None when no assignment is active.

    Any agency waiting on the citizen makes the whole ticket `need_info`, because the
    citizen's next message is the answer. Once any agency has started (or finished) its part,
    the ticket is `in_progress`, so the citizen never sees it slide back to `dispatched` when
    one of several agencies resolves. None lets the caller use the table's target (resolved,
    or submitted after a hand-back).
    """
    shares = list(assignments)
    active = {a.status for a in shares if a.status in ACTIVE_ASSIGNMENT_STATUSES}
    if not active:
        return None
    if AssignmentStatus.NEED_INFO in active:
        return S.NEED_INFO
    if AssignmentStatus.IN_PROGRESS in active or any(
        a.status == AssignmentStatus.RESOLVED for a in shares
    ):
        return S.IN_PROGRESS
    return S.DISPATCHED


# A share's status read as the status of a one-agency ticket, to ask the table what is left.
SHARE_AS_TICKET: dict[AssignmentStatus, TicketStatus | None] = {
    AssignmentStatus.DISPATCHED: S.DISPATCHED,
    AssignmentStatus.IN_PROGRESS: S.IN_PROGRESS,
    AssignmentStatus.NEED_INFO: S.NEED_INFO,
    AssignmentStatus.RESOLVED: S.RESOLVED,
    AssignmentStatus.CLOSED: S.CLOSED,
    AssignmentStatus.HANDED_BACK: None,
}


def share_actions(share: Assignment | None) -> list[Action]:
    """What an officer may still do with their agency's share: the table asked for a
    one-agency ticket in the share's status, less Claim once someone has claimed it (the
    button would only say "already yours"). Cards show these; a press is checked against them.
    """
    status = SHARE_AS_TICKET.get(share.status) if share is not None else None
    if share is None or status is None:
        return []
    allowed = actions_from(status, Role.OFFICER)
    if share.officer_id is not None and Action.CLAIM in allowed:
        allowed.remove(Action.CLAIM)
    return allowed
