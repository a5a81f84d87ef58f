"""Ticket and assignment statuses, as DESIGN.md's lifecycle names them."""

from enum import StrEnum


class TicketStatus(StrEnum):
    SUBMITTED = "submitted"
    ON_HOLD = "on_hold"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    NEED_INFO = "need_info"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset(
    {
        TicketStatus.SUBMITTED,
        TicketStatus.ON_HOLD,
        TicketStatus.DISPATCHED,
        TicketStatus.IN_PROGRESS,
        TicketStatus.NEED_INFO,
        TicketStatus.RESOLVED,
    }
)
FINAL_STATUSES = frozenset({TicketStatus.CLOSED, TicketStatus.REJECTED, TicketStatus.CANCELLED})


class AssignmentStatus(StrEnum):
    """One agency's share of a ticket; each has its own clock."""

    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    NEED_INFO = "need_info"
    RESOLVED = "resolved"
    HANDED_BACK = "handed_back"  # "not our authority"
    CLOSED = "closed"


ACTIVE_ASSIGNMENT_STATUSES = frozenset(
    {AssignmentStatus.DISPATCHED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.NEED_INFO}
)


class SlaStage(StrEnum):
    VERIFY = "verify"
    FIRST_RESPONSE = "first_response"
    RESOLVE = "resolve"
    CONFIRM = "confirm"


class RejectReason(StrEnum):
    SPAM = "spam"
    INCOMPLETE = "incomplete"
    DUPLICATE = "duplicate"
    NOT_PUBLIC_SERVICE = "not_public_service"
