"""The supervisor's policy: restart a dead worker after a doubling pause, give up (exit 1) on
a worker that dies 5 times within 60 s, drain every worker on SIGTERM (exit 0).

Fake workers in a fake world: time moves only when the supervisor waits, so a minute of
supervision runs in microseconds and every start and death happens at a known time.
"""

from __future__ import annotations

import itertools
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.supervisor import (
    STOP_GRACE,
    Deaths,
    RestartPolicy,
    Supervisor,
    Worker,
    how_it_ended,
)

SIGTERMED = -signal.SIGTERM
SIGKILLED = -signal.SIGKILL


@dataclass
class FakeWorker:
    name: str
    pid: int
    started: float
    dies_at: float | None  # None: runs until told to stop
    dies_with: int
    drains: bool = True  # False: ignores SIGTERM (a stuck worker)
    exitcode: int | None = None
    terminated: bool = False

    @property
    def sentinel(self) -> int:
        return self.pid

    def terminate(self) -> None:
        self.terminated = True

    def kill(self) -> None:
        self.dies_at, self.dies_with = None, SIGKILLED
        self.exitcode = SIGKILLED

    def join(self, timeout: float | None = None) -> None:
        pass


# How a worker started at `started` (the n-th start of its slot) will end: (after how many
# seconds, with which exit code), or None to run until stopped.
Fate = Callable[[int, int], tuple[float, int] | None]


@dataclass
class World:
    fate: Fate
    sigterm_at: float | None = None  # when the operator stops the run
    drains_in: float = 2.0
    stuck: set[int] = field(default_factory=set)  # slots whose workers ignore SIGTERM
    now: float = 0.0
    starts: list[tuple[float, int]] = field(default_factory=list)  # (time, slot)
    supervisor: Supervisor | None = None

    def start(self, slot: int) -> Worker:
        nth = sum(1 for _, s in self.starts if s == slot)
        self.starts.append((self.now, slot))
        ends = self.fate(slot, nth)
        return FakeWorker(
            name=f"aduan-worker-{slot}",
            pid=1000 + len(self.starts),
            started=self.now,
            dies_at=None if ends is None else self.now + ends[0],
            dies_with=0 if ends is None else ends[1],
            drains=slot not in self.stuck,
        )

    def clock(self) -> float:
        return self.now

    def wait(self, workers: Sequence[Worker], timeout: float) -> list[Worker]:
        """Advance to the first death within `timeout` (or by `timeout`); SIGTERM arrives
        on schedule, as a signal would, in the middle of a wait."""
        fakes = [w for w in workers if isinstance(w, FakeWorker)]
        until = self.now + timeout
        if self.sigterm_at is not None and self.now <= self.sigterm_at <= until:
            self.now, self.sigterm_at = self.sigterm_at, None
            assert self.supervisor is not None
            self.supervisor.stop()
            return []
        for w in fakes:
            if w.terminated and w.drains and w.exitcode is None:
                w.dies_at = min(w.dies_at or until + 1, self.now + self.drains_in)
                w.dies_with = 0
        ends = [w.dies_at for w in fakes if w.dies_at is not None and w.dies_at <= until]
        if not ends:
            self.now = until
            return []
        self.now = min(ends)
        dead = [w for w in fakes if w.dies_at == self.now]
        for w in dead:
            w.exitcode, w.dies_at = w.dies_with, None
        return list(dead)

    def supervise(self, count: int = 2) -> int:
        self.supervisor = Supervisor(
            self.start, count, policy=RestartPolicy(), clock=self.clock, wait=self.wait
        )
        return self.supervisor.run()


def test_the_pause_before_a_restart_doubles_with_each_recent_death_up_to_a_cap() -> None:
    deaths = Deaths(RestartPolicy(first_delay=0.5, max_delay=3.0, max_deaths=99, window=60.0))
    assert [deaths.record(t) for t in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)] == [
        0.5,
        1.0,
        2.0,
        3.0,
        3.0,
        3.0,
    ]


def test_deaths_older_than_the_window_are_forgotten() -> None:
    deaths = Deaths(RestartPolicy(first_delay=0.5, max_deaths=5, window=60.0))
    assert [deaths.record(t) for t in (0.0, 10.0, 20.0, 30.0)] == [0.5, 1.0, 2.0, 4.0]
    assert deaths.record(61.0) == 4.0  # the death at 0 s left the window: still 4 recent
    assert len(deaths) == 4
    assert deaths.record(65.0) is None  # the fifth within 60 s: crash loop


def test_a_killed_worker_is_started_again_and_sigterm_then_drains_all_and_exits_0() -> None:
    def fate(slot: int, nth: int) -> tuple[float, int] | None:
        return (100.0, SIGKILLED) if (slot, nth) == (1, 0) else None  # one kill -9 at 100 s

    world = World(fate, sigterm_at=500.0)
    assert world.supervise() == 0
    assert world.starts == [(0.0, 0), (0.0, 1), (100.5, 1)]  # half a second after the kill
    assert world.now == 502.0  # both drained, nothing killed


def test_a_worker_dying_now_and_then_is_never_given_up() -> None:
    """One death every 20 s is 3 within any minute: restarted every time, for ever."""

    def fate(slot: int, nth: int) -> tuple[float, int] | None:
        return (20.0, 1) if slot == 0 else None

    world = World(fate, sigterm_at=1000.0)
    assert world.supervise() == 0
    restarts = [t for t, slot in world.starts if slot == 0][1:]
    assert len(restarts) > 40
    assert restarts[:3] == [20.5, 41.5, 63.5]  # 0.5 s, then 1 s, then 2 s after each death
    assert all(b - a <= 24.0 for a, b in itertools.pairwise(restarts))


def test_a_crash_looping_worker_stops_everything_and_exits_1() -> None:
    def fate(slot: int, nth: int) -> tuple[float, int] | None:
        return (3.0, 1) if slot == 1 else None  # dies 3 s after every start (bad database)

    world = World(fate)
    assert world.supervise() == 1
    # Deaths at 3, 6.5, 10.5, 15.5, 22.5: the fifth within 60 s ends it. No sixth start.
    assert [t for t, slot in world.starts if slot == 1] == [0.0, 3.5, 7.5, 12.5, 19.5]
    assert world.supervisor is not None and world.supervisor.gave_up == (
        "aduan-worker-1 died 5 times within 60 s (last: exit code 1)"
    )
    assert world.now == 22.5 + world.drains_in  # the healthy worker was drained, not killed


def test_sigterm_while_a_restart_is_pending_starts_nothing_more() -> None:
    def fate(slot: int, nth: int) -> tuple[float, int] | None:
        return (1.0, 1) if slot == 0 else None

    world = World(fate, sigterm_at=9.0)  # deaths at 1, 2.5, 4.5, 7.5; next start due at 11.5
    assert world.supervise() == 0
    assert [t for t, slot in world.starts if slot == 0] == [0.0, 1.5, 3.5, 6.5]
    assert world.now == 9.0 + world.drains_in


def test_a_worker_that_does_not_drain_is_killed_after_the_grace_and_the_run_fails() -> None:
    world = World(lambda _slot, _nth: None, sigterm_at=10.0, stuck={1})
    assert world.supervise() == 1
    assert world.now == 10.0 + STOP_GRACE


def test_how_a_worker_ended_is_said_plainly() -> None:
    assert how_it_ended(1) == "exit code 1"
    assert how_it_ended(SIGKILLED) == "signal SIGKILL"
    assert how_it_ended(SIGTERMED) == "signal SIGTERM"
