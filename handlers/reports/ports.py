"""What the report commands need from storage: a place to record a request.

storage.queries.report_requests implements it on the SQL unit of work (`uow.report_requests`);
the scheduler's leader picks requests up and answers in the chat they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass
class ReportRequest:
    kind: str  # report | export | audit
    chat_id: int
    period_start: datetime
    period_end: datetime
    label: str
    language: str = "id"
    thread_id: int | None = None
    requested_by: int | None = None
    status: str = "pending"
    id: int | None = None


class ReportRequests(Protocol):
    async def add(self, request: ReportRequest) -> ReportRequest: ...
    async def is_pending(self, kind: str, label: str) -> bool: ...
