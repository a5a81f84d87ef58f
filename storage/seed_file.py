"""Read and validate a city TOML file (see storage/seed.py) before anything touches a database.

tomllib gives no positions once a file parsed, so semantic errors are located by scanning the
text for the table and key they name: an admin gets `file:line: table.key: what is wrong`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import ValidationFailed
from domain.sla import DEFAULT_SLA as DOMAIN_SLA
from domain.sla import SlaDuration
from domain.status import SlaStage

CODE = re.compile(r"[a-z0-9_]{1,20}")  # usable in deep links: ?start=c_<code>
DEFAULT_SLA = {stage.value: str(duration) for stage, duration in DOMAIN_SLA.items()}
TEXT_LIMIT = 4096  # Telegram's message length
NAME_LIMIT = 64
Path_ = tuple[str | int, ...]


class SeedError(ValueError):
    """A bad city file; one line: `file[:line]: table.key: what is wrong`."""


@dataclass(frozen=True)
class AgencySeed:
    code: str
    name: str
    complaint_unit: bool = False
    active: bool = True


@dataclass(frozen=True)
class CategorySeed:
    code: str
    name: str
    agency: str
    name_en: str | None = None
    auto_verify: bool = False
    sla: dict[str, str] = field(default_factory=dict)
    active: bool = True
    sort_order: int = 0


@dataclass(frozen=True)
class TemplateSeed:
    agency: str | None  # None: every agency ("all" in the file)
    name: str
    text: str


@dataclass(frozen=True)
class CitySeed:
    """A validated city file: everything in it is known to be consistent."""

    name: str
    timezone: str | None
    sla: dict[str, str]
    agencies: list[AgencySeed]
    categories: list[CategorySeed]
    templates: list[TemplateSeed]
    service_area: dict[str, Any] | None = None

    @property
    def complaint_unit(self) -> AgencySeed:
        return next(agency for agency in self.agencies if agency.complaint_unit)


def load_city_file(path: str | Path) -> CitySeed:
    """Read and validate a city file; raises SeedError naming the file, line and key."""
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise SeedError(f"{name}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SeedError(f"{name}: not UTF-8 text") from None
    return parse_city(text, name)


def parse_city(text: str, name: str = "<city>") -> CitySeed:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        if where is None:
            raise SeedError(f"{name}: invalid TOML: {message}") from None
        reason = message[: where.start()] + message[where.end() :]
        raise SeedError(f"{name}:{where[1]}: invalid TOML: {reason} (column {where[2]})") from None
    return _Reader(name, text).city(document)


class _Reader:
    """Walks the parsed document, checking types and keys; every failure names its place."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()

    def fail(self, path: Path_, problem: str) -> NoReturn:
        line = _line_of(self.lines, path)
        place = f"{self.name}:{line}" if line else self.name
        raise SeedError(f"{place}: {_dotted(path)}: {problem}")

    def table(self, value: Any, path: Path_, required: set[str], optional: set[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(path, "must be a table")
        for key in value:
            if key not in required | optional:
                self.fail(
                    (*path, key), f"unknown key; expected one of {_listed(required | optional)}"
                )
        missing = sorted(required - value.keys())
        if missing:
            self.fail(path, f"missing key {missing[0]!r}")
        return value

    def array(self, value: Any, path: Path_) -> list[dict]:
        if not isinstance(value, list):
            self.fail(path, f"must be an array of tables ([[{_dotted(path)}]])")
        return value

    def text(self, table: dict, key: str, path: Path_, limit: int = NAME_LIMIT) -> str:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.fail((*path, key), "must be a non-empty string")
        if len(value) > limit:
            self.fail((*path, key), f"is {len(value)} characters; at most {limit}")
        return value.strip()

    def flag(self, table: dict, key: str, path: Path_, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.fail((*path, key), "must be true or false")
        return value

    def code(self, table: dict, path: Path_) -> str:
        value = table["code"]
        if not isinstance(value, str) or not CODE.fullmatch(value):
            self.fail((*path, "code"), f"{value!r} must be 1-20 characters of a-z, 0-9 and _")
        return value

    def sla(self, value: Any, path: Path_) -> dict[str, str]:
        stages = {stage.value for stage in SlaStage}
        table = self.table(value, path, set(), stages)
        parsed = {}
        for stage, duration in table.items():
            try:  # the domain's own parser: the seed accepts exactly what the SLA clock reads
                parsed[stage] = str(SlaDuration.parse(duration))
            except (ValidationFailed, TypeError):
                self.fail((*path, stage), f"{duration!r} is not a duration like 1wd, 4wh or 48h")
        return parsed

    def city(self, doc: dict) -> CitySeed:
        top = self.table(doc, (), {"city", "agencies", "categories"}, {"sla", "templates"})
        city = self.table(top["city"], ("city",), {"name"}, {"timezone", "service_area"})
        timezone = city.get("timezone")  # None: TIMEZONE, else Asia/Jakarta (bot.city_settings)
        try:
            if timezone is not None:
                ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            self.fail(("city", "timezone"), f"unknown time zone {timezone!r}")
        agencies = self.agencies(top["agencies"])
        return CitySeed(
            name=self.text(city, "name", ("city",), limit=200),
            timezone=timezone,
            service_area=self.service_area(city.get("service_area"), ("city", "service_area")),
            sla=DEFAULT_SLA | self.sla(top.get("sla", {}), ("sla",)),
            agencies=agencies,
            categories=self.categories(top["categories"], {a.code for a in agencies}),
            templates=self.templates(top.get("templates", []), {a.code for a in agencies}),
        )

    def agencies(self, value: Any) -> list[AgencySeed]:
        seen: dict[str, int] = {}
        result = []
        for i, item in enumerate(self.array(value, ("agencies",))):
            path = ("agencies", i)
            table = self.table(item, path, {"code", "name"}, {"complaint_unit", "active"})
            code = self.code(table, path)
            if code in seen:
                self.fail((*path, "code"), f"duplicate code {code!r} (also agencies[{seen[code]}])")
            seen[code] = i
            unit = self.flag(table, "complaint_unit", path, False)
            if unit and any(a.complaint_unit for a in result):
                other = next(a.code for a in result if a.complaint_unit)
                self.fail((*path, "complaint_unit"), f"{other!r} is already the complaint unit")
            result.append(
                AgencySeed(
                    code,
                    self.text(table, "name", path, 200),
                    unit,
                    self.flag(table, "active", path, True),
                )
            )
        if not any(a.complaint_unit for a in result):
            self.fail(("agencies",), "no agency has complaint_unit = true; exactly one must")
        return result

    def categories(self, value: Any, agencies: set[str]) -> list[CategorySeed]:
        seen: dict[str, int] = {}
        result = []
        optional = {"name_en", "auto_verify", "sla", "active"}
        for i, item in enumerate(self.array(value, ("categories",))):
            path = ("categories", i)
            table = self.table(item, path, {"code", "name", "agency"}, optional)
            code = self.code(table, path)
            if code in seen:
                self.fail(
                    (*path, "code"), f"duplicate code {code!r} (also categories[{seen[code]}])"
                )
            seen[code] = i
            agency = self.text(table, "agency", path)
            if agency not in agencies:
                self.fail((*path, "agency"), f"unknown agency {agency!r}")
            result.append(
                CategorySeed(
                    code=code,
                    name=self.text(table, "name", path),
                    agency=agency,
                    name_en=self.text(table, "name_en", path) if "name_en" in table else None,
                    auto_verify=self.flag(table, "auto_verify", path, False),
                    sla=self.sla(table.get("sla", {}), (*path, "sla")),
                    active=self.flag(table, "active", path, True),
                    sort_order=i,
                )
            )
        if not result:
            self.fail(("categories",), "at least one category is needed")
        return result

    def templates(self, value: Any, agencies: set[str]) -> list[TemplateSeed]:
        seen: dict[tuple[str, str], int] = {}
        result = []
        for i, item in enumerate(self.array(value, ("templates",))):
            path = ("templates", i)
            table = self.table(item, path, {"agency", "name", "text"}, set())
            agency = self.text(table, "agency", path)
            if agency != "all" and agency not in agencies:
                self.fail((*path, "agency"), f'unknown agency {agency!r} (or use "all")')
            name = self.text(table, "name", path)
            if (agency, name) in seen:
                self.fail((*path, "name"), f"duplicate name {name!r} for {agency!r}")
            seen[agency, name] = i
            text = self.text(table, "text", path, TEXT_LIMIT)
            result.append(TemplateSeed(None if agency == "all" else agency, name, text))
        return result

    def service_area(self, value: Any, path: Path_) -> dict[str, Any] | None:
        if value is None:
            return None
        area = self.table(value, path, set(), {"bbox", "polygon"})
        if len(area) != 1:
            self.fail(
                path, "give exactly one of bbox = [minlon, minlat, maxlon, maxlat] or polygon"
            )
        if "bbox" in area:
            box = area["bbox"]
            if not (_numbers(box, 4) and box[0] < box[2] and box[1] < box[3] and _on_earth(box)):
                self.fail((*path, "bbox"), "must be [minlon, minlat, maxlon, maxlat], min < max")
            return {"bbox": [float(n) for n in box]}
        ring = area["polygon"]
        if (
            not isinstance(ring, list)
            or len(ring) < 3
            or not all(_numbers(point, 2) and _on_earth(point) for point in ring)
        ):
            self.fail((*path, "polygon"), "must be at least three [lon, lat] points")
        return {"polygon": [[float(lon), float(lat)] for lon, lat in ring]}


def _numbers(value: Any, count: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == count
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in value)
    )


def _on_earth(numbers: list[float]) -> bool:
    lons, lats = numbers[0::2], numbers[1::2]
    return all(-180 <= lon <= 180 for lon in lons) and all(-90 <= lat <= 90 for lat in lats)


def _listed(keys: set[str]) -> str:
    return ", ".join(sorted(keys))


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_\-.\s\"]+?)\s*\]\]?\s*(#.*)?$")


def _line_of(lines: list[str], path: Path_) -> int | None:
    """Best effort 1-based line for `path`: tomllib reports no positions once a file parsed."""
    start, end, found, prefix = 0, len(lines), None, ""

    def block_end(begin: int, name: str) -> int:
        for n in range(begin + 1, end):
            header = HEADER.match(lines[n])
            if header and not header[1].replace(" ", "").startswith(name + "."):
                return n
        return end

    for i, part in enumerate(path):
        if isinstance(part, int):
            opener = re.compile(r"\s*\[\[\s*" + re.escape(prefix) + r"\s*\]\]")
            hits = [n for n in range(start, end) if opener.match(lines[n])]
            if part >= len(hits):
                return found
            start, found = hits[part], hits[part] + 1
            end = block_end(start, prefix)
            continue
        prefix = f"{prefix}.{part}" if prefix else part
        if i + 1 < len(path) and isinstance(path[i + 1], int):
            continue
        table = re.compile(r"\s*\[\[?\s*" + re.escape(prefix) + r"\s*\]")
        hit = next((n for n in range(start, end) if table.match(lines[n])), None)
        if hit is not None:
            start, found = hit, hit + 1
            end = block_end(start, prefix)
            continue
        key = re.compile(r"\s*\"?" + re.escape(part) + r"\"?\s*[=.]")
        own = range(start + 1 if found else start, end)
        own_end = next((n for n in own if HEADER.match(lines[n])), end)
        hit = next((n for n in range(own.start, own_end) if key.match(lines[n])), None)
        if hit is None:
            return found
        start, end, found = hit, hit + 1, hit + 1
    return found
