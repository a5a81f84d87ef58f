"""The arithmetic the benchmarks report, checked without running one (no processes, no
network, no database): percentiles, latency pairing, the outbox plan and per-group window,
the order check, the ratios and the `python -m bench all` summary.

The benchmarks themselves are not run by `make test`: CI runs `make bench-quick`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from bench.__main__ import ratios
from bench.common import latency_summary, percentile
from bench.feed import ChatLog, buttons, reply_keyboard_asks
from bench.intake import sql_per_update, summarise
from bench.load import COMPLAINT, mirror
from bench.outbox import busiest_minute, plan
from bench.scale import order_breaks


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([], 50) == 0.0
    assert latency_summary([0.1, 0.2, 0.3]) == {
        "latency_ms_p50": 200.0,
        "latency_ms_p95": 300.0,
        "latency_ms_p99": 300.0,
    }


def event(kind: str, at: float, *, from_bot: bool, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "at": at, "from_bot": from_bot, "chat_id": 7, **extra}


def test_a_reply_is_timed_from_the_user_update_it_answers() -> None:
    log = ChatLog(7)
    log.on_event(event("message", 10.0, from_bot=False))
    log.on_event(event("callback_answer", 10.1, from_bot=True))  # not a reply
    log.on_event(event("message", 10.25, from_bot=True))
    log.on_event(event("message", 10.5, from_bot=True))  # a second answer: not re-timed
    log.on_event(event("callback_query", 11.0, from_bot=False))
    log.on_event(event("edited_message", 11.1, from_bot=True))  # seen, but not a reply
    log.on_event(event("message", 11.4, from_bot=True))
    assert [round(x, 3) for x in log.latencies] == [0.25, 0.4]
    assert len(log.bot_events) == 4


def test_buttons_and_reply_keyboards_are_read_from_bot_events() -> None:
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "ic1:1:jalan"}]]}
    assert buttons({"message": {"reply_markup": markup}}) == ["ic1:1:jalan"]
    keyboard = {"keyboard": [[{"text": "Kirim lokasi", "request_location": True}], ["Lewati"]]}
    assert reply_keyboard_asks({"keyboard": keyboard}) == {"request_location"}


def test_the_echo_script_mirrors_the_update_kinds() -> None:
    echoed = mirror(COMPLAINT)
    assert [s.action for s in echoed] == [s.action for s in COMPLAINT]
    assert all(s.value == "^ok$" for s in echoed if s.action == "press")


def test_the_outbox_plan_spreads_groups_over_the_first_half() -> None:
    private, groups = list(range(1, 101)), [-1, -2]
    order = plan(1000, private, groups)
    assert len(order) == 1000
    in_groups = [n for n, chat in enumerate(order) if chat < 0]
    assert len(in_groups) == 80 and max(in_groups) < 500
    assert {chat for chat in order if chat > 0} == set(private)


def test_busiest_minute_counts_a_sliding_window() -> None:
    assert busiest_minute([0.0, 10.0, 59.0, 60.0, 61.0, 200.0]) == 4  # 10 … 61 s
    assert busiest_minute([]) == 0


def test_order_breaks_are_found_per_chat() -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)

    def update(chat: int, seconds: int, worker: str = "a/inbox") -> SimpleNamespace:
        return SimpleNamespace(
            chat_id=chat, handled_at=t0 + timedelta(seconds=seconds), locked_by=worker
        )

    def sent(chat: int, ids: list[int], kind: str = "text") -> SimpleNamespace:
        return SimpleNamespace(chat_id=chat, payload={"kind": kind}, message_ids=ids)

    held = order_breaks(
        [update(1, 1), update(1, 2, "b/inbox"), update(2, 0)],
        [sent(1, [5]), sent(1, [3], "edit_text"), sent(1, [6, 7]), sent(2, [1])],
    )
    assert held["order_held"] and held["updates_by_process"] == [2, 1]
    broken = order_breaks([update(1, 2), update(1, 1)], [sent(1, [6]), sent(1, [5])])
    assert broken["inbox_order_breaks"] == 1 and broken["outbox_order_breaks"] == 1


def test_ratios_compare_aduan_with_the_echo_bot_of_its_library() -> None:
    lines: list[dict[str, Any]] = [
        {"bot": "echo", "library": "ptb", "cpu_s_per_1k_updates": 2.0, "updates_per_s": 100},
        {
            "bot": "aduan",
            "library": "ptb",
            "database": "sqlite",
            "cpu_s_per_1k_updates": 3.0,
            "updates_per_s": 50,
            "complaints_per_min": 250.0,
            "statements_per_update": 6.5,
            "answers_per_complaint": 8.0,
        },
    ]
    [summary] = summarise(lines)
    assert summary["cpu_per_update_vs_echo"] == 1.5 and summary["goal_cpu_ratio_le_1_5"]
    assert summary["cpu_ratio_goal"] == 2.0 and summary["goal_cpu_ratio_met"]
    assert summary["goal_200_complaints_per_min"]
    text = ratios([{"bench": "intake-ratio", **summary}])
    assert "1.5x" in text[0] and "goal <= 2.0" in text[0]
    assert "6.5 SQL statements per update" in text[0]


def test_with_rounds_the_ratio_is_between_the_medians() -> None:
    """`--rounds 3`: a round the machine ran slow for one bot moves neither median."""

    def line(bot: str, cpu: float, number: int) -> dict[str, Any]:
        database = "postgres" if bot == "aduan" else None
        return {
            "bot": bot,
            "library": "aiogram",
            "database": database,
            "round": number,
            "cpu_s_per_1k_updates": cpu,
            "updates_per_s": 100,
            "complaints_per_min": 500.0,
        }

    aduan = [line("aduan", cpu, n) for n, cpu in enumerate((2.6, 3.9, 2.5), start=1)]
    echo = [line("echo", cpu, n) for n, cpu in enumerate((1.0, 1.0, 0.8), start=1)]
    [summary] = summarise(aduan + echo)
    assert summary["cpu_per_update_vs_echo"] == 2.6  # 2.6 against 1.0
    assert summary["cpu_per_update_vs_echo_by_round"] == [2.6, 3.9, 3.12]
    assert summary["goal_cpu_ratio_met"]


def test_sql_statements_are_counted_per_update_and_by_task() -> None:
    before = {"statements": 100, "transactions": 10, "by_task": {"InboxWorker._handle": 80}}
    after = {
        "statements": 400,
        "transactions": 60,
        "by_task": {"InboxWorker._handle": 280, "Sender.run": 100, "Presence.run": 0},
    }
    assert sql_per_update(before, after, updates=50) == {
        "statements_per_update": 6.0,
        "transactions_per_update": 1.0,
        "statements_per_update_by_task": {"InboxWorker._handle": 4.0, "Sender.run": 2.0},
    }
