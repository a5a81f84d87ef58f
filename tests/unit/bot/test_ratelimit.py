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
        if limiter.chat_ready_at(-100, now, group_sent) <= now:
            group_sent.append(now)
        now += 0.5
    for start in group_sent:
        assert sum(1 for t in group_sent if start <= t < start + 60) <= 19
    assert len(group_sent) == 38
    assert limiter.chat_ready_at(7, 0.0) == 0.0
    assert limiter.chat_ready_at(7, 0.0, [0.0, 0.0]) == 0.0
    assert limiter.chat_ready_at(7, 0.0, [0.0, 0.0, 0.0]) == 3.2


def test_a_chats_limit_comes_from_its_history_not_from_this_process() -> None:
    """Whichever process sent the chat's last messages (or the one before a restart), the
    outbox's history decides: a fresh limiter knows nothing, and needs to know nothing."""
    fresh = SendLimiter(Limits(share=2))  # share divides the overall limit only
    assert fresh.chat_ready_at(7, 10.0, [8.0, 9.0, 9.5]) == 8.0 + 3.2
    assert fresh.chat_ready_at(7, 10.0, [1.0, 2.0, 8.0, 9.0, 9.5]) == 8.0 + 3.2  # the last 3
    assert fresh.chat_ready_at(7, 10.0, [9.5, 8.0, 9.0]) == 8.0 + 3.2  # in any order
    assert fresh.chat_ready_at(7, 12.0, [8.0, 9.0, 9.5]) == 12.0  # the oldest expired
    assert fresh.chat_limit(-5) == (19, 60.0) and fresh.chat_limit(5) == (3, 3.2)


def test_global_limit_spans_chats_and_is_shared_between_processes() -> None:
    limiter = SendLimiter(Limits(global_per_second=30, global_burst=30, share=2))
    for chat in range(15):
        assert limiter.ready_at(chat, 0.0) == 0.0
        limiter.record(0.0)
    assert limiter.ready_at(99, 0.0) == 1.0


def test_overall_bursts_are_small_and_whole_bursts_fill_each_second() -> None:
    limiter = SendLimiter(Limits())
    assert limiter.burst == 10 and limiter.room(0.0) == 10
    limiter.record(0.0, 10)
    assert limiter.room(0.0) == 0
    assert limiter.ready_at(99, 0.0) == limiter.global_ready_at(0.0) == 0.9 * 10 / 30
    # Driven as fast as it allows, a whole burst at a time, for 10 s: never more than 30 in
    # any second, and never a wait for the one-second window beyond the burst's own.
    limiter, now, sent = SendLimiter(Limits()), 0.0, []
    while now < 10.0:
        assert limiter.room(now) == limiter.burst
        for _ in range(limiter.burst):
            limiter.record(now)
            sent.append(now)
        now = limiter.global_ready_at(now, limiter.burst)
    assert max(sum(1 for t in sent if s <= t < s + 1.0) for s in sent) == 30
    assert len(sent) == 300


def test_answers_arriving_late_cost_little_of_the_rate() -> None:
    """Counted when answered (30 ms after leaving, here): still >= 95% of 30/s, and never
    more than 30 in any second, whether counted when they left or when they arrived."""
    limiter, now, left, answered = SendLimiter(Limits()), 0.0, [], []
    while now < 20.0:
        left += [now] * limiter.burst
        answered += [now + 0.03] * limiter.burst
        limiter.record(now + 0.03, limiter.burst)
        now = limiter.global_ready_at(now + 0.03, limiter.burst)
    assert len(left) / now >= 0.95 * 30
    for times in (left, answered):
        assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) <= 30


def test_the_burst_divides_the_rate_and_is_divided_between_processes() -> None:
    assert SendLimiter(Limits(share=2)).burst == 5  # 15/s each
    assert SendLimiter(Limits(share=3)).burst == 2  # 10/s each: 3 would not divide it
    assert SendLimiter(Limits(share=20)).burst == 1  # never zero
    assert SendLimiter(Limits(global_per_second=29)).burst == 10  # a prime: keep the burst
    assert SendLimiter(Limits(global_per_second=24)).burst == 8


def test_global_ready_at_waits_for_a_whole_burst() -> None:
    limiter = SendLimiter(Limits())
    limiter.record(0.0, 4)
    assert limiter.global_ready_at(0.0) == 0.0  # one more may go now
    assert limiter.global_ready_at(0.0, 7) == 0.9 * 10 / 30  # seven more once these expire
    assert limiter.global_ready_at(0.0, 6) == 0.0


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


def test_asking_about_a_later_moment_forgets_nothing() -> None:
    """The sender asks how much room there will be once the limit allows the next burst, and
    may then send nothing; the events that count now must still count."""
    limiter = SendLimiter(Limits())
    limiter.record(0.0, 10)
    ready = limiter.global_ready_at(0.1, limiter.burst)
    assert limiter.room(ready) == 10  # later, all of it
    assert limiter.room(0.1) == 0  # but not yet
    assert limiter.global_ready_at(0.1) == ready
