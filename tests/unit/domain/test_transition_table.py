"""Every (status, action, role) against the lifecycle written out independently of the code.

The expected table below is spelled out by hand from DESIGN.md's lifecycle rather than derived
from domain.transitions, so a slip in either one shows up here.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from domain.errors import Forbidden, InvalidTransition
from domain.model import Assignment
from domain.roles import Role
from domain.status import AssignmentStatus, TicketStatus
from domain.transitions import (
    TRANSITIONS,
    Action,
    actions_from,
    authorize,
    status_from_assignments,
)

C, OF, SV, A, SA, SY = (
    Role.CITIZEN,
    Role.OFFICER,
    Role.SUPERVISOR,
    Role.ADMIN,
    Role.SUPERADMIN,
    Role.SYSTEM,
)
AGENCY = {OF, SV}
UNIT = {A, SA}
S = TicketStatus
WORKING = (S.DISPATCHED, S.IN_PROGRESS, S.NEED_INFO)

EXPECTED: dict[tuple[TicketStatus | None, Action], tuple[TicketStatus, set[Role]]] = {
    (None, Action.SUBMIT): (S.SUBMITTED, {C}),
    (S.SUBMITTED, Action.VERIFY): (S.DISPATCHED, UNIT | {SY}),
    (S.SUBMITTED, Action.HOLD): (S.ON_HOLD, UNIT),
    (S.SUBMITTED, Action.REJECT): (S.REJECTED, UNIT),
    (S.ON_HOLD, Action.REJECT): (S.REJECTED, UNIT),
    (S.SUBMITTED, Action.DISPATCH): (S.DISPATCHED, UNIT),
    (S.DISPATCHED, Action.DISPATCH): (S.DISPATCHED, UNIT),
    (S.IN_PROGRESS, Action.DISPATCH): (S.IN_PROGRESS, UNIT),
    (S.NEED_INFO, Action.DISPATCH): (S.NEED_INFO, UNIT),
    (S.ON_HOLD, Action.CITIZEN_ADD_INFO): (S.SUBMITTED, {C}),
    (S.NEED_INFO, Action.CITIZEN_ADD_INFO): (S.IN_PROGRESS, {C}),
    (S.SUBMITTED, Action.CITIZEN_ADD_INFO): (S.SUBMITTED, {C}),
    (S.DISPATCHED, Action.CITIZEN_ADD_INFO): (S.DISPATCHED, {C}),
    (S.IN_PROGRESS, Action.CITIZEN_ADD_INFO): (S.IN_PROGRESS, {C}),
    (S.SUBMITTED, Action.CANCEL): (S.CANCELLED, {C}),
    (S.ON_HOLD, Action.CANCEL): (S.CANCELLED, {C}),
    (S.RESOLVED, Action.CONFIRM): (S.CLOSED, {C}),
    (S.CLOSED, Action.RATE): (S.CLOSED, {C}),
    (S.RESOLVED, Action.REOPEN): (S.IN_PROGRESS, {C} | UNIT),
    (S.DISPATCHED, Action.CLAIM): (S.IN_PROGRESS, AGENCY),
    (S.IN_PROGRESS, Action.CLAIM): (S.IN_PROGRESS, AGENCY),
    (S.NEED_INFO, Action.CLAIM): (S.NEED_INFO, AGENCY),
    (S.DISPATCHED, Action.REPLY): (S.IN_PROGRESS, AGENCY),
    (S.IN_PROGRESS, Action.REPLY): (S.IN_PROGRESS, AGENCY),
    (S.NEED_INFO, Action.REPLY): (S.NEED_INFO, AGENCY),
    **{(s, Action.REQUEST_INFO): (S.NEED_INFO, AGENCY) for s in WORKING},
    **{(s, Action.RESOLVE): (S.RESOLVED, AGENCY) for s in WORKING},
    # the rest of a resolution's album; the share is resolved, the ticket maybe not yet
    **{(s, Action.ALBUM_PHOTOS): (s, AGENCY) for s in (*WORKING, S.RESOLVED)},
    **{(s, Action.HAND_BACK): (S.SUBMITTED, AGENCY) for s in WORKING},
    **{(s, Action.TRANSFER): (S.DISPATCHED, AGENCY | UNIT) for s in WORKING},
    **{
        (s, Action.NOTE): (s, AGENCY | UNIT) for s in (S.SUBMITTED, S.ON_HOLD, *WORKING, S.RESOLVED)
    },
    (S.RESOLVED, Action.AUTO_CLOSE): (S.CLOSED, {SY}),
    # /forget: the citizen (or a superadmin for them) withdraws whatever is still open
    **{
        (s, Action.WITHDRAW): (S.CANCELLED, {C} | UNIT)
        for s in (S.SUBMITTED, S.ON_HOLD, *WORKING, S.RESOLVED)
    },
}

ROLES_OF_ACTION = {
    action: set().union(*(roles for (_, a), (_, roles) in EXPECTED.items() if a == action))
    for action in Action
}

ALL = list(itertools.product([None, *TicketStatus], Action, Role))


def test_table_has_exactly_the_expected_transitions() -> None:
    assert set(TRANSITIONS) == set(EXPECTED)
    for key, rule in TRANSITIONS.items():
        assert (rule.to, set(rule.roles)) == EXPECTED[key], key


@pytest.mark.parametrize(("status", "action", "role"), ALL, ids=lambda v: str(v))
def test_every_status_action_role(status: TicketStatus | None, action: Action, role: Role) -> None:
    expected = EXPECTED.get((status, action))
    if expected is not None and role in expected[1]:
        assert authorize(status, action, role) == expected[0]
    elif role not in ROLES_OF_ACTION[action]:
        with pytest.raises(Forbidden):  # a role that never may: same answer in every status
            authorize(status, action, role)
    elif expected is None:
        with pytest.raises(InvalidTransition):
            authorize(status, action, role)
    else:
        with pytest.raises(Forbidden):
            authorize(status, action, role)


def test_final_statuses_allow_nothing_but_rating() -> None:
    for status in (S.CLOSED, S.REJECTED, S.CANCELLED):
        for role in Role:
            allowed = actions_from(status, role)
            assert allowed == ([Action.RATE] if (status, role) == (S.CLOSED, C) else [])


def test_buttons_for_a_dispatched_ticket() -> None:
    assert set(actions_from(S.DISPATCHED, OF)) == {
        Action.CLAIM,
        Action.REPLY,
        Action.REQUEST_INFO,
        Action.RESOLVE,
        Action.ALBUM_PHOTOS,  # no button: an album's photos after its note
        Action.HAND_BACK,
        Action.TRANSFER,
        Action.NOTE,
    }
    assert set(actions_from(S.SUBMITTED, A)) == {
        Action.VERIFY,
        Action.HOLD,
        Action.REJECT,
        Action.DISPATCH,
        Action.NOTE,
        Action.WITHDRAW,  # no button: a superadmin's /forget for the citizen
    }


def share(status: AssignmentStatus) -> Assignment:
    return Assignment(1, 1, status, datetime(2026, 11, 2, tzinfo=UTC))


D, P, N, R, H = (
    AssignmentStatus.DISPATCHED,
    AssignmentStatus.IN_PROGRESS,
    AssignmentStatus.NEED_INFO,
    AssignmentStatus.RESOLVED,
    AssignmentStatus.HANDED_BACK,
)


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ([], None),
        ([R], None),
        ([H], None),
        ([R, H], None),
        ([D], S.DISPATCHED),
        ([D, H], S.DISPATCHED),
        ([D, P], S.IN_PROGRESS),
        ([D, R], S.IN_PROGRESS),  # one agency finished: never back to "dispatched"
        ([P, N], S.NEED_INFO),
        ([D, N, R], S.NEED_INFO),
    ],
)
def test_ticket_status_follows_its_shares(
    shares: list[AssignmentStatus], expected: TicketStatus | None
) -> None:
    assert status_from_assignments([share(s) for s in shares]) == expected
