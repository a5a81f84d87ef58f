"""A period report in words, from the catalogue, in the reader's language.

The city's totals, the top categories and the agency league table ranked by SLA compliance,
one line per agency; a city with many agencies gets it in several messages (the outbox splits
a text past Telegram's 4,096 characters at line ends).
"""

from __future__ import annotations

from babel.numbers import format_decimal
from markupsafe import Markup

from handlers.texts import Catalogue, lines
from scheduler.reports.stats import AgencyStats, Answers, PeriodReport, Timing

NONE = "–"


def _num(value: float | None, lang: str, digits: str = "#,##0.#") -> str:
    return NONE if value is None else format_decimal(value, format=digits, locale=lang)


def _pct(value: float | None, lang: str) -> str:
    return NONE if value is None else f"{format_decimal(round(value), locale=lang)}%"


def _hours(texts: Catalogue, lang: str, hours: float | None) -> Markup | str:
    """Hours below two days, days from there on, as people say them."""
    if hours is None:
        return NONE
    if hours < 48:
        return texts.text(lang, "report-hours", n=_num(hours, lang))
    return texts.text(lang, "report-days", n=_num(hours / 24, lang))


def _timing_args(texts: Catalogue, lang: str, timing: Timing) -> dict[str, Markup | str]:
    return {
        "fr": _hours(texts, lang, timing.median_first_response),
        "within": _pct(timing.within_one_day_pct, lang),
        "res": _hours(texts, lang, timing.median_resolution),
    }


def _answer_args(lang: str, answers: Answers) -> dict[str, str | int]:
    return {
        "yes_pct": _pct(answers.yes_pct, lang),
        "yes": answers.yes,
        "no": answers.no,
        "rating": _num(answers.mean_rating, lang, "0.0"),
        "reopens": answers.reopens,
    }


def _agency_line(texts: Catalogue, lang: str, rank: int, a: AgencyStats) -> Markup:
    return texts.text(
        lang,
        "report-agency-line",
        rank=rank,
        agency=a.name,
        compliance=_pct(a.compliance_pct, lang),
        received=a.received,
        resolved=_pct(a.resolved_pct, lang),
        in_process=a.in_process,
        overdue=a.overdue,
        **_timing_args(texts, lang, a.timing),
        **_answer_args(lang, a.answers),
    )


def render_report(texts: Catalogue, lang: str, report: PeriodReport, label: str) -> Markup:
    t = texts.text
    parts = [
        t(lang, "report-title", period=label),
        t(
            lang,
            "report-totals",
            received=report.received,
            resolved=report.resolved,
            resolved_pct=_pct(report.resolved_pct, lang),
            in_process=report.in_process,
            overdue=report.overdue,
            rejected=report.rejected,
        ),
        t(lang, "report-timing", **_timing_args(texts, lang, report.timing)),
        t(lang, "report-answers", **_answer_args(lang, report.answers)),
    ]
    if report.categories:
        parts += [Markup(""), t(lang, "report-categories")]
        parts += [
            t(lang, "report-category-line", rank=i, category=name, n=n)
            for i, (name, n) in enumerate(report.categories, 1)
        ]
    if report.agencies:
        parts += [Markup(""), t(lang, "report-league")]
        parts += [_agency_line(texts, lang, i, a) for i, a in enumerate(report.agencies, 1)]
    if not report.received and not report.agencies:
        parts += [Markup(""), t(lang, "report-empty")]
    return lines(parts)
