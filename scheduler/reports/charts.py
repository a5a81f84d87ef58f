"""The report's charts as PNG bytes: tickets per day (received vs resolved), SLA compliance per
agency, and the category breakdown.

matplotlib's object API with the Agg canvas (no pyplot, no global state), so charts can be
drawn in a worker thread while the bot keeps serving chats. Each PNG carries its title in a
`Title` text chunk, which is what the tests read back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from handlers.texts import Catalogue
from scheduler.reports.stats import PeriodReport

SIZE = (9.0, 5.0)
DPI = 100
RECEIVED, RESOLVED, BAR = "#1f77b4", "#2ca02c", "#ff7f0e"


@dataclass(frozen=True)
class Chart:
    name: str  # file name
    title: str
    png: bytes


def _short(name: str, size: int = 34) -> str:
    """Long names fit the margin, keeping a trailing abbreviation: "Dinas Pekerjaan Umum dan
    Penataan Ruang (DPUPR)" becomes "Dinas Pekerjaan Umum dan… (DPUPR)"."""
    if len(name) <= size:
        return name
    head, _, abbreviation = name.rpartition(" (")
    if head and abbreviation.endswith(")") and len(abbreviation) < size // 2:
        return head[: size - len(abbreviation) - 3].rstrip() + "… (" + abbreviation
    return name[: size - 1] + "…"


def _png(fig: Figure, title: str, *, left: float = 0.08) -> bytes:
    """Fixed margins rather than tight_layout, which measures every label and takes most of
    the drawing time; `left` leaves room for long agency or category names."""
    FigureCanvasAgg(fig)
    fig.suptitle(title)
    fig.subplots_adjust(left=left, right=0.97, top=0.9, bottom=0.14)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Title": title})
    return buffer.getvalue()


def per_day_chart(texts: Catalogue, lang: str, report: PeriodReport, label: str) -> Chart:
    title = texts.plain(lang, "chart-per-day-title", period=label)
    fig = Figure(figsize=SIZE)
    ax = fig.subplots()
    days = [d.strftime("%d/%m") for d, _, _ in report.per_day]
    xs = range(len(days))
    width = 0.4
    ax.bar(
        [x - width / 2 for x in xs],
        [r for _, r, _ in report.per_day],
        width,
        label=texts.plain(lang, "chart-received"),
        color=RECEIVED,
    )
    ax.bar(
        [x + width / 2 for x in xs],
        [s for _, _, s in report.per_day],
        width,
        label=texts.plain(lang, "chart-resolved"),
        color=RESOLVED,
    )
    step = max(1, len(days) // 15)
    ax.set_xticks(list(xs)[::step], days[::step], rotation=45 if len(days) > 10 else 0)
    ax.set_ylabel(texts.plain(lang, "chart-tickets"))
    ax.legend()
    return Chart("per_day.png", title, _png(fig, title))


def compliance_chart(texts: Catalogue, lang: str, report: PeriodReport, label: str) -> Chart:
    title = texts.plain(lang, "chart-compliance-title", period=label)
    fig = Figure(figsize=SIZE)
    ax = fig.subplots()
    ranked = list(reversed(report.agencies))  # best on top
    names = [_short(a.name) for a in ranked]
    values = [a.compliance_pct or 0.0 for a in ranked]
    ax.barh(range(len(ranked)), values, color=BAR)
    ax.set_yticks(range(len(ranked)), names)
    ax.set_xlim(0, 100)
    ax.set_xlabel(texts.plain(lang, "chart-compliance-axis"))
    for y, value in enumerate(values):
        ax.text(min(value + 1, 92), y, f"{value:.0f}%", va="center")
    return Chart("sla_compliance.png", title, _png(fig, title, left=0.38))


def category_chart(texts: Catalogue, lang: str, report: PeriodReport, label: str) -> Chart:
    title = texts.plain(lang, "chart-categories-title", period=label)
    fig = Figure(figsize=SIZE)
    ax = fig.subplots()
    ranked = list(reversed(report.categories))
    ax.barh(range(len(ranked)), [n for _, n in ranked], color=RECEIVED)
    ax.set_yticks(range(len(ranked)), [_short(name) for name, _ in ranked])
    ax.set_xlabel(texts.plain(lang, "chart-tickets"))
    return Chart("categories.png", title, _png(fig, title, left=0.38))


def render_charts(texts: Catalogue, lang: str, report: PeriodReport, label: str) -> list[Chart]:
    """All three; CPU-bound, so callers run it in a thread (`asyncio.to_thread`)."""
    return [
        per_day_chart(texts, lang, report, label),
        compliance_chart(texts, lang, report, label),
        category_chart(texts, lang, report, label),
    ]
