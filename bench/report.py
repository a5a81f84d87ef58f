"""The weekly report at a million tickets (goal: < 2 s), and its query plans.

    python -m bench.report [--quick] [--tickets N] [--backend sqlite|postgres|both]

Times reading the week's facts plus computing every number (what /report and the weekly job
do before drawing), then the three charts separately, and prints JSON lines.
"""

from __future__ import annotations

import json
import time

from bench.plans import explain, uses_index
from bench.sla_data import NOW, big_city, run_on_big_cities
from domain.calendar import WorkingCalendar
from handlers.reports.periods import last_week
from handlers.texts import default_catalogue
from scheduler.reports.charts import render_charts
from scheduler.reports.render import render_report
from scheduler.reports.stats import compute_report
from storage.queries.report import period_facts, resolved_query, shares_query, tickets_query


async def bench(backend: str, n: int) -> None:
    calendar = WorkingCalendar()
    texts = default_catalogue()
    period = last_week(NOW, "Asia/Jakarta")
    async with big_city(backend, n) as db:
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            async with db.uow(read_only=True) as uow:
                facts = await period_facts(uow, period.start, period.end)
            report = compute_report(facts, period.start, period.end, NOW, calendar)
            text = render_report(texts, "id", report, period.label)
            best = min(best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        charts = render_charts(texts, "id", report, period.label)
        first_charts_s = time.perf_counter() - t0  # loads fonts once per process
        t0 = time.perf_counter()
        charts = render_charts(texts, "id", report, period.label)
        charts_s = time.perf_counter() - t0
        plans = {
            "tickets": await explain(db, tickets_query(period.start, period.end)),
            "shares": await explain(db, shares_query(period.start, period.end)),
            "resolved": await explain(db, resolved_query(period.start, period.end)),
        }
    print(
        json.dumps(
            {
                "bench": "weekly_report",
                "backend": backend,
                "tickets": n,
                "period": period.label,
                "week_tickets": report.received,
                "week_shares": sum(a.received for a in report.agencies),
                "report_s": round(best, 3),
                "goal_s": 2.0,
                "charts_s": round(charts_s, 3),
                "first_charts_s": round(first_charts_s, 3),
                "total_s": round(best + charts_s, 3),
                "ok": best + charts_s < 2.0 and all(uses_index(p) for p in plans.values()),
                "text_chars": len(text),
                "chart_bytes": [len(c.png) for c in charts],
                "index_used": {k: uses_index(p) for k, p in plans.items()},
                "plans": plans,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


if __name__ == "__main__":
    run_on_big_cities("python -m bench.report", bench)
