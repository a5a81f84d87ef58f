"""The Notifier the domain calls inside every use case's unit of work.

It splits each event into what the citizen is told (their timeline, in their language) and what
staff are told (agency and admin groups); both are queued in the same transaction as the change.
"""

from __future__ import annotations

from domain.model import Ticket, TicketEvent
from domain.ports import UnitOfWork
from handlers.notices.batch import OutboxBatch
from handlers.notices.change import Change
from handlers.notices.citizen import notify_citizen
from handlers.notices.staff import notify_staff
from handlers.ports import notice_uow
from handlers.staff.facts import TicketFacts
from handlers.texts import Catalogue
from handlers.turn import CityInfo


class TicketNotifier:
    def __init__(self, texts: Catalogue, city: CityInfo | None = None) -> None:
        self.texts = texts
        self.city = city or CityInfo()

    async def on_event(self, uow: UnitOfWork, ticket: Ticket, event: TicketEvent) -> None:
        wider = notice_uow(uow)
        batch = OutboxBatch(wider.outbox)  # the messages of both, inserted together
        facts = TicketFacts(wider, ticket)  # read once for the citizen's notice and the cards
        change = Change(wider, self.texts, self.city, ticket, event, facts, batch)
        if event.public:
            await notify_citizen(change)
        await notify_staff(change)
        await batch.flush()
