"""Generic row <-> domain dataclass mapping, by field name.

Tables carry exactly the dataclass's field names, so one mapper per record type is built once
(type hints resolved, enum fields found) and then costs a dict comprehension per row. Enums are
stored as their string value. Every read builds a new dataclass from the row just fetched, so a
caller never sees a stale identity-map copy.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import Label, Table, bindparam, select

R = TypeVar("R")


def _enum_class(hint: Any) -> type[Enum] | None:
    """The Enum in `hint`, also when it is `SomeEnum | None`."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            found = _enum_class(arg)
            if found is not None:
                return found
    return None


class RecordMapper(Generic[R]):
    """Maps one dataclass to one table; refuses to build if the two have drifted apart."""

    def __init__(self, record: type[R], table: Table) -> None:
        if not dataclasses.is_dataclass(record):
            raise TypeError(f"{record!r} is not a dataclass")
        self.record = record
        self.table = table
        hints = typing.get_type_hints(record)
        self.fields: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(record))
        columns = set(table.c.keys())
        if set(self.fields) != columns:
            raise TypeError(
                f"{record.__name__} and table {table.name} differ: "
                f"only in record {sorted(set(self.fields) - columns)}, "
                f"only in table {sorted(columns - set(self.fields))}"
            )
        # Built once: a statement built anew costs more CPU than SQLite takes to run it.
        self.by_id = select(table).where(table.c.id == bindparam("record_id")).limit(1)
        self._enums: dict[str, type[Enum]] = {}
        for name in self.fields:
            enum_cls = _enum_class(hints[name])
            if enum_cls is not None:
                self._enums[name] = enum_cls

    def labelled(self, prefix: str) -> list[Label[Any]]:
        """The table's columns renamed `prefix + name`: for a statement that reads this record
        beside another one (a ticket with its reporter), where names such as `id` clash."""
        return [column.label(prefix + column.name) for column in self.table.c]

    def from_labelled(self, row: Mapping[str, Any], prefix: str) -> R | None:
        """The record read through `labelled(prefix)`; None where an outer join found none."""
        if row[prefix + "id"] is None:
            return None
        return self.from_row({name: row[prefix + name] for name in self.fields})

    def to_values(self, obj: R, *, exclude: Iterable[str] = ("id",)) -> dict[str, Any]:
        """Column values for an INSERT or UPDATE; enums become plain strings."""
        skip = set(exclude)
        values: dict[str, Any] = {}
        for name in self.fields:
            if name in skip:
                continue
            value = getattr(obj, name)
            if isinstance(value, Enum):
                value = value.value
            values[name] = value
        return values

    def from_row(self, row: Mapping[str, Any]) -> R:
        """A fresh dataclass from a result row (use `result.mappings()`)."""
        kwargs: dict[str, Any] = {}
        for name in self.fields:
            value = row[name]
            if value is not None and name in self._enums:
                value = self._enums[name](value)
            kwargs[name] = value
        factory: Callable[..., R] = self.record
        return factory(**kwargs)
