import pytest

from bot.ratelimit import Limits, SendLimiter, SlidingWindow


def test_sliding_window_allows_limit_then_waits_for_oldest_to_expire() -> None:
    w = SlidingWindow(3, 1.0)
    for t in (0.0, 0.1, 0.2):
        assert w.next_free(t) == t
        w.record(t)
    assert w.next_free(0.3) == 1.0
    assert w.next_free(1.05) == 1.05  # the first one expired


def test_group_gets_at_most_19_per_minute_and_private_a_burst_of_3() -> None:
    limiter = SendLimiter(Limits())
    now, group_sent = 0.0, []
    while now < 120:
        if limiter.ready_at(-100, now) <= now:
            limiter.record(-100, now)
            group_sent.append(now)
        now += 0.5
    for start in group_sent:
        assert sum(1 for t in group_sent if start <= t < start + 60) <= 19
    private = SendLimiter(Limits())
    assert [private.ready_at(7, 0.0) for _ in range(1)] == [0.0]
    for _ in range(3):
        private.record(7, 0.0)
    assert private.ready_at(7, 0.0) == 3.2


def test_global_limit_spans_chats_and_is_shared_between_processes() -> None:
    limiter = SendLimiter(Limits(global_per_second=29, global_burst=29, share=2))
    for chat in range(14):
        assert limiter.ready_at(chat, 0.0) == 0.0
        limiter.record(chat, 0.0)
    assert limiter.ready_at(99, 0.0) == 1.0


def test_overall_bursts_are_small_but_the_rate_stays_29_per_second() -> None:
    limiter = SendLimiter(Limits())
    assert limiter.room(0.0) == 10
    for chat in range(10):
        limiter.record(chat, 0.0)
    assert limiter.room(0.0) == 0
    assert limiter.ready_at(99, 0.0) == limiter.global_ready_at(0.0) == 10 / 29
    # Driven as fast as it allows for 10 s: never more than 29 in any second, and ~29/s.
    limiter, now, sent = SendLimiter(Limits()), 0.0, []
    while now < 10.0:
        for _ in range(limiter.room(now)):
            limiter.record(len(sent) + 1, now)
            sent.append(now)
        now = limiter.global_ready_at(now + 1e-6)
    assert max(sum(1 for t in sent if s <= t < s + 1.0) for s in sent) <= 29
    assert 28.0 <= len(sent) / 10.0 <= 30.0


def test_the_burst_is_divided_between_processes_too() -> None:
    limiter = SendLimiter(Limits(share=2))
    assert limiter.room(0.0) == 5
    assert SendLimiter(Limits(share=20)).room(0.0) == 1  # never zero


def test_a_window_frees_exactly_when_it_said_despite_float_rounding() -> None:
    w = SlidingWindow(1, 3.2)
    w.record(0.3)
    free = w.next_free(0.4)
    assert free == 0.3 + 3.2
    assert free - 3.2 < 0.3  # the float trap: the event looks one ulp too young
    assert w.next_free(free) == free
    assert w.room(free) == 1


def test_room_counts_what_is_left_in_the_window() -> None:
    w = SlidingWindow(3, 1.0)
    assert w.room(0.0) == 3
    w.record(0.0)
    w.record(0.5)
    assert w.room(0.6) == 1
    assert w.room(1.0) == 2


def test_idle_chats_are_forgotten() -> None:
    limiter = SendLimiter()
    limiter.record(5, 0.0)
    limiter.forget_idle(10.0)
    assert 5 not in limiter._chats


def test_a_private_chat_shared_by_two_processes_gets_half_the_burst_each() -> None:
    """Both processes may write to the same chat in turn, each blind to the other's sends."""
    limiter = SendLimiter(Limits(share=2))
    limiter.record(7, 0.0)
    assert limiter.chat_ready_at(7, 0.0) == pytest.approx(3.2 * 2 / 3)
    assert SendLimiter(Limits(share=1)).chat_ready_at(7, 0.0) == 0.0
