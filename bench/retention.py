"""Retention at a million closed complaints: do the hot tables stop growing, in short batches
that never hold the database for long? Side by side on SQLite and PostgreSQL.

    python -m bench.retention [--quick] [--tickets N] [--backend sqlite|postgres|both]
                              [--batch 500]

Builds the city of bench/retention_data.py (N closed complaints, N handled raw updates, N sent
messages; 9 in 10 of each past its period), prints each retention scan's plan (is it an index
range?), then runs the retention job to the end while a "bot" writes a tiny transaction every
20 ms beside it, and prints one JSON line per database: rows and time per batch for each step,
how long those writes took beside the job and alone (for 5 s before it: the baseline), the
table sizes before and after, and a second run's time (nothing left to do).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from typing import Any

from sqlalchemy import text

from bench.common import percentile
from bench.plans import explain
from bench.retention_data import NOW, old_city
from domain.retention import RetentionPolicy
from scheduler.retention import BATCH, Batch, retention
from storage.database import Database
from storage.queries.common import dialect_insert
from storage.queries.retention import due_tickets_query, old_people_query
from storage.repositories.inbox import finished_before
from storage.repositories.outbox_queue import sent_before
from storage.tables import JobMarkRow, table_of
from storage.uow import SqlUnitOfWork

POLICY = RetentionPolicy()
MARKS = table_of(JobMarkRow)
TABLES = ("inbox_update", "outbox_message", "ticket", "citizen", "attachment", "evidence_file")
PROBE_EVERY_S = 0.02
BASELINE_S = 5.0
PLANS_FROM = 200_000


async def sizes(db: Database) -> dict[str, int]:
    async with db.uow(read_only=True) as uow:
        out = {}
        for table in TABLES:
            result = await uow.session.execute(text(f"SELECT count(*) FROM {table}"))
            out[table] = int(result.scalar_one())
        erased = await uow.session.execute(
            text("SELECT count(*) FROM ticket WHERE erased_at IS NOT NULL")
        )
        out["ticket_erased"] = int(erased.scalar_one())
    return out


async def plans(db: Database) -> dict[str, dict[str, Any]]:
    queries = {
        "updates": finished_before("done", NOW - POLICY.days("updates"), 500),
        "messages": sent_before(NOW - POLICY.days("outbox"), 500),
        "tickets": due_tickets_query(POLICY.personal_cutoff(NOW), 500),
        "citizens": old_people_query(POLICY.personal_cutoff(NOW), 500),
    }
    out = {}
    for step, query in queries.items():
        plan = await explain(db, query)
        text = "\n".join(plan).lower()
        full_scan = "seq scan" in text or any(
            " scan " in line.lower() and "index" not in line.lower() for line in plan
        )
        sorted_ = "temp b-tree" in text or "sort" in text.split("->")[0] or "sort key" in text
        out[step] = {"index_range": "index" in text and not full_scan, "sorts": sorted_}
        out[step]["plan"] = plan
    return out


class Probe:
    """A bot's small write every 20 ms, timed: how long the job made writers wait."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.waits: list[float] = []
        self._stop = asyncio.Event()

    async def run(self) -> None:
        n = 0
        while not self._stop.is_set():
            n += 1
            started = time.perf_counter()
            async with self.db.uow() as uow:
                stmt = dialect_insert(uow, MARKS).values(kind="probe", key=str(n), at=NOW)
                await uow.session.execute(stmt)
                await uow.session.execute(MARKS.delete().where(MARKS.c.kind == "probe"))
                await uow.commit()
            self.waits.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(PROBE_EVERY_S)

    def stop(self) -> None:
        self._stop.set()


def summary(batches: list[Batch]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for step in dict.fromkeys(b.step for b in batches):
        mine = [b for b in batches if b.step == step]
        times = [b.ms for b in mine]
        rows = sum(b.rows for b in mine)
        out[step] = {
            "rows": rows,
            "batches": len(mine),
            "rows_per_batch_max": max(b.rows for b in mine),
            "batch_ms_p50": round(statistics.median(times), 1),
            "batch_ms_p95": round(percentile(times, 95), 1),
            "batch_ms_max": round(max(times), 1),
            "rows_per_s": round(rows / (sum(times) / 1000), 0) if sum(times) else None,
        }
    return out


async def bench(backend: str, n: int, batch: int) -> dict[str, Any]:
    started = time.perf_counter()
    async with old_city(backend, n) as db:
        load_s = time.perf_counter() - started
        before = await sizes(db)
        scans = await plans(db)
        idle = Probe(db)  # the same writes with no job beside them: the baseline
        idling = asyncio.create_task(idle.run())
        await asyncio.sleep(BASELINE_S)
        idle.stop()
        await idling
        probe = Probe(db)
        probing = asyncio.create_task(probe.run())
        t0 = time.perf_counter()

        def reader() -> SqlUnitOfWork:
            return db.uow(read_only=True)

        result = await retention(db.uow, POLICY, NOW, batch=batch, budget_s=None, reader=reader)
        run_s = time.perf_counter() - t0
        probe.stop()
        await probing
        t0 = time.perf_counter()
        again = await retention(db.uow, POLICY, NOW, batch=batch, budget_s=None, reader=reader)
        second_s = time.perf_counter() - t0
        after = await sizes(db)
    steps = summary(result.batches)
    worst = max((s["batch_ms_max"] for s in steps.values()), default=0.0)
    line = {
        "bench": "retention",
        "backend": backend,
        "tickets": n,
        "batch": batch,
        "load_s": round(load_s, 1),
        "run_s": round(run_s, 1),
        "steps": {k: v for k, v in steps.items() if v["rows"]},
        "batch_ms_max": worst,
        "writer_wait_ms_p50": round(statistics.median(probe.waits), 1) if probe.waits else None,
        "writer_wait_ms_p99": round(percentile(probe.waits, 99), 1) if probe.waits else None,
        "writer_wait_ms_max": round(max(probe.waits), 1) if probe.waits else None,
        "writes_beside_the_job": len(probe.waits),
        "writer_alone_ms_p50": round(statistics.median(idle.waits), 1) if idle.waits else None,
        "writer_alone_ms_max": round(max(idle.waits), 1) if idle.waits else None,
        "before": before,
        "after": after,
        "second_run_s": round(second_s, 2),
        "second_run_rows": sum(again.purged.values()),
        "index_range": {step: p["index_range"] and not p["sorts"] for step, p in scans.items()},
        "plans": {step: p["plan"] for step, p in scans.items()},
    }
    # On a small city PostgreSQL rightly prefers reading the table: the plans are judged from
    # 200,000 complaints up (`make bench`; the quick smoke checks the rest).
    line["ok"] = (
        (n < PLANS_FROM or all(line["index_range"].values()))
        and line["second_run_rows"] == 0
        and after["ticket_erased"] >= before["ticket"] * 0.85
    )
    return line


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench retention")
    parser.add_argument("--quick", action="store_true", help="20k complaints")
    parser.add_argument("--tickets", type=int)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--batch", type=int, default=BATCH)
    args = parser.parse_args()
    n = args.tickets or (20_000 if args.quick else 1_000_000)

    async def each() -> None:
        for backend in ("sqlite", "postgres") if args.backend == "both" else (args.backend,):
            print(json.dumps(await bench(backend, n, args.batch), ensure_ascii=False), flush=True)

    asyncio.run(each())


if __name__ == "__main__":
    main()
