"""Housekeeping: uploaded report files, finished report requests, old job markers and the
burst counts of senders gone quiet.

Uploads, requests and burst counts are stamped with machinery time (the database clock),
markers with the domain time the jobs run at; each is aged by its own clock.

How long each is kept, and why, is written in domain/retention.py (RetentionPolicy): files for
two weeks, markers and requests for three months, a sender's burst count for an hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.retention import RetentionPolicy
from scheduler.common import UowFactory
from storage.queries.marks import purge_marks
from storage.queries.uploads import purge_uploads
from storage.repositories.bursts import purge_idle_senders


@dataclass
class CleanupResult:
    uploads: int = 0
    marks: int = 0
    requests: int = 0
    senders: int = 0


async def cleanup(
    uow_factory: UowFactory, now: datetime, policy: RetentionPolicy | None = None
) -> CleanupResult:
    keep = policy or RetentionPolicy()
    result = CleanupResult()
    async with uow_factory() as uow:
        machinery_now = uow.clock.now()  # uploads and requests are stamped with it
        result.uploads = await purge_uploads(uow, machinery_now - keep.days("uploads"))
        result.requests = await uow.report_requests.purge(machinery_now - keep.days("marks"))
        result.marks = await purge_marks(uow, now - keep.days("marks"))
        senders_before = machinery_now - timedelta(hours=keep.flood_hours)
        result.senders = await purge_idle_senders(uow, senders_before)
        await uow.commit()
    return result
