"""The citizen side's own limits: the burst rule (in memory; the database's count is checked
against it in tests/contract/test_bursts.py), the hourly complaint limit, and fitting user
text into Telegram's HTML messages (shortened as plain text; the catalogue escapes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from markupsafe import Markup

from domain.flood import InMemoryBurstGuard, Verdict
from domain.model import Citizen, Ticket
from domain.status import TicketStatus
from handlers.citizen.flood import too_many_recent
from handlers.citizen.format import fit_lines, shorten
from handlers.texts.html import ELLIPSIS, visible_length
from tests.fakes import InMemoryStore

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def test_the_burst_guard_warns_once_then_drops_until_the_window_passes() -> None:
    guard = InMemoryBurstGuard(limit=20, window=10.0)
    assert all(guard.verdict(7, 100.0 + n * 0.1) is Verdict.ALLOW for n in range(20))
    assert guard.verdict(7, 102.5) is Verdict.WARN  # the 21st within 10 s: one polite "slow down"
    assert guard.verdict(7, 103.0) is Verdict.DROP  # then silence, nothing stored
    assert guard.verdict(8, 103.0) is Verdict.ALLOW  # other citizens are not affected
    assert guard.verdict(7, 112.5) is Verdict.ALLOW


def test_a_replayed_backlog_counts_at_the_times_it_was_sent() -> None:
    """After downtime, a minute of messages is handled in a second: not a flood."""
    guard = InMemoryBurstGuard(limit=20, window=10.0)
    assert all(guard.verdict(7, 1000.0 + n * 2) is Verdict.ALLOW for n in range(30))
    assert guard.verdict(7, 1500.0) is Verdict.ALLOW  # a button pressed now, out of order


async def test_a_sixth_complaint_within_the_hour_is_refused() -> None:
    store = InMemoryStore()
    async with store.uow() as uow:
        citizen = await uow.citizens.add(Citizen(1, 1, "Budi", NOW))
        assert citizen.id is not None
        for minutes in (5, 20, 30, 40):
            created = NOW - timedelta(minutes=minutes)
            await uow.tickets.add(
                Ticket(
                    f"ADU-2222{minutes}",
                    citizen.id,
                    1,
                    "x" * 20,
                    TicketStatus.SUBMITTED,
                    created,
                    created,
                )
            )
        old = NOW - timedelta(minutes=61)
        await uow.tickets.add(
            Ticket("ADU-OLD", citizen.id, 1, "x" * 20, TicketStatus.CLOSED, old, old)
        )
        assert not await too_many_recent(uow, citizen.id, NOW)  # 4 in the hour: a 5th is fine
        await uow.tickets.add(
            Ticket("ADU-NEW", citizen.id, 1, "x" * 20, TicketStatus.SUBMITTED, NOW, NOW)
        )
        assert await too_many_recent(uow, citizen.id, NOW)


def test_shorten_cuts_plain_text_at_a_word_and_never_escapes() -> None:
    assert shorten("a < b & c", 80) == "a < b & c"  # escaping is the catalogue's job
    worst = "<&> " * 600
    short = shorten(worst, 100)
    assert len(short) <= 100 and short.endswith(ELLIPSIS)
    assert worst.startswith(short[:-1].rstrip())
    assert shorten(None, 10) == ""


def test_fit_lines_keeps_the_newest_lines_within_the_limit_as_telegram_counts_it() -> None:
    lines = [Markup("• <b>event</b> {} &amp; ").format(n) + "x" * 90 for n in range(100)]
    text = fit_lines(Markup("<b>HEAD</b>"), lines, limit=1000)
    assert visible_length(text) <= 1000 and len(text) > 1000  # tags and &amp; do not count
    assert text.startswith("<b>HEAD</b>\n" + ELLIPSIS) and text.endswith(lines[-1])
    assert fit_lines(Markup("HEAD"), [Markup("a"), Markup("b")]) == "HEAD\na\nb"
