"""The text catalogue: Fluent (.ftl) files per language, Babel for dates.

Fluent keeps plurals and word order in the translators' hands instead of in Python; a test
checks that every key exists in every language, so a missing translation fails CI, not a citizen.

Every message goes out as Telegram HTML, so the catalogue is where escaping happens, once, by
construction: `text()` escapes every argument (markupsafe) and returns `Markup`. A piece that is
already HTML (another catalogue text, a link built here) is passed as `Markup` and kept as it
is. No call site escapes anything by hand.

Arguments do not go through Fluent itself: each text argument is replaced by a placeholder,
the message is formatted, and the escaped values are put back. That keeps a user's text out of
Fluent's reach (it refuses any value over 2,500 characters, and a 4,000-character reply must
still reach the citizen whole). Only a value that picks a variant of the message (`{ $status
-> [closed] ...}`: one of the variant names) is given to Fluent, because the wording depends
on it; those names are plain words, and anything else takes the default variant anyway.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser
from fluent.syntax import ast as fl
from markupsafe import Markup, escape

from handlers.texts.html import plain_text

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "id"
# Placeholders for arguments: private-use characters that no catalogue text contains.
_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def _selectors(node: Any, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """Variables a message chooses its wording by (`{ $x -> ... }`), anywhere inside it, with
    the variant names each may take."""
    if isinstance(node, fl.SelectExpression) and isinstance(node.selector, fl.VariableReference):
        names = found.setdefault(node.selector.id.name, set())
        names.update(v.key.name for v in node.variants if isinstance(v.key, fl.Identifier))
    if isinstance(node, fl.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                _selectors(child, found)
    return found


class Catalogue:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default: str = DEFAULT_LANGUAGE) -> None:
        self.default = default
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, set[str]] = {}
        self._selectors: dict[tuple[str, str], dict[str, set[str]]] = {}
        # Messages without arguments, formatted once per (language, key): they are three
        # quarters of all the texts a turn asks for (button labels, menus, step titles).
        self._fixed = cache(partial(self._format, args={}))
        self._fixed_plain = cache(lambda lang, key: plain_text(self._fixed(lang, key)))
        for lang_dir in sorted(p for p in locales_dir.iterdir() if p.is_dir()):
            bundle = FluentBundle([lang_dir.name], use_isolating=False)
            keys: set[str] = set()
            for ftl in sorted(lang_dir.glob("*.ftl")):
                source = ftl.read_text(encoding="utf-8")
                for entry in FluentParser().parse(source).body:
                    if isinstance(entry, fl.Message):
                        keys.add(entry.id.name)
                        chosen = _selectors(entry.value, {})
                        self._selectors[(lang_dir.name, entry.id.name)] = chosen
                errors = bundle.add_resource(FluentResource(source))
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

    def known(self, language: str | None) -> str:
        """`language` if the catalogue has it, else the default (stored values may be stale)."""
        return language if language in self._bundles else self.default

    def text(self, language: str, key: str, /, **args: Any) -> Markup:
        """The message `key` as Telegram HTML, every argument escaped unless it is `Markup`."""
        lang = self.known(language)
        return self._format(lang, key, args) if args else self._fixed(lang, key)

    def _format(self, lang: str, key: str, args: Mapping[str, Any]) -> Markup:
        bundle = self._bundles[lang]
        if not bundle.has_message(key):
            lang, bundle = self.default, self._bundles[self.default]
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        chosen = self._selectors.get((lang, key), {})
        fluent_args, values = _prepare(args, chosen)
        text, errors = bundle.format_pattern(message.value, fluent_args)
        if errors:
            raise ValueError(f"{lang}:{key}: {errors[0]}")
        filled = _PLACEHOLDER.sub(lambda m: values[int(m.group(1))], text)
        return Markup(filled)  # noqa: S704  (the .ftl's own HTML, every value escaped)

    def plain(self, language: str, key: str, /, **args: Any) -> str:
        """The same message as plain text, where Telegram parses no HTML: button labels,
        callback answers, command menus, topic names, chart titles."""
        if args:
            return plain_text(self.text(language, key, **args))
        return self._fixed_plain(self.known(language), key)

    def when(self, language: str, moment: datetime, tz: str = "Asia/Jakarta") -> str:
        """A deadline in plain words, e.g. 'Selasa 3 November, 10:00'."""
        local = moment.astimezone(ZoneInfo(tz))
        return format_datetime(local, "EEEE d MMMM, HH:mm", locale=self.known(language))


def _prepare(
    args: Mapping[str, Any], chosen: Mapping[str, set[str]]
) -> tuple[dict[str, Any], list[str]]:
    """Fluent's arguments (numbers, variant names, placeholders) and the escaped values the
    placeholders stand for."""
    fluent_args: dict[str, Any] = {}
    values: list[str] = []
    for name, value in args.items():
        if isinstance(value, bool) or value is None:
            value = "" if value is None else str(value).lower()
        if isinstance(value, int | float) and not isinstance(value, bool):
            fluent_args[name] = value  # Fluent formats numbers (and picks plurals) per locale
        elif isinstance(value, str) and value in chosen.get(name, ()):
            fluent_args[name] = value  # a variant's name: a plain word of the .ftl file
        else:
            fluent_args[name] = f"{_OPEN}{len(values)}{_CLOSE}"
            values.append(str(escape(value)))
    return fluent_args, values


@cache
def default_catalogue() -> Catalogue:
    return Catalogue()
