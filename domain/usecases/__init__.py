"""The lifecycle's use cases: one function per thing someone does to a ticket.

Each takes `(uow, life, actor, ticket_id, ...)`, checks the actor against the transition table
and the ticket's owner or agency, applies the change, writes one `TicketEvent` and lets the
notifier queue its messages, all inside the caller's unit of work. None of them commits.
"""

from domain.usecases.agency_work import (
    add_album_photos,
    add_internal_note,
    claim_ticket,
    reply_to_citizen,
    request_info,
    resolve_ticket,
)
from domain.usecases.citizen_followup import (
    add_citizen_info,
    cancel_ticket,
    confirm_resolution,
    rate_ticket,
    reopen_ticket,
)
from domain.usecases.closing import auto_close_ticket, tickets_due_for_auto_close
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.intake import submit_ticket
from domain.usecases.queries import citizen_tickets, get_citizen_ticket, public_timeline
from domain.usecases.rerouting import hand_back_ticket, transfer_ticket
from domain.usecases.triage import dispatch_ticket, hold_ticket, reject_ticket, verify_ticket

__all__ = [
    "Actor",
    "Lifecycle",
    "add_album_photos",
    "add_citizen_info",
    "add_internal_note",
    "auto_close_ticket",
    "cancel_ticket",
    "citizen_tickets",
    "claim_ticket",
    "confirm_resolution",
    "dispatch_ticket",
    "get_citizen_ticket",
    "hand_back_ticket",
    "hold_ticket",
    "public_timeline",
    "rate_ticket",
    "reject_ticket",
    "reopen_ticket",
    "reply_to_citizen",
    "request_info",
    "resolve_ticket",
    "submit_ticket",
    "tickets_due_for_auto_close",
    "transfer_ticket",
    "verify_ticket",
]
