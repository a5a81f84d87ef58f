"""Committed inbox rows wake the workers of other processes at once (storage.wakeups, on
PostgreSQL): only at a commit, only with new rows, only within the same schema.

A notification that should not come is checked by order: PostgreSQL delivers them in commit
order, so once the one that should come has arrived, an earlier unwanted one would have too.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from storage import channels
from storage.database import Database
from storage.wakeups import WakeupListener
from tests.backends import postgres_schema
from tests.contract.test_inbox import add, message


async def test_a_commit_of_new_rows_wakes_the_listeners_of_its_schema_only() -> None:
    async with (
        postgres_schema(migrated=True) as (url, schema),
        postgres_schema(migrated=True) as (_, other_schema),
    ):
        db, other = Database(url, schema=schema), Database(url, schema=other_schema)
        listener = WakeupListener(Database(url, schema=schema))
        woken: list[int] = []
        arrived = asyncio.Event()

        def wake() -> None:
            woken.append(1)
            arrived.set()

        async def next_wake() -> int:
            await asyncio.wait_for(arrived.wait(), 10)
            arrived.clear()
            return len(woken)

        try:
            assert await listener.start({channels.INBOX: wake})
            async with db.uow() as uow:  # rolled back: no notification
                await uow.inbox.add_many([message(1, 7)])
            await add(other.uow, message(1, 7))  # another deployment's schema
            await add(db.uow, message(2, 7))
            assert await next_wake() == 1
            await add(db.uow, message(2, 7))  # a repeat: nothing new, nobody to wake
            await add(db.uow, message(3, 7), message(4, 8))  # one batch, one wake-up
            assert await next_wake() == 2
        finally:
            await listener.stop()
            await listener.db.dispose()
            await db.dispose()
            await other.dispose()


async def test_sqlite_has_nothing_to_listen_to(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    try:
        assert not await WakeupListener(db).start({channels.INBOX: lambda: None})
    finally:
        await db.dispose()
