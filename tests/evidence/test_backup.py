"""`aduan backup` during a burst of complaints, then `aduan restore`: the same tables (rows and
checksums), every ticket, event and attachment, and every evidence byte, on SQLite and on
PostgreSQL (for real: pg_dump and pg_restore of the server's version)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from bot.archiver import EvidenceArchiver
from bot.backup import Manifest, restore_backup, take_backup
from bot.backup_db import BackupError
from domain.evidence import sha256_of
from storage.database import Database
from storage.evidence import FolderEvidenceStore
from tests.evidence.conftest import Archive
from tests.usecases.world import World, build_world


class FakeTelegramFiles:
    """The one gateway call the archiver makes, answered from memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    async def download_file(self, file_id: str) -> bytes:
        return self.files[file_id]


async def complain(w: World, telegram: FakeTelegramFiles, n: int) -> None:
    """One complaint with two photos, archived as the bot would."""
    ids = []
    for k in range(2):
        file_id = f"AgAC-{n}-{k}"
        telegram.files[file_id] = b"\xff\xd8\xff\xe0" + f"photo {n} {k}".encode() * 50
        ids.append(file_id)
    await w.submit(photo_file_ids=ids)


async def burst(w: World, archiver: EvidenceArchiver, stop: asyncio.Event, start: int) -> int:
    n = start
    while not stop.is_set():
        await complain(w, archiver.gateway, n)  # type: ignore[arg-type]
        await archiver.archive_round()
        n += 1
    return n - start


async def counts(db: Database) -> dict[str, int]:
    found = {}
    async with db.uow(read_only=True) as uow:
        for table in ("ticket", "ticket_event", "attachment", "evidence_download"):
            result = await uow.session.execute(text(f"SELECT count(*) FROM {table}"))
            found[table] = int(result.scalar_one())
    return found


async def test_a_backup_taken_during_a_burst_restores_identically(archive: Archive) -> None:
    w = await build_world(archive.db.uow)
    telegram = FakeTelegramFiles()
    archiver = EvidenceArchiver(archive.db, telegram, archive.store, bot_id=1)  # type: ignore[arg-type]
    for n in range(5):
        await complain(w, telegram, n)
    await archiver.drain()

    stop = asyncio.Event()
    filing = asyncio.create_task(burst(w, archiver, stop, 100))
    await asyncio.sleep(0.3)  # let the burst get going: the backup is taken mid-stream
    folder = archive.tmp / "backup"
    manifest = await take_backup(archive.db, archive.store, folder)
    stop.set()
    during = await filing
    assert during > 0

    saved = json.loads((folder / "manifest.json").read_text())
    assert saved["tables"]["ticket"]["rows"] == manifest.tables["ticket"]["rows"] >= 5
    assert manifest.tables["attachment"]["rows"] == 2 * manifest.tables["ticket"]["rows"]
    assert (await counts(archive.db))["ticket"] > manifest.tables["ticket"]["rows"] - 1

    # Disaster: the database and the evidence are gone. Restore into empty ones.
    target, store = await _empty_target(archive)
    try:
        restored = await restore_backup(target, store, folder)
        assert restored.tables == manifest.tables  # also checked inside restore_backup
        after = await counts(target)
        assert {t: manifest.tables[t]["rows"] for t in after} == after
        async with target.uow(read_only=True) as uow:
            result = await uow.session.execute(text("SELECT sha256 FROM attachment"))
            hashes = list(result.scalars())
            waiting = await uow.evidence_queue.waiting()
        # A photo not archived yet at the snapshot restores with its download still queued.
        assert waiting == hashes.count(None)
        referenced = {sha for sha in hashes if sha is not None}
        assert {sha async for sha in store.hashes()} >= referenced
        for sha in referenced:
            assert sha256_of(await store.get(sha) or b"") == sha
        assert set(manifest.evidence) == {sha async for sha in store.hashes()}

        # A second restore over it is refused, unless forced.
        with pytest.raises(BackupError, match="not empty"):
            await restore_backup(target, store, folder)
        await restore_backup(target, store, folder, force=True)
        assert await counts(target) == after
    finally:
        await target.dispose()


async def test_restore_checks_the_backup_before_touching_anything(archive: Archive) -> None:
    w = await build_world(archive.db.uow)
    telegram = FakeTelegramFiles()
    archiver = EvidenceArchiver(archive.db, telegram, archive.store, bot_id=1)  # type: ignore[arg-type]
    await complain(w, telegram, 1)
    await archiver.drain()
    folder = archive.tmp / "backup"
    manifest = await take_backup(archive.db, archive.store, folder)
    with pytest.raises(BackupError, match="not empty"):
        await take_backup(archive.db, archive.store, folder)  # never into a used folder

    sha = next(iter(manifest.evidence))
    photo = FolderEvidenceStore(folder / "evidence").path(sha)
    good = photo.read_bytes()
    photo.write_bytes(good[::-1])
    target, store = await _empty_target(archive)
    try:
        with pytest.raises(BackupError, match="corrupt"):
            await restore_backup(target, store, folder)
        photo.write_bytes(good)
        dump = folder / manifest.database_file
        dump.write_bytes(dump.read_bytes() + b"tampered")
        with pytest.raises(BackupError, match="checksum"):
            await restore_backup(target, store, folder)
        assert [sha async for sha in store.hashes()] == []  # nothing was touched
        assert Manifest.read(folder).summary().startswith(f"{len(manifest.tables)} tables")
    finally:
        await target.dispose()


async def _empty_target(archive: Archive) -> tuple[Database, FolderEvidenceStore]:
    """SQLite: a new file. PostgreSQL: the same schema, dropped (the dump recreates it)."""
    store = FolderEvidenceStore(archive.tmp / "restored-evidence")
    if archive.backend == "sqlite":
        return Database(f"sqlite+aiosqlite:///{archive.tmp / 'restored.db'}"), store
    async with archive.db.engine.begin() as conn:
        await conn.execute(text(f'DROP SCHEMA "{archive.schema}" CASCADE'))
    await archive.db.dispose()
    return Database(archive.url, schema=archive.schema), store


@pytest.mark.parametrize("archive", ["sqlite"], indirect=True)
async def test_the_commands_back_up_restore_and_refuse_a_used_database(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    await build_world(archive.db.uow)
    monkeypatch.setenv("DATABASE_URL", archive.url)
    monkeypatch.setenv("EVIDENCE_DIR", str(archive.store.root))
    folder = str(archive.tmp / "nightly")
    devnull = ["--env-file", "/dev/null"]
    assert await asyncio.to_thread(main, [*devnull, "backup", folder]) == 0
    assert f"backup in {folder}" in capsys.readouterr().out
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{archive.tmp / 'new.db'}")
    monkeypatch.setenv("EVIDENCE_DIR", str(archive.tmp / "new-evidence"))
    assert await asyncio.to_thread(main, [*devnull, "restore", folder]) == 0
    assert "verified" in capsys.readouterr().out
    assert await asyncio.to_thread(main, [*devnull, "restore", folder]) == 1
    assert "not empty" in capsys.readouterr().err
    assert await asyncio.to_thread(main, [*devnull, "restore", folder, "--force"]) == 0
    # Both are in the audit log: the backup in the database it copied (taken before it was
    # written, so not in the copy), the restores in the database restored.
    async with archive.db.uow(read_only=True) as uow:
        assert [e.action for e in await uow.audit.recent(*YEARS)] == ["backup"]
    restored = Database(f"sqlite+aiosqlite:///{archive.tmp / 'new.db'}")
    try:
        async with restored.uow(read_only=True) as uow:
            entries = await uow.audit.recent(*YEARS)
    finally:
        await restored.dispose()
    assert [e.action for e in entries] == ["restore"]  # --force replaced the first one's
    assert entries[0].after is not None and entries[0].after["folder"] == folder


YEARS = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
