"""Every message of the catalogue, with the variables it uses and the variants it selects
between, so a test can render each one in each of its shapes."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fluent.syntax import FluentParser
from fluent.syntax import ast as fl

from handlers.texts.catalogue import LOCALES_DIR

# Variables that are counts or numbers wherever they appear.
NUMBERS = {
    "count",
    "max",
    "min",
    "total",
    "page",
    "pages",
    "rating",
    "photos",
    "attempts",
    "n",
    "level",
    "received",
    "resolved",
    "in_process",
    "overdue",
    "rejected",
    "yes",
    "no",
    "reopens",
    "rank",
}


@dataclass
class Message:
    key: str
    variables: set[str] = field(default_factory=set)
    selects: dict[str, set[Any]] = field(default_factory=dict)  # variable -> variant keys

    def shapes(self, base: dict[str, Any], limit: int = 300) -> Iterator[dict[str, Any]]:
        """`base` with each combination of the selected variants (and the default)."""
        names = sorted(self.selects)
        options = [
            [v for v in self.selects[n] if v != "other"] + [base.get(n, "other")] for n in names
        ]
        for combo in itertools.islice(itertools.product(*options), limit):
            yield {**base, **dict(zip(names, combo, strict=True))}


def _walk(node: Any, message: Message) -> None:
    if isinstance(node, fl.VariableReference):
        message.variables.add(node.id.name)
    if isinstance(node, fl.SelectExpression) and isinstance(node.selector, fl.VariableReference):
        keys = message.selects.setdefault(node.selector.id.name, set())
        for variant in node.variants:
            key = variant.key
            keys.add(int(key.value) if isinstance(key, fl.NumberLiteral) else key.name)
    if isinstance(node, fl.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                _walk(child, message)


def messages(language: str) -> dict[str, Message]:
    found: dict[str, Message] = {}
    for ftl in sorted((LOCALES_DIR / language).glob("*.ftl")):
        for entry in FluentParser().parse(ftl.read_text(encoding="utf-8")).body:
            if isinstance(entry, fl.Message):
                message = Message(entry.id.name)
                _walk(entry.value, message)
                found[message.key] = message
    return found


def is_number(message: Message, name: str) -> bool:
    numeric_variants = any(isinstance(k, int) for k in message.selects.get(name, ()))
    return name in NUMBERS or numeric_variants


def arguments(message: Message, text_value: Callable[[str], str]) -> dict[str, Any]:
    """Every variable of `message`: numbers as numbers, the rest from `text_value(name)`."""
    return {
        name: (5 if is_number(message, name) else text_value(name)) for name in message.variables
    }
