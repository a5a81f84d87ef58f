"""The archive's integrity checks and backfill, on a Database and an evidence store (the CLI
commands in bot/cli_evidence.py build those from the settings; tests pass their own)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy import distinct, select

from domain.evidence import EvidenceStore, sha256_of
from storage.database import Database
from storage.repositories.evidence import ATTACHMENTS


@dataclass
class VerifyReport:
    store: str
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    corrupt: list[str] = field(default_factory=list)
    failed_downloads: list[tuple[int, str]] = field(default_factory=list)
    waiting: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.corrupt or self.failed_downloads)

    def text(self) -> str:
        lines = [
            f"evidence store: {self.store}; {self.checked} files checked, "
            f"{len(self.missing)} missing, {len(self.corrupt)} corrupt, "
            f"{len(self.failed_downloads)} downloads failed, {self.waiting} waiting"
        ]
        lines += [f"missing: {sha}" for sha in self.missing]
        lines += [f"corrupt: {sha}" for sha in self.corrupt]
        lines += [
            f"not archived: attachment {attachment} ({reason})"
            for attachment, reason in self.failed_downloads
        ]
        if self.failed_downloads:
            lines.append("run `aduan evidence backfill` to try those downloads again")
        return "\n".join(lines)


def progress_bar() -> Progress:
    """On stderr, so the report on stdout stays clean for scripts; hidden when not a TTY."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )


async def verify_archive(db: Database, store: EvidenceStore) -> VerifyReport:
    async with db.uow(read_only=True) as uow:
        result = await uow.session.execute(
            select(distinct(ATTACHMENTS.c.sha256)).where(ATTACHMENTS.c.sha256.is_not(None))
        )
        hashes = sorted(result.scalars())
        report = VerifyReport(store.name, waiting=await uow.evidence_queue.waiting())
        report.failed_downloads = await uow.evidence_queue.failures(limit=1000)
    with progress_bar() as bar:
        task = bar.add_task("verifying evidence", total=len(hashes))
        for sha256 in hashes:
            data = await store.get(sha256)
            if data is None:
                report.missing.append(sha256)
            elif sha256_of(data) != sha256:
                report.corrupt.append(sha256)
            report.checked += 1
            bar.advance(task)
    return report


@dataclass
class BackfillReport:
    queued: int
    archived: int
    failed: list[tuple[int, str]]
    waiting: int

    def text(self) -> str:
        lines = [
            f"{self.queued} attachments queued, {self.archived} archived, "
            f"{len(self.failed)} failed, {self.waiting} left for the bot to retry"
        ]
        lines += [f"failed: attachment {a} ({reason})" for a, reason in self.failed]
        return "\n".join(lines)


async def backfill_archive(db: Database, store: EvidenceStore, gateway: Any) -> BackfillReport:
    """Queue every unarchived attachment, then archive them through `gateway` (started)."""
    from bot.archiver import EvidenceArchiver  # imports a Telegram library's errors

    async with db.uow() as uow:
        queued = await uow.evidence_queue.enqueue_unarchived()
        await uow.commit()
    me = await gateway.get_me()
    archiver = EvidenceArchiver(
        db, gateway, store, bot_id=me.id, worker_id=f"{os.getpid()}-backfill/evidence"
    )
    with progress_bar() as bar:
        task = bar.add_task("archiving evidence", total=queued)
        await archiver.drain(lambda n: bar.advance(task, n))
    async with db.uow(read_only=True) as uow:
        failed = await uow.evidence_queue.failures(limit=1000)
        waiting = await uow.evidence_queue.waiting()
    return BackfillReport(queued, archiver.archived, failed, waiting)
