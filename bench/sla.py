"""The SLA scan at a million tickets: is it one cheap indexed query? (goal: < 50 ms)

    python -m bench.sla [--quick] [--tickets N] [--backend sqlite|postgres|both]

Builds the city of bench/sla_data.py, then times (median of 7) the scan's query and a full
`sla_scan` job run over the reminders due, and prints JSON lines with the query plan.
"""

from __future__ import annotations

import json
import statistics
import time

from bench.plans import explain, uses_index
from bench.sla_data import NOW, big_city, run_on_big_cities
from domain.calendar import WorkingCalendar
from domain.clock import FakeClock
from domain.sla import SlaPolicy
from domain.usecases.context import Lifecycle
from handlers.texts import default_catalogue
from scheduler.sla_scan import sla_scan
from storage.queries.sla import due_clocks, due_clocks_query


class SilentNotifier:
    """The scan never calls the notifier; the Lifecycle just needs one."""

    async def on_event(self, uow: object, ticket: object, event: object) -> None:
        return None


async def bench(backend: str, n: int) -> None:
    started = time.perf_counter()
    async with big_city(backend, n) as db:
        load_s = time.perf_counter() - started
        timings = []
        for _ in range(7):
            async with db.uow(read_only=True) as uow:
                t0 = time.perf_counter()
                due = await due_clocks(uow, NOW, 200)
                timings.append((time.perf_counter() - t0) * 1000)
        plan = await explain(db, due_clocks_query(NOW, 200))
        life = Lifecycle(FakeClock(NOW), SlaPolicy(WorkingCalendar()), SilentNotifier())
        t0 = time.perf_counter()
        job = await sla_scan(db.uow, life, default_catalogue(), NOW)
        job_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        again = await sla_scan(db.uow, life, default_catalogue(), NOW)
        idle_ms = (time.perf_counter() - t0) * 1000
    print(
        json.dumps(
            {
                "bench": "sla_scan",
                "backend": backend,
                "tickets": n,
                "load_s": round(load_s, 1),
                "due": len(due),
                "query_ms": round(statistics.median(timings), 2),
                "goal_ms": 50,
                "ok": statistics.median(timings) < 50 and uses_index(plan),
                "job_ms": round(job_ms, 1),
                "job_reminded": job.reminded,
                "job_messages": job.messages,
                "second_run_ms": round(idle_ms, 1),
                "second_run_due": again.due,
                "index_used": uses_index(plan),
                "plan": plan,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


if __name__ == "__main__":
    run_on_big_cities("python -m bench.sla", bench)
