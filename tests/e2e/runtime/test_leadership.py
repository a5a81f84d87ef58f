"""Several processes on PostgreSQL stay in step.

The process taking updates loses its intake lock (its connection was cut: a network blip,
a PostgreSQL restart): it stops polling, one process takes the lock again, and updates keep
being answered, once each. Two pollers would fight over getUpdates with 409 Conflict. And a
setting an admin changes in one process is used by the others at once.

PostgreSQL only (on SQLite there is one process, which always leads); two runtimes in this
test's process, as `aduan run --workers 2` would run them in two.
"""

from __future__ import annotations

import asyncpg
import pytest

from bot.runtime import BotRuntime
from domain.sla import DEFAULT_SLA, SlaDuration
from domain.status import SlaStage
from storage.database import Database
from tests.backends import _dsn
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import drop_pending_updates, fast, pong, start_runtime, wait_until


@pytest.mark.parametrize("h", [("ptb", "postgres")], indirect=True, ids=["ptb-postgres"])
async def test_a_leader_that_loses_its_lock_stops_polling_and_one_process_takes_over(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    user = (await h.citizen("Wati", "en"))["id"]
    await drop_pending_updates(h.emulator)
    first = await start_runtime(h, fast(leader_check=0.2))
    second = BotRuntime(
        h.settings(),
        options=fast(leader_check=0.2),
        clock=h.clock,
        db=Database(h.url, schema=h.schema),
    )
    await second.start()
    try:
        await wait_until(lambda: _polling(first), within=10, what="the first to poll")
        assert not await _polling(second)

        assert first.intake is not None and first.intake.poller is not None
        lost_term = first.intake.poller
        pid = first.intake.lock.backend_pid
        assert pid is not None
        admin = await asyncpg.connect(_dsn(h.url))
        try:  # PostgreSQL drops the session, and with it the lock
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()

        # The first stops polling. Then whoever takes the freed lock first polls: usually
        # the other process, sometimes the first again, on a new connection; never both.
        async def one_polls_again() -> bool:
            polling = [await _polling(first), await _polling(second)]
            return lost_term.done() and polling.count(True) == 1

        await wait_until(one_polls_again, within=10, what="one process polling again")
        assert "stopped taking updates: lost the intake lock" in caplog.messages
        await h.client.send_command(user, "ping")
        texts = [m["text"] for m in await h.client.wait_for_messages(user, 1)]
        assert texts == [pong()]
        assert [await _polling(first), await _polling(second)].count(True) == 1
    finally:
        await second.stop()


async def _polling(runtime: BotRuntime) -> bool:
    poller = runtime.intake.poller if runtime.intake is not None else None
    return poller is not None and not poller.done()


@pytest.mark.parametrize("h", [("ptb", "postgres")], indirect=True, ids=["ptb-postgres"])
async def test_a_setting_changed_in_one_process_is_used_by_the_others_at_once(
    h: Harness,
) -> None:
    """/sla in one process (here: the committed setting, as the command writes it) changes
    the deadlines the other processes give from their next stage on, without a restart."""
    other = await start_runtime(h, fast())
    policy = other.conversations.life.sla
    assert policy.defaults[SlaStage.VERIFY] == SlaDuration.parse("1wd")

    elsewhere = Database(h.url, schema=h.schema)  # another process's /sla
    try:
        async with elsewhere.uow() as uow:
            await uow.settings.set("sla", {"verify": "4wh"})
            await uow.commit()
    finally:
        await elsewhere.dispose()

    async def reloaded() -> bool:
        return policy.defaults[SlaStage.VERIFY] == SlaDuration.parse("4wh")

    await wait_until(reloaded, within=10, what="the new verify duration")
    assert policy.defaults[SlaStage.RESOLVE] == DEFAULT_SLA[SlaStage.RESOLVE]  # the rest stays
