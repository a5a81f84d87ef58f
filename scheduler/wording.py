"""Durations in words, shared by digests and reports ("3 hari", "5 jam")."""

from __future__ import annotations

from datetime import timedelta

from handlers.texts import Catalogue


def age_text(texts: Catalogue, lang: str, span: timedelta) -> str:
    """Whole days from one day on, whole hours below (never a negative age)."""
    hours = max(0, int(span.total_seconds() // 3600))
    if hours >= 24:
        return texts.text(lang, "sched-days", n=hours // 24)
    return texts.text(lang, "sched-hours", n=hours)
