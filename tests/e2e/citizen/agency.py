"""The other side of a citizen's ticket, simulated through the domain use cases.

The staff conversations have their own e2e tests; here an admin and an officer act with the
runtime's own Lifecycle, so the real notifier queues what the citizen is told, and the sender
is woken to deliver it at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from domain.model import Staff, Ticket
from domain.roles import Role
from domain.usecases import (
    Actor,
    Lifecycle,
    claim_ticket,
    request_info,
    resolve_ticket,
    submit_ticket,
    verify_ticket,
)
from tests.e2e.citizen.chat import GOOD_DESCRIPTION, Chat
from tests.e2e.harness import Harness


@dataclass
class Agency:
    h: Harness
    admin: Actor
    officer: Actor

    @classmethod
    async def staff(cls, h: Harness) -> Agency:
        """An admin of the complaint unit and an officer of DPUPR (roads)."""
        now = cls._life(h).now()
        async with h.db.uow() as uow:
            unit = await uow.agencies.get_by_code("ulas")
            roads = await uow.agencies.get_by_code("dpupr")
            assert unit is not None and roads is not None
            admin = await uow.staff.add(
                Staff(
                    telegram_id=900_001,
                    name="Admin",
                    role=Role.ADMIN,
                    created_at=now,
                    agency_id=unit.id,
                )
            )
            officer = await uow.staff.add(
                Staff(
                    telegram_id=900_002,
                    name="Petugas",
                    role=Role.OFFICER,
                    created_at=now,
                    agency_id=roads.id,
                )
            )
            await uow.commit()
        return cls(h, Actor.staff(admin), Actor.staff(officer))

    @staticmethod
    def _life(h: Harness) -> Lifecycle:
        assert h.runtime is not None
        return h.runtime.worker.conversations.life

    async def act(self, usecase: Callable[..., Awaitable[Any]], *args: Any, **kw: Any) -> Any:
        async with self.h.db.uow() as uow:
            result = await usecase(uow, self._life(self.h), *args, **kw)
            await uow.commit()
        assert self.h.runtime is not None
        self.h.runtime.sender.wake()
        return result

    async def file_for(self, chat: Chat, category: str = "jalan") -> Ticket:
        """A ticket filed straight through the use case (the intake has its own tests)."""
        citizen = await chat.citizen()
        async with self.h.db.uow(read_only=True) as uow:
            found = await uow.categories.get_by_code(category)
        assert found is not None and found.id is not None
        return await self.act(
            submit_ticket,
            Actor.citizen(citizen),
            category_id=found.id,
            description=GOOD_DESCRIPTION,
        )

    async def to_officer(self, ticket: Ticket) -> None:
        await self.act(verify_ticket, self.admin, ticket.id)
        await self.act(claim_ticket, self.officer, ticket.id)

    async def ask(self, ticket: Ticket, question: str) -> None:
        await self.act(request_info, self.officer, ticket.id, question)

    async def resolve(self, ticket: Ticket, note: str) -> None:
        await self.act(resolve_ticket, self.officer, ticket.id, note)
