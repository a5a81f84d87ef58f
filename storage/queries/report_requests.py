"""/report and /export requests: recorded by the command handler, produced by the scheduler."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from domain.report_requests import PENDING, ReportRequest
from storage.queries.common import rowcount
from storage.tables import ReportRequestRow, table_of

if TYPE_CHECKING:
    from storage.uow import SqlUnitOfWork

REQUESTS = table_of(ReportRequestRow)
DONE, FAILED = "done", "failed"


class SqlReportRequestRepository:
    """What handlers.reports.ports.ReportRequests asks for, on the unit of work's session."""

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    async def add(self, request: ReportRequest) -> ReportRequest:
        result = await self._uow.session.execute(
            REQUESTS.insert()
            .values(
                kind=request.kind,
                chat_id=request.chat_id,
                thread_id=request.thread_id,
                requested_by=request.requested_by,
                language=request.language,
                period_start=request.period_start,
                period_end=request.period_end,
                label=request.label,
                status=PENDING,
                created_at=self._uow.clock.now(),
            )
            .returning(REQUESTS.c.id)
        )
        request.id = int(result.scalar_one())
        return request

    async def is_pending(self, kind: str, label: str) -> bool:
        """A request for the same thing is still waiting (asked twice before it came)."""
        result = await self._uow.session.execute(
            select(REQUESTS.c.id)
            .where(REQUESTS.c.status == PENDING, REQUESTS.c.kind == kind, REQUESTS.c.label == label)
            .limit(1)
        )
        return result.first() is not None

    async def take(self, request_id: int) -> bool:
        """Answered, and not kept: a request that names a person (a citizen's /mydata) is
        deleted in the transaction that queues its answer. False if another run took it."""
        return await rowcount(self._uow, delete(REQUESTS).where(REQUESTS.c.id == request_id)) == 1

    async def pending(self, limit: int = 5) -> list[ReportRequest]:
        result = await self._uow.session.execute(
            select(REQUESTS)
            .where(REQUESTS.c.status == PENDING)
            .order_by(REQUESTS.c.id)
            .limit(limit)
        )
        return [
            ReportRequest(
                kind=r.kind,
                chat_id=r.chat_id,
                period_start=r.period_start,
                period_end=r.period_end,
                label=r.label,
                language=r.language,
                thread_id=r.thread_id,
                requested_by=r.requested_by,
                status=r.status,
                id=r.id,
            )
            for r in result
        ]

    async def finish(self, request_id: int, *, failed: str | None = None) -> bool:
        """Done (or failed) once: False if another run finished it first."""
        return (
            await rowcount(
                self._uow,
                update(REQUESTS)
                .where(REQUESTS.c.id == request_id, REQUESTS.c.status == PENDING)
                .values(
                    status=FAILED if failed else DONE,
                    error=failed,
                    done_at=self._uow.clock.now(),
                ),
            )
            == 1
        )

    async def purge(self, before: datetime) -> int:
        return await rowcount(
            self._uow,
            delete(REQUESTS).where(REQUESTS.c.status != PENDING, REQUESTS.c.done_at < before),
        )
