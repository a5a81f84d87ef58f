"""kill -9 while the evidence of a 5-photo album is being downloaded: after the restart, all
five are archived, once each, with the checksums of the bytes Telegram (the emulator) holds.

The bot runs as `aduan run` (a subprocess). Downloads are slowed in the emulator so that the
kill lands while some are in flight (leased, `downloading`); the restarted process takes those
leases back (bot/presence.py) and fetches them again. The store is content-addressed and
written atomically, so a download killed half-way leaves no half file.
"""

from __future__ import annotations

import hashlib

from domain.model import Attachment
from storage.evidence import FolderEvidenceStore
from tests.contract.builders import T0, seed_ticket
from tests.e2e.evidence.support import download_rows, jpeg
from tests.e2e.runtime.processes import Deployment
from tests.e2e.runtime.support import drop_pending_updates, wait_until
from tests.evidence.conftest import photos_in_telegram

ALBUM = [jpeg(n) for n in range(1, 6)]


async def test_kill_9_during_evidence_downloads_archives_all_five_once(
    deployment: Deployment,
) -> None:
    d = deployment
    file_ids = await photos_in_telegram(d.client, ALBUM)
    await drop_pending_updates(d.emulator)
    await d.client.slow_down(1500, times=None, method="getFile")  # every download, until cleared
    first = await d.start()
    async with d.db.uow() as uow:  # what the intake does: the attachments, and their downloads
        ticket = await seed_ticket(uow, code="ADU-KILL9X")
        assert ticket.id is not None
        for file_id in file_ids:
            await uow.attachments.add(Attachment(ticket.id, file_id, T0))
        await uow.commit()

    async def in_flight() -> list:
        rows = await download_rows(d.db)
        return [r for r in rows if r.status == "downloading"]

    await wait_until(in_flight, within=60, what="downloads in flight")
    first.kill()
    await first.proc.wait()
    at_kill = await download_rows(d.db)
    assert sum(r.status != "done" for r in at_kill) >= 1  # the kill hit unfinished work
    await d.client.clear_faults()

    await d.start()

    async def all_done() -> bool:
        rows = await download_rows(d.db)
        return len(rows) == 5 and all(r.status == "done" for r in rows)

    await wait_until(all_done, within=90, what="all five archived")
    async with d.db.uow(read_only=True) as uow:
        attachments = await uow.attachments.for_ticket(ticket.id)
    held = [d.emulator.state.files.get(f) for f in file_ids]
    expected = [hashlib.sha256(record.data).hexdigest() for record in held if record]
    assert [a.sha256 for a in attachments] == expected and len(set(expected)) == 5
    assert [a.size for a in attachments] == [len(p) for p in ALBUM]
    store = FolderEvidenceStore(d.logs / "evidence")
    assert sorted([sha async for sha in store.hashes()]) == sorted(expected)  # once each
    for sha in expected:
        assert hashlib.sha256(await store.get(sha) or b"").hexdigest() == sha
    assert store.sweep(older_than=0) == 0  # no temporary file was left behind
    retried = [r for r in await download_rows(d.db) if r.attempts > 1]
    print(f"\n{len(retried)} downloads were taken back after the kill")
