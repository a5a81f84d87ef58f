"""Bar charts as inline SVG, drawn on the server: no script, no image request, no CDN.

The markup is built from numbers and from texts escaped here (markupsafe), so a category or
agency name can never inject anything. Colours come from the stylesheet (classes `s0`, `s1`,
…), which keeps contrast and the dark theme in one place. Every chart carries a title and a
description for screen readers; the page shows the same numbers in a table next to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 480, 270
LEFT, RIGHT, TOP, BOTTOM = 46, 6, 14, 54


@dataclass(frozen=True)
class Bars:
    name: str
    values: Sequence[float | None]


def _nice_max(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 2.5, 5 × a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover (the loop always returns)


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Bars],
    *,
    unit: str = "",
    ceiling: float | None = None,
    width: int = WIDTH,
) -> Markup:
    """Grouped bars: one group per label, one bar per series (legend below the axis)."""
    values = [v for s in series for v in s.values if v is not None]
    top = ceiling if ceiling is not None else _nice_max(max(values, default=0.0))
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(len(labels), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {width} {HEIGHT}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-t">'
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>'
    ]
    for i in range(5):
        tick = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_number(tick))}{escape(unit)}</text>"
        )
    for g, label in enumerate(labels):
        x0 = LEFT + g * group_w + group_w * 0.1
        for n, s in enumerate(series):
            value = s.values[g] if g < len(s.values) else None
            if value is None:
                continue
            h = plot_h * min(value, top) / top
            x = x0 + n * bar_w
            parts.append(
                f'<rect class="s{n}" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" '
                f'width="{max(bar_w - 1, 1):.1f}" height="{h:.1f}">'
                f"<title>{escape(label)} · {escape(s.name)}: {escape(_number(value))}"
                f"{escape(unit)}</title></rect>"
            )
        crowded = group_w < 48  # label every other group, newest included
        if crowded and (len(labels) - 1 - g) % 2:
            continue
        parts.append(
            f'<text class="label" x="{LEFT + g * group_w + group_w / 2:.1f}" '
            f'y="{TOP + plot_h + 17}" text-anchor="middle">{escape(label)}</text>'
        )
    x = LEFT
    for n, s in enumerate(series):
        parts.append(
            f'<rect class="s{n}" x="{x}" y="{HEIGHT - 18}" width="13" height="13"/>'
            f'<text class="legend" x="{x + 18}" y="{HEIGHT - 7}">{escape(s.name)}</text>'
        )
        x += 34 + 8 * len(s.name)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text above went through escape())
