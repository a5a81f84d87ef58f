"""What one Claim costs the database: an officer pressing Claim on their group's card, handled
the way the runtime handles it (`Conversations.handle`, then commit), counted statement by
statement on both real databases.

Claim is the press every agency makes on every complaint, often several officers at once;
its statements are held under the ticket's row lock, so they are kept few: 8 (26 at first,
12 before issue 14's last pass). They are: the presser's staff row; the ticket with its
reporter and shares (one statement); three writes (share, ticket, event); the card links and
the events with the staff who acted (the card names them); one insert of both messages.
Categories, agencies and the group's language come from the process's cache. The bound below
only moves down.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from domain.ports import UnitOfWork
from domain.status import AssignmentStatus
from domain.usecases import verify_ticket
from handlers.buttons import WORK
from handlers.conversations import Conversations
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, UserRef
from handlers.notices import TicketNotifier
from handlers.routes import build_router
from handlers.texts import default_catalogue
from handlers.turn import CityInfo
from tests.usecases.world import World, build_world

MAX_CLAIM_STATEMENTS = 8
TEXTS = default_catalogue()


@contextmanager
def counted(factory: Callable[[], UnitOfWork]) -> Iterator[list[str]]:
    """Every SQL statement sent to the factory's database while inside (BEGIN aside: SQLite
    sends it as a statement, PostgreSQL's driver does not)."""
    engine = factory.__self__.engine.sync_engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if not sql.lstrip().upper().startswith("BEGIN"):
            seen.append(sql)

    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)


async def _dispatched(w: World) -> int:
    ticket = await w.submit()
    assert ticket.id is not None
    await w.act(verify_ticket, w.as_admin, ticket.id)  # to the roads agency (DPU)
    return ticket.id


async def _press_claim(w: World, conv: Conversations, ticket_id: int, update_id: int) -> None:
    officer = w.roads_officer
    incoming = Incoming(
        update_id=update_id,
        kind=IncomingKind.CALLBACK,
        chat=ChatRef(w.chat_of(w.roads), ChatType.SUPERGROUP),
        user=UserRef(officer.telegram_id, officer.name, language_code="id"),
        callback_id=str(update_id),
        callback_data=WORK.pack("claim", ticket_id),
        callback_message_id=1000 + update_id,
    )
    async with w.factory() as uow:
        turn = await conv.handle(incoming, uow)  # type: ignore[arg-type]
        await uow.commit()
    assert turn.callback_answer is not None and not turn.callback_answer.alert


async def test_one_claim_costs_a_bounded_number_of_statements(
    sql_uow_factory: Callable[[], UnitOfWork],
) -> None:
    w = await build_world(sql_uow_factory)
    w.life.notifier = TicketNotifier(TEXTS)
    async with w.factory() as uow:  # the agencies' groups are linked and working
        for agency in await uow.agencies.list():
            agency.group_active = True
            await uow.agencies.save(agency)
        await uow.commit()
    conv = Conversations(build_router(), w.life, TEXTS, CityInfo(bot_username="aduan"))
    warm, measured = await _dispatched(w), await _dispatched(w)
    await _press_claim(w, conv, warm, 1)  # caches, compiled statements, the first connection

    with counted(w.factory) as statements:
        await _press_claim(w, conv, measured, 2)

    dialect = w.factory.__self__.dialect  # type: ignore[attr-defined]
    print(json.dumps({"claim_statements": len(statements), "database": dialect}))
    assert (await w.assignments(measured))[w.roads.id or 0].status is AssignmentStatus.IN_PROGRESS
    assert len(statements) <= MAX_CLAIM_STATEMENTS, "\n\n".join(statements)
