"""The numbers of a period report, computed from storage.queries.report's facts.

Definitions (the report's footnote and the tests rely on them):
- City: the tickets *filed* in the period. Resolved = has a resolution (resolved_at set);
  in process = submitted, on hold, dispatched, in progress or need info; overdue = in process
  with a running clock (its own, or one of its agencies') past its deadline at `as_of`.
- Agency: its shares *dispatched* in the period (handed-back shares excluded). Resolved,
  in process (dispatched / in progress / need info) and overdue as above, per share.
- SLA compliance: shares that never got an SLA escalation (≥ 100 %) and are not overdue now,
  over all shares. The league table ranks by it (then by median first response).
- First response and resolution times: clock hours from filing (city) or dispatch (agency);
  "within 1 working day" counts office time only.
- "Solved?": yes = tickets the citizen confirmed; no = reopen answers; mean rating of rated
  tickets; for an agency, over the distinct tickets of its shares.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from scheduler.reports.office_time import OfficeTime
from storage.queries.report import PeriodFacts, ShareFact, TicketFact

IN_PROCESS = frozenset({"submitted", "on_hold", "dispatched", "in_progress", "need_info"})
ACTIVE_SHARE = frozenset({"dispatched", "in_progress", "need_info"})
TOP_CATEGORIES = 5


@dataclass
class Answers:
    """What citizens said about the fixes."""

    yes: int = 0
    no: int = 0
    ratings: list[int] = field(default_factory=list)
    reopens: int = 0

    @property
    def yes_pct(self) -> float | None:
        answered = self.yes + self.no
        return 100 * self.yes / answered if answered else None

    @property
    def mean_rating(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None


@dataclass
class Timing:
    first_response_hours: list[float] = field(default_factory=list)
    resolution_hours: list[float] = field(default_factory=list)
    within_one_working_day: int = 0

    @property
    def median_first_response(self) -> float | None:
        return statistics.median(self.first_response_hours) if self.first_response_hours else None

    @property
    def median_resolution(self) -> float | None:
        return statistics.median(self.resolution_hours) if self.resolution_hours else None

    @property
    def within_one_day_pct(self) -> float | None:
        n = len(self.first_response_hours)
        return 100 * self.within_one_working_day / n if n else None


@dataclass
class AgencyStats:
    agency_id: int
    name: str
    received: int = 0
    resolved: int = 0
    in_process: int = 0
    overdue: int = 0
    compliant: int = 0
    timing: Timing = field(default_factory=Timing)
    answers: Answers = field(default_factory=Answers)

    @property
    def resolved_pct(self) -> float | None:
        return 100 * self.resolved / self.received if self.received else None

    @property
    def compliance_pct(self) -> float | None:
        return 100 * self.compliant / self.received if self.received else None


@dataclass
class PeriodReport:
    start: datetime
    end: datetime
    as_of: datetime
    tz: str
    received: int = 0
    resolved: int = 0
    in_process: int = 0
    overdue: int = 0
    rejected: int = 0
    timing: Timing = field(default_factory=Timing)
    answers: Answers = field(default_factory=Answers)
    categories: list[tuple[str, int]] = field(default_factory=list)
    per_day: list[tuple[date, int, int]] = field(default_factory=list)  # day, received, resolved
    agencies: list[AgencyStats] = field(default_factory=list)  # the league table, best first

    @property
    def resolved_pct(self) -> float | None:
        return 100 * self.resolved / self.received if self.received else None


def _hours(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 3600


def _overdue(deadline: datetime | None, paused: bool, as_of: datetime) -> bool:
    return deadline is not None and not paused and deadline < as_of


def _time(
    timing: Timing,
    office: OfficeTime,
    start: datetime,
    fr: datetime | None,
    resolved: datetime | None,
) -> None:
    if fr is not None:
        timing.first_response_hours.append(_hours(start, fr))
        day = office.calendar.day_length
        # Office time never exceeds clock time: a short answer needs no calendar at all.
        if fr - start <= day or office.between(start, fr) <= day:
            timing.within_one_working_day += 1
    if resolved is not None:
        timing.resolution_hours.append(_hours(start, resolved))


def _answer(answers: Answers, solved: bool | None, rating: int | None, reopens: int) -> None:
    answers.yes += 1 if solved is True else 0
    answers.no += reopens
    answers.reopens += reopens
    if rating is not None:
        answers.ratings.append(rating)


def compute_report(
    facts: PeriodFacts,
    start: datetime,
    end: datetime,
    as_of: datetime,
    calendar: WorkingCalendar,
) -> PeriodReport:
    tz = calendar.tz.key
    office = OfficeTime(calendar)
    report = PeriodReport(start=start, end=end, as_of=min(as_of, end), tz=tz)
    as_of = report.as_of
    overdue_tickets = {
        s.ticket_id
        for s in facts.shares
        if s.status in ACTIVE_SHARE and _overdue(s.deadline, s.paused, as_of)
    }
    for t in facts.tickets:
        _city_ticket(report, t, as_of, overdue_tickets, office)
    counts = Counter(t.category_id for t in facts.tickets)
    named = [(facts.category_names.get(c, "?"), n) for c, n in counts.items()]
    report.categories = sorted(named, key=lambda cn: (-cn[1], cn[0]))[:TOP_CATEGORIES]
    report.per_day = _per_day(facts.tickets, facts.resolved_at, start, end, ZoneInfo(tz))
    report.agencies = league(_agencies(facts.shares, facts.agency_names, as_of, office))
    return report


def _city_ticket(
    report: PeriodReport,
    t: TicketFact,
    as_of: datetime,
    overdue_tickets: set[int],
    office: OfficeTime,
) -> None:
    report.received += 1
    if t.resolved_at is not None:
        report.resolved += 1
    if t.status == "rejected":
        report.rejected += 1
    if t.status in IN_PROCESS:
        report.in_process += 1
        own = t.stage == "verify" and _overdue(t.deadline, t.paused, as_of)
        if own or t.id in overdue_tickets:
            report.overdue += 1
    _time(report.timing, office, t.created_at, t.first_response_at, t.resolved_at)
    _answer(report.answers, t.solved, t.rating, t.reopen_count)


def _agencies(
    shares: Sequence[ShareFact],
    names: dict[int, str],
    as_of: datetime,
    office: OfficeTime,
) -> list[AgencyStats]:
    stats: dict[int, AgencyStats] = {}
    seen: set[tuple[int, int]] = set()
    for s in shares:
        a = stats.setdefault(s.agency_id, AgencyStats(s.agency_id, names.get(s.agency_id, "?")))
        a.received += 1
        late = s.status in ACTIVE_SHARE and _overdue(s.deadline, s.paused, as_of)
        if s.resolved_at is not None or s.status in ("resolved", "closed"):
            a.resolved += 1
        if s.status in ACTIVE_SHARE:
            a.in_process += 1
        if late:
            a.overdue += 1
        if not late and not s.breached:
            a.compliant += 1
        _time(a.timing, office, s.created_at, s.first_response_at, s.resolved_at)
        if (s.agency_id, s.ticket_id) not in seen:
            seen.add((s.agency_id, s.ticket_id))
            _answer(a.answers, s.solved, s.rating, s.reopen_count)
    return list(stats.values())


def league(agencies: Iterable[AgencyStats]) -> list[AgencyStats]:
    """Best SLA compliance first; ties go to the faster first response, then the name."""

    def key(a: AgencyStats) -> tuple[float, float, str]:
        fr = a.timing.median_first_response
        return (-(a.compliance_pct or 0.0), fr if fr is not None else float("inf"), a.name)

    return sorted((a for a in agencies if a.received), key=key)


def _per_day(
    tickets: Sequence[TicketFact],
    resolved_at: Sequence[datetime],
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
) -> list[tuple[date, int, int]]:
    received = Counter(t.created_at.astimezone(zone).date() for t in tickets)
    resolved = Counter(r.astimezone(zone).date() for r in resolved_at)
    first = start.astimezone(zone).date()
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [(d, received.get(d, 0), resolved.get(d, 0)) for d in days]
