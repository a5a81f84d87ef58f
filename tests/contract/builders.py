"""Small builders for valid records, so each contract test states only what it is about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from domain.model import Agency, Category, Citizen, Ticket
from domain.ports import UnitOfWork
from domain.status import TicketStatus

# Any backend's factory, the in-memory fake included (tests/conftest.py's `uow_factory`).
AnyUowFactory = Callable[[], UnitOfWork]

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
BIG_CHAT = -1001234567890  # a supergroup id: far beyond 2^31
BIG_USER = 7_123_456_789  # recent user ids exceed 2^32 too


def citizen(telegram_id: int = BIG_USER, **changes: object) -> Citizen:
    fields: dict[str, object] = {
        "telegram_id": telegram_id,
        "chat_id": telegram_id,
        "name": "Sri Rahayu",
        "created_at": T0,
    }
    return Citizen(**{**fields, **changes})  # type: ignore[arg-type]


def agency(code: str = "DPU", **changes: object) -> Agency:
    fields: dict[str, object] = {"code": code, "name": f"Dinas {code}"}
    return Agency(**{**fields, **changes})  # type: ignore[arg-type]


def category(code: str = "road", **changes: object) -> Category:
    fields: dict[str, object] = {"code": code, "name": "Jalan rusak"}
    return Category(**{**fields, **changes})  # type: ignore[arg-type]


def ticket(
    citizen_id: int, category_id: int, code: str = "ADU-7K3Q9X", **changes: object
) -> Ticket:
    fields: dict[str, object] = {
        "code": code,
        "citizen_id": citizen_id,
        "category_id": category_id,
        "description": "Lubang besar di Jl. Slamet Riyadi",
        "status": TicketStatus.SUBMITTED,
        "created_at": T0,
        "updated_at": T0,
    }
    return Ticket(**{**fields, **changes})  # type: ignore[arg-type]


async def seed_ticket(uow: UnitOfWork, code: str = "ADU-7K3Q9X", **changes: object) -> Ticket:
    """A citizen, a category and one ticket, added in `uow` (not committed)."""
    person = await uow.citizens.get_by_telegram_id(BIG_USER) or await uow.citizens.add(citizen())
    kind = await uow.categories.get_by_code("road") or await uow.categories.add(category())
    assert person.id is not None and kind.id is not None
    return await uow.tickets.add(ticket(person.id, kind.id, code, **changes))


def later(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)
