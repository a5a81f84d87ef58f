"""A migrated database (SQLite or PostgreSQL, for real) with a folder store, and the emulator
holding real photos: what the archive's tools (verify, backfill, backup) work on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from domain.model import Attachment
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer
from storage.database import Database
from storage.evidence import FolderEvidenceStore
from storage.repositories.evidence import DOWNLOADS
from storage.seed import seed_city
from storage.seed_file import load_city_file
from tests.backends import postgres_schema, sqlite_file
from tests.contract.builders import seed_ticket
from tests.e2e.harness import CITY_FILE

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


@dataclass
class Archive:
    db: Database
    store: FolderEvidenceStore
    url: str
    schema: str | None
    backend: str
    tmp: Path


@pytest.fixture(params=["sqlite", "postgres"])
async def archive(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Archive]:
    store = FolderEvidenceStore(tmp_path / "evidence")
    if request.param == "sqlite":
        async with sqlite_file(tmp_path) as path:
            url = f"sqlite+aiosqlite:///{path}"
            db = Database(url)
            try:
                yield Archive(db, store, url, None, "sqlite", tmp_path)
            finally:
                await db.dispose()
        return
    async with postgres_schema(migrated=True) as (url, schema):
        db = Database(url, schema=schema)
        try:
            yield Archive(db, store, url, schema, "postgres", tmp_path)
        finally:
            await db.dispose()


@pytest.fixture
async def emulator() -> AsyncIterator[tuple[EmulatorServer, EmulatorClient]]:
    async with EmulatorServer() as server, server.client() as client:
        yield server, client


async def photos_in_telegram(client: EmulatorClient, pictures: list[bytes]) -> list[str]:
    """File ids of real photos: a user posts them where no bot is (the first bot to use one
    gets it, like the bot that received it in Telegram)."""
    user = await client.create_user("Budi")
    chat = await client.create_chat("group", "scratch", members=[user["id"]], bots=[])
    ids = []
    for picture in pictures:
        sent = await client.send_photo(user["id"], picture, chat_id=chat["id"])
        ids.append(sent["photo"][-1]["file_id"])
    return ids


async def old_attachments(db: Database, file_ids: list[str], *, seed: bool = True) -> int:
    """A ticket whose attachments predate the archive: no hash, no download queued."""
    if seed:
        await seed_city(db.uow, load_city_file(CITY_FILE))
    async with db.uow() as uow:
        ticket = await seed_ticket(uow, code=f"ADU-{len(file_ids):06d}")
        assert ticket.id is not None
        for file_id in file_ids:
            await uow.attachments.add(Attachment(ticket.id, file_id, T0))
        await uow.session.execute(DOWNLOADS.delete())
        await uow.commit()
        return ticket.id
