"""Keeping `aduan run --workers N`'s N processes alive.

A worker that dies (a kill -9, the OOM killer, a crash) is started again after a pause that
doubles with each recent death: a worker that dies at once every time must not spin the CPU.
One that keeps dying (`RestartPolicy.max_deaths` within `window` seconds) is beyond
restarting here: the database is down, a setting is wrong. Then every worker is stopped and
`aduan run` exits non-zero, so that the process manager (systemd, Docker, Kubernetes) sees the
failure, restarts everything with its own policy and tells a human.

SIGTERM (or Ctrl-C) is passed on to every worker; each drains, and the run exits 0.

Time and waiting are injected (`clock`, `wait`), so the policy is tested with fake workers
and a fake clock, without real processes or sleeps.
"""

from __future__ import annotations

import logging
import multiprocessing.connection
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

CHECK_EVERY = 1.0  # seconds: the longest the loop waits before looking at its state again
STOP_GRACE = 30.0  # seconds a worker may take to drain before it is killed


@dataclass(frozen=True)
class RestartPolicy:
    first_delay: float = 0.5  # seconds before the first restart; doubled for each recent death
    max_delay: float = 30.0
    max_deaths: int = 5  # this many deaths of one worker within `window` seconds: give up
    window: float = 60.0


class Deaths:
    """One worker slot's recent deaths, and what they call for."""

    def __init__(self, policy: RestartPolicy) -> None:
        self.policy = policy
        self._times: deque[float] = deque()

    def record(self, at: float) -> float | None:
        """Seconds to wait before starting this worker again, or None: it crash-loops."""
        self._times.append(at)
        while self._times and self._times[0] <= at - self.policy.window:
            self._times.popleft()
        recent = len(self._times)
        if recent >= self.policy.max_deaths:
            return None
        return min(self.policy.max_delay, self.policy.first_delay * 2 ** (recent - 1))

    def __len__(self) -> int:
        return len(self._times)


class Worker(Protocol):
    """What the supervisor needs of a worker process (`multiprocessing.Process` has it)."""

    @property
    def name(self) -> str: ...
    @property
    def pid(self) -> int | None: ...
    @property
    def exitcode(self) -> int | None: ...
    @property
    def sentinel(self) -> int: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...
    def join(self, timeout: float | None = None) -> None: ...


Wait = Callable[[Sequence[Worker], float], list[Worker]]


def wait_for_exits(workers: Sequence[Worker], timeout: float) -> list[Worker]:
    """The workers that exited within `timeout` seconds (none: the timeout passed)."""
    if not workers:
        time.sleep(timeout)
        return []
    ready = set(multiprocessing.connection.wait([w.sentinel for w in workers], timeout))
    exited = [w for w in workers if w.sentinel in ready]
    for worker in exited:
        worker.join()  # the sentinel closes a moment before the exit code can be read
    return exited


def how_it_ended(exitcode: int | None) -> str:
    """ "exit code 1", "signal SIGKILL": for the log and the final message."""
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            return f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


def drained(exitcode: int | None) -> bool:
    """A clean end after SIGTERM: the worker drained (0) or had not set up its handler yet."""
    return exitcode in (0, -signal.SIGTERM)


class Supervisor:
    def __init__(
        self,
        start: Callable[[int], Worker],
        count: int,
        *,
        policy: RestartPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        wait: Wait = wait_for_exits,
    ) -> None:
        """`start(slot)` starts worker number `slot` and returns it."""
        self._start = start
        self.count = count
        self.policy = policy or RestartPolicy()
        self._clock = clock
        self._wait = wait
        self._workers: dict[int, Worker] = {}  # slot -> its running worker
        self._restarts: dict[int, float] = {}  # slot -> when to start it again
        self._deaths = {slot: Deaths(self.policy) for slot in range(count)}
        self._stopping = False
        self._unclean: list[str] = []  # workers that did not drain when stopped
        self.gave_up: str | None = None  # why, once a worker crash-loops

    def stop(self) -> None:
        """SIGTERM/SIGINT: drain every worker and end. Safe to call from a signal handler."""
        self._stopping = True
        for worker in list(self._workers.values()):
            worker.terminate()

    def run(self) -> int:
        """Supervise until stopped (0 when every worker drained) or a worker crash-loops (1)."""
        for slot in range(self.count):
            self._launch(slot)
        while not self._stopping and self.gave_up is None:
            for worker in self._wait(list(self._workers.values()), self._next_wait()):
                self._ended(worker)
            self._restart_due()
        self._drain()
        return 1 if self.gave_up is not None or self._unclean else 0

    def _launch(self, slot: int) -> None:
        worker = self._start(slot)
        self._workers[slot] = worker
        log.info("worker started", extra={"fields": {"worker": worker.name, "pid": worker.pid}})

    def _next_wait(self) -> float:
        if not self._restarts:
            return CHECK_EVERY
        return max(0.0, min(CHECK_EVERY, min(self._restarts.values()) - self._clock()))

    def _ended(self, worker: Worker) -> None:
        slot = next(s for s, w in self._workers.items() if w is worker)
        del self._workers[slot]
        ended = how_it_ended(worker.exitcode)
        fields = {"worker": worker.name, "pid": worker.pid, "ended": ended}
        if self._stopping:
            if drained(worker.exitcode):
                log.info("worker stopped", extra={"fields": fields})
            else:
                log.error("worker did not stop cleanly", extra={"fields": fields})
                self._unclean.append(f"{worker.name} ({ended})")
            return
        delay = self._deaths[slot].record(self._clock())
        if delay is None:
            self.gave_up = (
                f"{worker.name} died {self.policy.max_deaths} times within "
                f"{self.policy.window:g} s (last: {ended})"
            )
            log.error("worker crash-loops; stopping every worker", extra={"fields": fields})
            return
        log.error(
            "worker died; restarting it",
            extra={"fields": {**fields, "restart_in_s": delay, "deaths": len(self._deaths[slot])}},
        )
        self._restarts[slot] = self._clock() + delay

    def _restart_due(self) -> None:
        now = self._clock()
        for slot in [s for s, at in self._restarts.items() if at <= now]:
            del self._restarts[slot]
            if not self._stopping and self.gave_up is None:
                self._launch(slot)

    def _drain(self) -> None:
        """SIGTERM to every worker; wait up to STOP_GRACE for them, then kill the rest."""
        self._stopping = True
        self._restarts.clear()
        for worker in list(self._workers.values()):
            worker.terminate()
        deadline = self._clock() + STOP_GRACE
        while self._workers and self._clock() < deadline:
            timeout = min(CHECK_EVERY, deadline - self._clock())
            for worker in self._wait(list(self._workers.values()), timeout):
                self._ended(worker)
        for slot, worker in list(self._workers.items()):
            log.error(
                "worker still running after the stop grace; killing it",
                extra={"fields": {"worker": worker.name, "grace_s": STOP_GRACE}},
            )
            worker.kill()
            self._unclean.append(f"{worker.name} (killed after {STOP_GRACE:g} s)")
            del self._workers[slot]
