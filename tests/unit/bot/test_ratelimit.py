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
    limiter = SendLimiter(Limits(global_per_second=29, share=2))
    for chat in range(14):
        assert limiter.ready_at(chat, 0.0) == 0.0
        limiter.record(chat, 0.0)
    assert limiter.ready_at(99, 0.0) == 1.0


def test_idle_chats_are_forgotten() -> None:
    limiter = SendLimiter()
    limiter.record(5, 0.0)
    limiter.forget_idle(10.0)
    assert 5 not in limiter._chats
