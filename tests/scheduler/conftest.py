"""Scheduler tests: the jobs called directly at FakeClock instants, over SQLite and
PostgreSQL (`sql_uow_factory`), on the use-case tests' small city (tests/usecases/world.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from domain.outbound import Outbound
from handlers.texts import Catalogue, default_catalogue
from storage.queries.report import TICKETS
from storage.tables import OutboxMessageRow, table_of
from storage.uow import SqlUnitOfWork
from tests.usecases.world import World, build_world

OUTBOX = table_of(OutboxMessageRow)


@pytest.fixture
async def world(sql_uow_factory: Callable[[], SqlUnitOfWork]) -> World:
    """The small city, with the bot active in every agency group (as after /link)."""
    w = await build_world(sql_uow_factory)
    async with w.factory() as uow:
        for agency in await uow.agencies.list():
            agency.group_active = True
            await uow.agencies.save(agency)
        await uow.commit()
    for name in ("unit", "roads", "env"):
        getattr(w, name).group_active = True
    return w


@pytest.fixture
def texts() -> Catalogue:
    return default_catalogue()


async def outbox_after(world: World, after: int = 0) -> list[Outbound]:
    """Every queued message with an outbox id above `after`, in order."""
    async with world.factory() as uow:
        result = await uow.session.execute(
            OUTBOX.select().where(OUTBOX.c.id > after).order_by(OUTBOX.c.id)
        )
        return [Outbound.from_json(r.payload) for r in result]


async def outbox_mark(world: World) -> int:
    """The highest outbox id so far: pass it to `outbox_after` to see only what follows."""
    async with world.factory() as uow:
        result = await uow.session.execute(OUTBOX.select().order_by(OUTBOX.c.id.desc()).limit(1))
        row = result.first()
        return 0 if row is None else int(row.id)


async def set_clock_fields(world: World, ticket_id: int, **values: datetime | None) -> None:
    async with world.factory() as uow:
        await uow.session.execute(
            TICKETS.update().where(TICKETS.c.id == ticket_id).values(**values)
        )
        await uow.commit()


# The e2e harness fixtures (`h`, `bot`: ptb/aiogram × sqlite/postgres) for test_e2e.py.
from tests.e2e.conftest import bot, h  # noqa: E402, F401
