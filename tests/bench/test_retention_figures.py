"""bench/retention.py's arithmetic, without building a city: per-step batch figures and the
summary line `python -m bench all` prints."""

from __future__ import annotations

from bench.__main__ import ratios
from bench.retention import summary
from scheduler.retention import Batch


def test_each_step_is_summarised_from_its_batches() -> None:
    batches = [Batch("updates", 500, 10.0), Batch("updates", 500, 30.0), Batch("updates", 7, 2.0)]
    batches += [Batch("tickets", 500, 80.0)]
    figures = summary(batches)
    assert figures["updates"] == {
        "rows": 1007,
        "batches": 3,
        "rows_per_batch_max": 500,
        "batch_ms_p50": 10.0,
        "batch_ms_p95": 30.0,
        "batch_ms_max": 30.0,
        "rows_per_s": 1007 / 0.042 // 1,
    }
    assert figures["tickets"]["rows_per_s"] == 6250


def test_the_summary_line_says_how_long_writers_waited() -> None:
    line = {
        "bench": "retention",
        "backend": "sqlite",
        "tickets": 1000,
        "batch": 500,
        "batch_ms_max": 80.0,
        "writer_wait_ms_p50": 12.0,
        "writer_wait_ms_max": 95.5,
        "writer_alone_ms_p50": 8.0,
        "writer_alone_ms_max": 20.0,
        "before": {"inbox_update": 1000, "outbox_message": 1000},
        "after": {"inbox_update": 100, "outbox_message": 90},
        "index_range": {"updates": True, "tickets": True},
        "ok": True,
    }
    [text] = ratios([line])
    assert "95.5 ms at most (alone: 8.0, 20.0)" in text and "inbox 1000 -> 100" in text
