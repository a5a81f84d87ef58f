"""The city's statistics as its readers see them: the weekly report's figures, the public
dashboard's monthly series and the public complaint list (codes, categories, statuses, rounded
locations). Erasure must leave every one of them exactly as it was."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from domain.calendar import WorkingCalendar
from scheduler.reports.stats import compute_report
from storage.queries.performance import performance_facts
from storage.queries.public import ComplaintFilter, count_public, list_public
from storage.queries.report import period_facts
from tests.rights.city import City, uow_of
from web.figures import compute_performance, month_starts, window_start

CALENDAR = WorkingCalendar()


async def city_statistics(c: City, now: datetime) -> dict[str, Any]:
    start, end = now - timedelta(days=14), now + timedelta(days=1)
    since = window_start(month_starts(now, CALENDAR.tz), CALENDAR.tz)
    async with uow_of(c) as uow:
        facts = await period_facts(uow, start, end)
        performance = await performance_facts(uow, since)
        public = await list_public(uow, ComplaintFilter(), limit=1000)
        count = await count_public(uow, ComplaintFilter())
    agencies = [a.id for a in (c.w.unit, c.w.roads, c.w.env) if a.id]
    return {
        "weekly_report": compute_report(facts, start, end, now, CALENDAR),
        "dashboard": compute_performance(performance, now, CALENDAR, agencies),
        "public": [
            (p.code, p.category_id, p.status, p.latitude, p.longitude, p.rating) for p in public
        ],
        "public_count": count,
    }
