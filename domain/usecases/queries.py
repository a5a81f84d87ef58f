"""Read-side helpers for the bot: what a citizen may see of their own tickets.

A citizen asking for someone else's code gets exactly the answer a non-existent code gets, so
codes cannot be probed for existence.
"""

from __future__ import annotations

from domain.codes import parse_code
from domain.errors import NotFound
from domain.model import Ticket, TicketEvent
from domain.ports import UnitOfWork


async def get_citizen_ticket(uow: UnitOfWork, citizen_id: int, code: str) -> Ticket:
    """The citizen's own ticket by its code (typed in any case, with or without "ADU-").

    A malformed code raises ValidationFailed (nothing to hide there); an unknown code and
    someone else's code both raise NotFound.
    """
    ticket = await uow.tickets.get_by_code(parse_code(code))
    if ticket is None or ticket.citizen_id != citizen_id:
        raise NotFound("no such ticket")
    return ticket


async def public_timeline(uow: UnitOfWork, ticket_id: int) -> list[TicketEvent]:
    """The events a citizen sees, oldest first: internal notes are left out."""
    return await uow.events.for_ticket(ticket_id, public_only=True)


async def citizen_tickets(
    uow: UnitOfWork, citizen_id: int, *, limit: int = 10, offset: int = 0
) -> tuple[list[Ticket], int]:
    """A page of the citizen's tickets (newest first, as storage orders them) and the total."""
    tickets = await uow.tickets.list_for_citizen(citizen_id, limit=limit, offset=offset)
    return tickets, await uow.tickets.count_for_citizen(citizen_id)
