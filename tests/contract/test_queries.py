"""The list queries every backend answers alike: paging, ordering, overdue scans, outbox audit."""

from __future__ import annotations

from datetime import timedelta

from domain.outbound import Outbound
from domain.status import TicketStatus
from tests.contract.builders import T0, AnyUowFactory, later, seed_ticket


async def test_a_citizens_tickets_newest_first_with_paging(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        tickets = [
            await seed_ticket(uow, f"ADU-00000{n}", created_at=later(n), updated_at=later(n))
            for n in range(5)
        ]
        await uow.commit()
    citizen_id = tickets[0].citizen_id
    async with uow_factory() as uow:
        first_page = await uow.tickets.list_for_citizen(citizen_id, limit=2)
        second_page = await uow.tickets.list_for_citizen(citizen_id, limit=2, offset=2)
        assert await uow.tickets.count_for_citizen(citizen_id) == 5
        assert await uow.tickets.count_for_citizen(citizen_id + 1) == 0
        assert await uow.tickets.code_exists("ADU-000003")
        assert not await uow.tickets.code_exists("ADU-XXXXXX")
    assert [t.code for t in first_page] == ["ADU-000004", "ADU-000003"]
    assert [t.code for t in second_page] == ["ADU-000002", "ADU-000001"]


async def test_list_by_status_oldest_first(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        held = await seed_ticket(
            uow, "ADU-HOLD01", status=TicketStatus.ON_HOLD, created_at=later(2)
        )
        new = await seed_ticket(uow, "ADU-NEW001", created_at=later(1))
        await seed_ticket(uow, "ADU-DONE01", status=TicketStatus.CLOSED)
        await uow.commit()
    async with uow_factory() as uow:
        queue = await uow.tickets.list_by_status([TicketStatus.SUBMITTED, TicketStatus.ON_HOLD])
        assert await uow.tickets.list_by_status([]) == []
        assert await uow.tickets.list_by_status([TicketStatus.CLOSED], limit=0) == []
    assert queue == [new, held]


async def test_overdue_scan_skips_paused_and_future_clocks(uow_factory: AnyUowFactory) -> None:
    day = timedelta(days=1)
    async with uow_factory() as uow:
        late = await seed_ticket(uow, "ADU-LATE01", deadline=T0 - day)
        later_late = await seed_ticket(uow, "ADU-LATE02", deadline=T0)
        await seed_ticket(uow, "ADU-PAUSED", deadline=T0 - day, paused_at=T0 - 2 * day)
        await seed_ticket(uow, "ADU-FUTURE", deadline=T0 + day)
        await seed_ticket(uow, "ADU-NOCLCK")
        await seed_ticket(uow, "ADU-RESOLV", status=TicketStatus.RESOLVED, deadline=T0 - 2 * day)
        await uow.commit()
    async with uow_factory() as uow:
        due = await uow.tickets.list_overdue([TicketStatus.SUBMITTED], T0)
        first = await uow.tickets.list_overdue([TicketStatus.SUBMITTED], T0, limit=1)
        both = await uow.tickets.list_overdue([TicketStatus.SUBMITTED, TicketStatus.RESOLVED], T0)
    assert due == [late, later_late]
    assert first == [late]
    assert [t.code for t in both] == ["ADU-RESOLV", "ADU-LATE01", "ADU-LATE02"]


async def test_the_outbox_of_a_ticket_includes_this_units_own_rows(
    uow_factory: AnyUowFactory,
) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        await uow.outbox.add(Outbound(1, text="diterima", ticket_id=ticket.id))
        await uow.outbox.add(Outbound(2, text="unrelated"))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.outbox.add(Outbound(-1002, text="card", ticket_id=ticket.id, link_purpose="card"))
        assert [m.text for m in await uow.outbox.for_ticket(ticket.id or 0)] == ["diterima", "card"]
    async with uow_factory() as uow:
        assert [m.text for m in await uow.outbox.for_ticket(ticket.id or 0)] == ["diterima"]
