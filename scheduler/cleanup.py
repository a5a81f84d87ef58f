"""Housekeeping: uploaded report files, finished report requests, old job markers and the
burst counts of senders gone quiet.

Uploads, requests and burst counts are stamped with machinery time (the database clock),
markers with the domain time the jobs run at; each is aged by its own clock.

Files are kept for two weeks (long enough for any retry of the messages that carry them);
markers and requests for three months (longer than any window a job looks back over); a
sender's burst count for an hour (the burst window is seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scheduler.common import UowFactory
from storage.queries.marks import purge_marks
from storage.queries.uploads import purge_uploads
from storage.repositories.bursts import purge_idle_senders

KEEP_UPLOADS = timedelta(days=14)
KEEP_MARKS = timedelta(days=90)
KEEP_BURSTS = timedelta(hours=1)


@dataclass
class CleanupResult:
    uploads: int = 0
    marks: int = 0
    requests: int = 0
    senders: int = 0


async def cleanup(uow_factory: UowFactory, now: datetime) -> CleanupResult:
    result = CleanupResult()
    async with uow_factory() as uow:
        machinery_now = uow.clock.now()  # uploads and requests are stamped with it
        result.uploads = await purge_uploads(uow, machinery_now - KEEP_UPLOADS)
        result.requests = await uow.report_requests.purge(machinery_now - KEEP_MARKS)
        result.marks = await purge_marks(uow, now - KEEP_MARKS)
        result.senders = await purge_idle_senders(uow, machinery_now - KEEP_BURSTS)
        await uow.commit()
    return result
