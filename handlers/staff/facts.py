"""What one change's notices read about its ticket, read once: the reporter, every agency (the
complaint unit among them) and the category.

The citizen's notice and the staff cards of the same change need the same rows; each used to
read its own, so a Claim read the reporter twice and the agencies three times. One
`TicketFacts` is made per event (handlers.notices.TicketNotifier) and shared by both.
"""

from __future__ import annotations

from domain.model import Agency, Category, Citizen, Ticket
from domain.ports import UnitOfWork


class TicketFacts:
    def __init__(self, uow: UnitOfWork, ticket: Ticket) -> None:
        self.uow, self.ticket = uow, ticket
        self._citizen: tuple[Citizen | None] | None = None
        self._agencies: dict[int, Agency] | None = None
        self._category: tuple[Category | None] | None = None

    async def citizen(self) -> Citizen | None:
        if self._citizen is None:
            self._citizen = (await self.uow.citizens.get(self.ticket.citizen_id),)
        return self._citizen[0]

    async def agencies(self) -> dict[int, Agency]:
        """Every agency, inactive ones too (a card names whoever worked on the ticket)."""
        if self._agencies is None:
            found = await self.uow.agencies.list(active_only=False)
            self._agencies = {a.id: a for a in found if a.id is not None}
        return self._agencies

    async def agency(self, agency_id: int) -> Agency | None:
        return (await self.agencies()).get(agency_id)

    async def complaint_unit(self) -> Agency | None:
        """As AgencyRepository.complaint_unit: the first active one."""
        units = [a for a in (await self.agencies()).values() if a.is_complaint_unit and a.active]
        return min(units, key=lambda a: a.id or 0, default=None)

    async def category(self) -> Category | None:
        if self._category is None:
            self._category = (await self.uow.categories.get(self.ticket.category_id),)
        return self._category[0]
