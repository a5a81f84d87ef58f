"""`aduan evidence backfill` archives attachments that predate the archive; `aduan evidence
verify` re-hashes everything and reports a corrupted and a missing file (exit 1)."""

from __future__ import annotations

import asyncio
import hashlib
import os

import pytest
from sqlalchemy import text

from bot.archive_checks import backfill_archive, verify_archive
from bot.cli import main
from bot.gateway import make_gateway
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer
from tests.evidence.conftest import Archive, old_attachments, photos_in_telegram

PICTURES = [b"\x89PNG\r\n\x1a\n" + bytes([n]) * 500 for n in range(4)]


async def test_backfill_then_verify_finds_a_corrupt_and_a_missing_file(
    archive: Archive, emulator: tuple[EmulatorServer, EmulatorClient]
) -> None:
    server, client = emulator
    file_ids = await photos_in_telegram(client, PICTURES)
    file_ids.append(file_ids[0])  # the same picture attached twice: stored once
    ticket_id = await old_attachments(archive.db, file_ids)
    gateway = make_gateway("ptb", server.token, server.base_url)
    await gateway.start()
    try:
        report = await backfill_archive(archive.db, archive.store, gateway)
    finally:
        await gateway.close()
    assert (report.queued, report.archived, report.failed, report.waiting) == (5, 5, [], 0)

    async with archive.db.uow(read_only=True) as uow:
        attachments = await uow.attachments.for_ticket(ticket_id)
    expected = [hashlib.sha256(PICTURES[n]).hexdigest() for n in (0, 1, 2, 3, 0)]
    assert [a.sha256 for a in attachments] == expected
    assert [a.size for a in attachments] == [len(PICTURES[0])] * 5
    assert {a.mime_type for a in attachments} == {"image/png"}
    assert sorted([sha async for sha in archive.store.hashes()]) == sorted(set(expected))

    healthy = await verify_archive(archive.db, archive.store)
    assert healthy.ok and healthy.checked == 4

    archive.store.path(expected[1]).write_bytes(b"bit rot")
    archive.store.path(expected[2]).unlink()
    broken = await verify_archive(archive.db, archive.store)
    assert not broken.ok
    assert (broken.corrupt, broken.missing) == ([expected[1]], [expected[2]])
    assert f"corrupt: {expected[1]}" in broken.text() and f"missing: {expected[2]}" in broken.text()


async def test_a_file_telegram_will_not_give_is_reported_not_archived(
    archive: Archive, emulator: tuple[EmulatorServer, EmulatorClient]
) -> None:
    server, client = emulator
    (file_id,) = await photos_in_telegram(client, PICTURES[:1])
    await old_attachments(archive.db, [file_id, "AgACAgIAAxkBAAInever-existed"])
    gateway = make_gateway("aiogram", server.token, server.base_url)
    await gateway.start()
    try:
        report = await backfill_archive(archive.db, archive.store, gateway)
    finally:
        await gateway.close()
    assert report.archived == 1 and len(report.failed) == 1
    checked = await verify_archive(archive.db, archive.store)
    assert not checked.ok and checked.failed_downloads == report.failed


@pytest.mark.parametrize("archive", ["sqlite"], indirect=True)
async def test_verify_exits_1_on_a_missing_file(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    await old_attachments(archive.db, ["AgACAgIAAxkBAAIsome-file"])
    sha = await archive.store.put(PICTURES[0])
    async with archive.db.uow() as uow:
        await uow.session.execute(text("UPDATE attachment SET sha256 = :s"), {"s": sha})
        await uow.commit()
    monkeypatch.setenv("DATABASE_URL", archive.url)
    monkeypatch.setenv("EVIDENCE_DIR", str(archive.store.root))
    command = ["--env-file", os.devnull, "evidence", "verify"]
    assert await asyncio.to_thread(main, command) == 0
    assert "1 files checked, 0 missing" in capsys.readouterr().out
    archive.store.path(sha).unlink()
    assert await asyncio.to_thread(main, command) == 1
    assert f"missing: {sha}" in capsys.readouterr().err
