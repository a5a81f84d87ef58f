"""What the report commands need from storage: a place to record a request.

storage.queries.report_requests implements it on the SQL unit of work (`uow.report_requests`,
declared by handlers.ports.NoticeUnitOfWork); the scheduler's leader picks requests up and
answers in the chat they came from.
"""

from __future__ import annotations

from typing import Protocol

from domain.report_requests import ReportRequest

__all__ = ["ReportRequest", "ReportRequests"]


class ReportRequests(Protocol):
    async def add(self, request: ReportRequest) -> ReportRequest: ...
    async def is_pending(self, kind: str, label: str) -> bool: ...
