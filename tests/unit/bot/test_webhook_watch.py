"""bot.webhook_watch: a webhook delivery error Telegram reports is logged each time it is new,
and the complaint unit is told once: at most once per term of taking updates, never twice for
the same error, whichever process reads it. A fake gateway answers getWebhookInfo; the alerts
are queued in a real (SQLite) outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.gateway.errors import NetworkError
from bot.gateway.protocol import WebhookInfo
from bot.webhook_watch import WebhookWatch
from handlers.texts import default_catalogue
from handlers.turn import CityInfo
from storage.database import Database
from storage.repositories.outbox import OUTBOX
from tests.backends import sqlite_file
from tests.contract.builders import agency

ADMINS = -1009000
TEXTS = default_catalogue()


class FakeGateway:
    def __init__(self) -> None:
        self.info: WebhookInfo | Exception = WebhookInfo("https://aduan.example.go.id/tg")

    async def get_webhook_info(self) -> WebhookInfo:
        if isinstance(self.info, Exception):
            raise self.info
        return self.info

    def fails(self, message: str, minute: int) -> None:
        when = datetime(2026, 11, 2, 2, minute, tzinfo=UTC)
        self.info = WebhookInfo("https://aduan.example.go.id/tg", 3, when, message)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with sqlite_file(tmp_path) as path:
        database = Database(f"sqlite+aiosqlite:///{path}")
        async with database.uow() as uow:
            unit = agency("ulas", is_complaint_unit=True, group_chat_id=ADMINS, group_active=True)
            await uow.agencies.add(unit)
            await uow.commit()
        try:
            yield database
        finally:
            await database.dispose()


async def alerts(db: Database) -> list[str]:
    async with db.uow(read_only=True) as uow:
        rows = (await uow.session.execute(select(OUTBOX).where(OUTBOX.c.chat_id == ADMINS))).all()
    return [row.payload["text"] for row in rows]


async def test_an_error_is_told_once_per_term_and_never_twice(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    gateway = FakeGateway()
    watch = WebhookWatch(db, gateway, TEXTS, CityInfo())  # type: ignore[arg-type]
    watch.new_term()
    await watch.check()
    assert await alerts(db) == []  # no error reported: nothing said

    gateway.fails("Wrong response from the webhook: 404 Not Found", minute=5)
    await watch.check()
    await watch.check()  # the same error again
    (told,) = await alerts(db)
    assert "404 Not Found" in told and "2026-11-02 09:05 WIB" in told
    reported = [r for r in caplog.records if r.getMessage().startswith("Telegram reports")]
    assert len(reported) == 1 and reported[0].levelname == "ERROR"

    other = WebhookWatch(db, gateway, TEXTS, CityInfo())  # type: ignore[arg-type]
    other.new_term()  # another process (or this one restarted) reads the same error
    await other.check()
    assert len(await alerts(db)) == 1

    gateway.fails("Connection timed out", minute=6)  # a new error, same term: logged only
    await watch.check()
    assert len(await alerts(db)) == 1
    assert len([r for r in caplog.records if r.getMessage().startswith("Telegram reports")]) == 3

    gateway.fails("Connection refused", minute=30)  # the next term, a new error: told
    watch.new_term()
    await watch.check()
    assert len(await alerts(db)) == 2


async def test_telegram_unreachable_is_only_a_warning(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    gateway: Any = FakeGateway()
    gateway.info = NetworkError("timed out")
    watch = WebhookWatch(db, gateway, TEXTS, CityInfo())
    assert await watch.check() is None
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert await alerts(db) == []
