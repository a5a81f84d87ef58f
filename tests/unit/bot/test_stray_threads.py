"""A stopped bot exits even when a library left a non-daemon thread running (bot.app)."""

from __future__ import annotations

import subprocess
import sys
import time

SCRIPT = """
import logging, sys, threading
from bot.app import leave_past_stray_threads
logging.basicConfig(stream=sys.stderr, format="%(message)s %(fields)s")
if sys.argv[1] == "leave-one":
    threading.Thread(target=threading.Event().wait, name="left-open-connection").start()
leave_past_stray_threads(grace=0.2)
print("returned")
"""


def _stop(case: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, case],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_a_thread_left_running_does_not_keep_the_process_alive() -> None:
    started = time.monotonic()
    done = _stop("leave-one")
    assert done.returncode == 0 and time.monotonic() - started < 15
    assert "returned" not in done.stdout
    assert "exiting anyway" in done.stderr and "left-open-connection" in done.stderr


def test_without_stray_threads_it_returns() -> None:
    done = _stop("clean")
    assert done.returncode == 0 and "returned" in done.stdout and not done.stderr
