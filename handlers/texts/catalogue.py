"""The text catalogue: Fluent (.ftl) files per language, Babel for dates.

Fluent keeps plurals and word order in the translators' hands instead of in Python; a test
checks that every key exists in every language, so a missing translation fails CI, not a citizen.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "id"


class Catalogue:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default: str = DEFAULT_LANGUAGE) -> None:
        self.default = default
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, set[str]] = {}
        for lang_dir in sorted(p for p in locales_dir.iterdir() if p.is_dir()):
            bundle = FluentBundle([lang_dir.name], use_isolating=False)
            keys: set[str] = set()
            for ftl in sorted(lang_dir.glob("*.ftl")):
                resource = FluentResource(ftl.read_text(encoding="utf-8"))
                keys.update(
                    entry.id.name for entry in resource.body if type(entry).__name__ == "Message"
                )
                errors = bundle.add_resource(resource)
                if errors:
                    raise ValueError(f"{ftl}: {errors[0]}")
            self._bundles[lang_dir.name] = bundle
            self._keys[lang_dir.name] = keys
        if default not in self._bundles:
            raise ValueError(f"default language {default!r} has no catalogue in {locales_dir}")

    @property
    def languages(self) -> list[str]:
        return sorted(self._bundles)

    def keys(self, language: str) -> set[str]:
        return set(self._keys[language])

    def pick_language(self, language_code: str | None) -> str:
        """Telegram's `language_code` (e.g. 'en-US') to one of ours, else the default."""
        if language_code:
            short = language_code.split("-")[0].lower()
            if short in self._bundles:
                return short
        return self.default

    def text(self, language: str, key: str, **args: Any) -> str:
        bundle = self._bundles.get(language) or self._bundles[self.default]
        if not bundle.has_message(key):
            bundle = self._bundles[self.default]
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        text, errors = bundle.format_pattern(message.value, args)
        if errors:
            raise ValueError(f"{language}:{key}: {errors[0]}")
        return text

    def when(self, language: str, moment: datetime, tz: str = "Asia/Jakarta") -> str:
        """A deadline in plain words, e.g. 'Selasa 3 November, 10:00'."""
        local = moment.astimezone(ZoneInfo(tz))
        return format_datetime(local, "EEEE d MMMM, HH:mm", locale=language)


@cache
def default_catalogue() -> Catalogue:
    return Catalogue()
