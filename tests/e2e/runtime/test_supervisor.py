"""A worker that keeps dying is not restarted for ever: `aduan run --workers 2` whose workers
cannot reach Telegram (a closed port; the supervising process itself only checks the database)
restarts them with a growing pause, then gives up with exit 1, saying why.

(The restart of a worker killed once, mid-burst, is in test_workers.py.)
"""

from __future__ import annotations

import asyncio
import socket

import pytest

from tests.e2e.runtime.processes import Deployment

GIVES_UP_WITHIN = 120.0  # 5 deaths: 4 pauses (0.5 + 1 + 2 + 4 s) and 5 starts of a worker


@pytest.mark.parametrize("deployment", [("ptb", "postgres")], indirect=True, ids=["ptb-postgres"])
async def test_a_crash_looping_worker_makes_aduan_run_exit_non_zero(deployment: Deployment) -> None:
    d = deployment
    run = await d.launch(
        "--workers", "2", TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{closed_port()}"
    )
    code = await asyncio.wait_for(run.proc.wait(), GIVES_UP_WITHIN)
    log = run.log_path.read_text(errors="replace")
    assert code == 1, log[-3000:]

    failures = run.lines("worker failed")
    assert failures and all(
        "Telegram" in line["exc"] or "connect" in line["exc"].lower() for line in failures
    ), failures[:1]
    deaths = run.lines("worker died; restarting it")
    (gave_up,) = run.lines("worker crash-loops; stopping every worker")
    slot = gave_up["worker"]
    pauses = [line["restart_in_s"] for line in deaths if line["worker"] == slot]
    assert pauses == [0.5, 1.0, 2.0, 4.0]  # then the fifth death within 60 s
    assert f"aduan run: {slot} died 5 times within 60 s (last: exit code 1)" in log
    assert not run.lines("aduan started")


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
