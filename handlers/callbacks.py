"""A compact, versioned, strictly parsed codec for inline-button callback data.

Anyone can forge callback_data (any client can send any bytes), so every button's data is
declared as a spec — route, version and typed fields — and anything that does not match a spec
exactly is refused before a handler sees it. Telegram allows at most 64 bytes.

Wire form: ``<route><version>:<field>:<field>...``, e.g. ``tk1:claim:42``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import Enum

MAX_BYTES = 64
log = logging.getLogger(__name__)


class ForgedCallback(ValueError):
    """Callback data that no button of ours could have produced."""


class Field(Enum):
    INT = re.compile(r"-?\d{1,19}")
    WORD = re.compile(r"[a-z0-9_]{1,24}")
    CODE = re.compile(r"ADU-[2-9A-HJ-KM-NP-Z]{6}")

    def check(self, raw: str) -> str | int:
        if not self.value.fullmatch(raw):
            raise ForgedCallback(f"field {raw!r} is not a {self.name}")
        return int(raw) if self is Field.INT else raw


@dataclass(frozen=True)
class CallbackSpec:
    route: str
    version: int
    fields: tuple[Field, ...]

    @property
    def prefix(self) -> str:
        return f"{self.route}{self.version}"

    def pack(self, *values: str | int) -> str:
        if len(values) != len(self.fields):
            raise ValueError(f"{self.prefix} takes {len(self.fields)} fields")
        parts = [self.prefix]
        for field, value in zip(self.fields, values, strict=True):
            text = str(value)
            field.check(text)
            parts.append(text)
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


class CallbackRegistry:
    def __init__(self) -> None:
        self._specs: dict[str, CallbackSpec] = {}

    def spec(self, route: str, version: int, *fields: Field) -> CallbackSpec:
        spec = CallbackSpec(route, version, fields)
        if spec.prefix in self._specs:
            raise ValueError(f"callback route {spec.prefix} declared twice")
        self._specs[spec.prefix] = spec
        return spec

    def unpack(self, data: str | None) -> tuple[CallbackSpec, tuple[str | int, ...]]:
        """Parse strictly: the exact spec, the exact field count, every field's type."""
        if not data or len(data.encode()) > MAX_BYTES:
            raise ForgedCallback("empty or oversized callback data")
        prefix, *raw = data.split(":")
        spec = self._specs.get(prefix)
        if spec is None:
            raise ForgedCallback(f"unknown route {prefix!r}")
        if len(raw) != len(spec.fields):
            raise ForgedCallback(f"{prefix} expects {len(spec.fields)} fields, got {len(raw)}")
        return spec, tuple(f.check(r) for f, r in zip(spec.fields, raw, strict=True))

    def fields(self, data: str | None, spec: CallbackSpec) -> tuple[str | int, ...] | None:
        """The fields of a press of a `spec` button, or None for anything else: forged data,
        or a genuine button of another route (the caller alerts; the data is never logged,
        only why it was refused)."""
        try:
            found, values = self.unpack(data)
        except ForgedCallback as exc:
            log.warning("forged callback: %s", exc)
            return None
        return values if found is spec else None


CALLBACKS = CallbackRegistry()
