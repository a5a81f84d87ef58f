"""A small city for use-case tests: a complaint unit, two agencies, their staff, two citizens.

Everything is created and read back through the ports only, so the same tests run on the
in-memory fake, SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from domain.clock import FakeClock
from domain.model import Agency, Assignment, Category, Citizen, Staff, Ticket, TicketEvent
from domain.outbound import Outbound
from domain.ports import UnitOfWork
from domain.roles import Role
from domain.sla import SlaPolicy
from domain.usecases import Actor, Lifecycle, submit_ticket
from tests.fakes import RecordingNotifier

T = TypeVar("T")
JAKARTA = ZoneInfo("Asia/Jakarta")

# Monday 2 November 2026, 09:00 in Jakarta: a plain working week with no holiday.
MONDAY_9 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
DESCRIPTION = "Lubang besar di Jalan Slamet Riyadi depan pasar, sudah dua minggu."


def wib(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A 2026 instant given in Jakarta time, returned in UTC like everything stored."""
    return datetime(2026, month, day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


@dataclass
class World:
    factory: Callable[[], UnitOfWork]
    clock: FakeClock
    life: Lifecycle
    unit: Agency = field(init=False)
    roads: Agency = field(init=False)
    env: Agency = field(init=False)
    admin: Staff = field(init=False)
    roads_officer: Staff = field(init=False)
    roads_officer2: Staff = field(init=False)
    roads_supervisor: Staff = field(init=False)
    env_officer: Staff = field(init=False)
    citizen: Citizen = field(init=False)
    other_citizen: Citizen = field(init=False)
    road_category: Category = field(init=False)
    trash_category: Category = field(init=False)
    misc_category: Category = field(init=False)

    # --- actors ----------------------------------------------------------------------------

    @property
    def as_citizen(self) -> Actor:
        return Actor.citizen(self.citizen)

    @property
    def as_other_citizen(self) -> Actor:
        return Actor.citizen(self.other_citizen)

    @property
    def as_admin(self) -> Actor:
        return Actor.staff(self.admin)

    @property
    def as_roads(self) -> Actor:
        return Actor.staff(self.roads_officer)

    @property
    def as_roads2(self) -> Actor:
        return Actor.staff(self.roads_officer2)

    @property
    def as_env(self) -> Actor:
        return Actor.staff(self.env_officer)

    # --- running use cases -----------------------------------------------------------------

    async def act(self, usecase: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """Run one use case in its own committed unit of work, like a handler does."""
        async with self.factory() as uow:
            result = await usecase(uow, self.life, *args, **kwargs)
            await uow.commit()
        return result

    async def read(self, query: Callable[..., Awaitable[T]], *args: Any) -> T:
        async with self.factory() as uow:
            return await query(uow, *args)

    async def submit(self, category: Category | None = None, **kwargs: Any) -> Ticket:
        kwargs.setdefault("description", DESCRIPTION)
        return await self.act(
            submit_ticket,
            self.as_citizen,
            category_id=(category or self.road_category).id,
            **kwargs,
        )

    async def ticket(self, ticket_id: int) -> Ticket:
        async with self.factory() as uow:
            ticket = await uow.tickets.get(ticket_id)
        assert ticket is not None
        return ticket

    async def events(self, ticket_id: int) -> list[TicketEvent]:
        async with self.factory() as uow:
            return await uow.events.for_ticket(ticket_id)

    async def outbox(self, ticket_id: int) -> list[Outbound]:
        async with self.factory() as uow:
            return await uow.outbox.for_ticket(ticket_id)

    async def assignments(self, ticket_id: int) -> dict[int, Assignment]:
        """The ticket's shares by agency id (the latest share per agency)."""
        async with self.factory() as uow:
            found = await uow.assignments.for_ticket(ticket_id)
        return {a.agency_id: a for a in sorted(found, key=lambda a: a.id or 0)}

    async def snapshot(self, ticket_id: int) -> tuple[Any, ...]:
        """Everything a refused action must leave untouched."""
        async with self.factory() as uow:
            return (
                await uow.tickets.get(ticket_id),
                sorted((a.id, a) for a in await uow.assignments.for_ticket(ticket_id)),
                await uow.events.for_ticket(ticket_id),
                await uow.attachments.for_ticket(ticket_id),
                await uow.outbox.for_ticket(ticket_id),
            )

    def chat_of(self, agency: Agency) -> int:
        assert agency.group_chat_id is not None
        return agency.group_chat_id


async def build_world(factory: Callable[[], UnitOfWork]) -> World:
    clock = FakeClock(MONDAY_9)
    life = Lifecycle(clock=clock, sla=SlaPolicy(WorkingCalendar()), notifier=RecordingNotifier())
    w = World(factory, clock, life)
    now = clock.now()
    async with factory() as uow:
        w.unit = await uow.agencies.add(
            Agency("ULAS", "Unit Layanan Aduan", is_complaint_unit=True, group_chat_id=-1001)
        )
        w.roads = await uow.agencies.add(Agency("DPU", "Dinas Pekerjaan Umum", group_chat_id=-1002))
        w.env = await uow.agencies.add(Agency("DLH", "Dinas Lingkungan Hidup", group_chat_id=-1003))
        staff = uow.staff
        w.admin = await staff.add(Staff(101, "Admin Sari", Role.ADMIN, now, w.unit.id))
        w.roads_officer = await staff.add(Staff(201, "Budi", Role.OFFICER, now, w.roads.id))
        w.roads_officer2 = await staff.add(Staff(202, "Citra", Role.OFFICER, now, w.roads.id))
        w.roads_supervisor = await staff.add(Staff(203, "Dewi", Role.SUPERVISOR, now, w.roads.id))
        w.env_officer = await staff.add(Staff(301, "Eko", Role.OFFICER, now, w.env.id))
        w.citizen = await uow.citizens.add(Citizen(5001, 5001, "Warga Satu", now))
        w.other_citizen = await uow.citizens.add(Citizen(5002, 5002, "Warga Dua", now))
        w.road_category = await uow.categories.add(
            Category("road", "Jalan rusak", default_agency_id=w.roads.id)
        )
        w.trash_category = await uow.categories.add(
            Category(
                "trash",
                "Sampah",
                default_agency_id=w.env.id,
                auto_verify=True,
                sla_overrides={"first_response": "4wh"},
            )
        )
        w.misc_category = await uow.categories.add(Category("misc", "Lainnya"))
        await uow.commit()
    return w
