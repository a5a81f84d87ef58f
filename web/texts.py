"""The public site's texts (Fluent files in web/locales/{id,en}) and language negotiation.

The site has its own small catalogue: its texts are HTML-escaped by Jinja's autoescape when a
template prints them, not by the bot's Telegram catalogue. Indonesian is the default;
`?lang=en` wins over the browser's Accept-Language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("id", "en")
DEFAULT = "id"


class SiteTexts:
    def __init__(self, locales: Path = LOCALES) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, set[str]] = {}
        for lang in LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)
            keys: set[str] = set()
            for ftl in sorted((locales / lang).glob("*.ftl")):
                resource = FluentResource(ftl.read_text(encoding="utf-8"))
                keys |= {e.id.name for e in resource.body if type(e).__name__ == "Message"}
                errors = bundle.add_resource(resource)
                if errors:
                    raise ValueError(f"{ftl}: {errors[0]}")
            self._bundles[lang] = bundle
            self._keys[lang] = keys

    def keys(self, lang: str) -> set[str]:
        return set(self._keys[lang])

    def text(self, lang: str, key: str, **args: Any) -> str:
        bundle = self._bundles[lang if lang in self._bundles else DEFAULT]
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        text, errors = bundle.format_pattern(message.value, args)
        if errors:
            raise ValueError(f"{lang}:{key}: {errors[0]}")
        return str(text)


@cache
def site_texts() -> SiteTexts:
    return SiteTexts()


def negotiate(query_lang: str | None, accept_language: str | None, default: str = DEFAULT) -> str:
    """`?lang=` if it names one of ours, else the best of Accept-Language, else `default`."""
    if query_lang in LANGUAGES:
        return str(query_lang)
    best: tuple[float, str] | None = None
    for part in (accept_language or "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().split("-")[0].lower()
        if lang not in LANGUAGES:
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if quality > 0 and (best is None or quality > best[0]):
            best = (quality, lang)
    return best[1] if best else default


class Formats:
    """Numbers and dates in one language (Babel), for templates."""

    def __init__(self, lang: str, tz: str) -> None:
        self.lang, self.tz = lang, tz

    def number(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.lang)

    def pct(self, value: float | None) -> str:
        return "–" if value is None else f"{self.number(value)} %"

    def hours(self, value: float | None) -> str:
        return "–" if value is None else self.number(value, 1 if value < 10 else 0)

    def day(self, moment: Any) -> str:
        return format_date(moment.astimezone(_zone(self.tz)), "d MMM yyyy", locale=self.lang)

    def moment(self, moment: Any) -> str:
        return format_datetime(
            moment.astimezone(_zone(self.tz)), "d MMM yyyy, HH:mm", locale=self.lang
        )

    def month(self, year: int, month: int, *, short: bool = True) -> str:
        from datetime import date

        pattern = "MMM yy" if short else "MMMM yyyy"
        return format_date(date(year, month, 1), pattern, locale=self.lang)


@cache
def _zone(tz: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)
