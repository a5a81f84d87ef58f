"""One ticket event being told, and what the citizen's notice and the staff cards share while
telling it: the rows read once (`facts`) and the messages inserted together (`outbox`)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.model import Ticket, TicketEvent
from domain.ports import OutboxRepository
from handlers.ports import NoticeUnitOfWork
from handlers.staff.facts import TicketFacts
from handlers.texts import Catalogue
from handlers.turn import CityInfo


@dataclass(frozen=True)
class Change:
    uow: NoticeUnitOfWork
    texts: Catalogue
    city: CityInfo
    ticket: Ticket
    event: TicketEvent
    facts: TicketFacts
    outbox: OutboxRepository
