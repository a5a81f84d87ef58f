"""Value types and parsers for the settings in bot/settings.py.

Each parser turns one environment string into a typed value or raises `SettingsError` naming its
key, so every bad value is reported the same way: one line, key first, value echoed only when it
is not a secret.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")
SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TELEGRAM_API = "https://api.telegram.org"
DEFAULT_TIMEZONE = "Asia/Jakarta"  # when neither TIMEZONE nor the city file says


class SettingsError(ValueError):
    """A missing or bad setting; the message is one line that starts with the key."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key


@dataclass(frozen=True)
class WorkingHours:
    """The office day the SLA calendar counts working hours in (city time)."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class WeeklySlot:
    """When the weekly report goes out: a weekday (APScheduler's `mon`..`sun`) and a time."""

    day: str
    at: time

    def __str__(self) -> str:
        return f"{self.day} {self.at:%H:%M}"


@dataclass(frozen=True)
class ListenAddress:
    """Where a server binds (the webhook, the metrics); TLS is the reverse proxy's job."""

    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class ServiceArea:
    """Where the city takes complaints, so a location far outside can be questioned politely.

    `polygons` holds each polygon as its rings (outer first, then holes); empty means the box.
    """

    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    polygons: tuple[tuple[Ring, ...], ...] = ()
    source: str = ""

    def contains(self, lon: float, lat: float) -> bool:
        min_lon, min_lat, max_lon, max_lat = self.bbox
        if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
            return False
        # Even-odd ray casting over all rings of a polygon also handles its holes.
        return not self.polygons or any(
            sum(_crosses(ring, lon, lat) for ring in rings) % 2 == 1 for rings in self.polygons
        )

    def __str__(self) -> str:
        return self.source


def _crosses(ring: Ring, x: float, y: float) -> int:
    inside = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside ^= 1
    return inside


# --- parsers: (key, raw text) -> value; each raises SettingsError naming its key -------------


def choice(*allowed: str) -> Callable[[str, str], str]:
    def parse(key: str, raw: str) -> str:
        value = raw.lower()
        if value not in allowed:
            raise SettingsError(key, f"{raw!r} is not one of {', '.join(allowed)}")
        return value

    return parse


def yes_no(key: str, raw: str) -> bool:
    value = raw.lower()
    if value not in ("yes", "no"):
        raise SettingsError(key, f"{raw!r} is not yes or no")
    return value == "yes"


def log_level(key: str, raw: str) -> str:
    if raw.upper() not in LOG_LEVELS:
        raise SettingsError(key, f"{raw!r} is not one of {', '.join(LOG_LEVELS)}")
    return raw.upper()


def token(key: str, raw: str) -> str:
    if not TOKEN_SHAPE.fullmatch(raw):  # never echo the value: it is a credential
        raise SettingsError(key, "does not look like a bot token (digits:letters from @BotFather)")
    return raw


def secret(key: str, raw: str) -> str:
    if not SECRET_SHAPE.fullmatch(raw):
        raise SettingsError(key, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    return raw


def http_url(key: str, raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(key, f"{raw!r} is not an http(s):// URL")
    return raw.rstrip("/")


def database_url(key: str, raw: str) -> str:
    """Normalise to the async drivers storage/ uses, so `.env` may say plain `postgresql://`."""
    scheme, sep, rest = raw.partition("://")
    if not sep:
        raise SettingsError(key, "not a URL; use sqlite:///path/to/file.db or postgresql://...")
    drivers = {
        "sqlite": "sqlite+aiosqlite",
        "sqlite+aiosqlite": "sqlite+aiosqlite",
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
        "postgresql+asyncpg": "postgresql+asyncpg",
    }
    if scheme.lower() not in drivers:  # the scheme only: the rest may hold a password
        raise SettingsError(key, f"unsupported scheme {scheme!r}; use sqlite:/// or postgresql://")
    if drivers[scheme.lower()].startswith("sqlite") and rest.split("?")[0] in (
        "",
        "/",
        "/:memory:",
    ):
        raise SettingsError(key, "in-memory SQLite loses every complaint; use sqlite:///path.db")
    url = f"{drivers[scheme.lower()]}://{rest}"
    from sqlalchemy.engine import make_url  # what storage/ will parse it with
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except (ValueError, ArgumentError):  # never echo it: the URL may hold a password
        raise SettingsError(key, "is not a valid URL (is the port a number?)") from None
    return url


def whole_number(minimum: int | None = None) -> Callable[[str, str], int]:
    def parse(key: str, raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(key, f"{raw!r} is not a whole number") from None
        if minimum is not None and value < minimum:
            raise SettingsError(key, f"must be at least {minimum}, got {value}")
        return value

    return parse


def int_list(key: str, raw: str) -> tuple[int, ...]:
    items = [item.strip() for item in raw.split(",") if item.strip()]
    bad = [item for item in items if not re.fullmatch(r"\d+", item)]
    if bad:
        raise SettingsError(key, f"{bad[0]!r} is not a Telegram user id (a positive number)")
    return tuple(int(item) for item in items)


def nonzero_int(key: str, raw: str) -> int:
    value = whole_number()(key, raw)
    if value == 0:
        raise SettingsError(key, "0 is not a chat id")
    return value


def clock_time(key: str, raw: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise SettingsError(key, f"{raw!r} is not a time of day (HH:MM, 24-hour)")
    return time(int(match[1]), int(match[2]))


def working_hours(key: str, raw: str) -> WorkingHours:
    start, sep, end = raw.partition("-")
    if not sep:
        raise SettingsError(key, f"{raw!r} is not a range like 08:00-16:00")
    hours = WorkingHours(clock_time(key, start), clock_time(key, end))
    if hours.start >= hours.end:
        raise SettingsError(key, f"{raw!r} ends before it starts")
    return hours


def weekly_slot(key: str, raw: str) -> WeeklySlot:
    day, _, at = raw.strip().partition(" ")
    if day.lower() not in WEEKDAYS:
        raise SettingsError(key, f"{raw!r} must be a weekday ({'/'.join(WEEKDAYS)}) and HH:MM")
    return WeeklySlot(day.lower(), clock_time(key, at))


def dates(key: str, raw: str) -> tuple[date, ...]:
    days = []
    for item in (item.strip() for item in raw.split(",")):
        if not item:
            continue
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item):
                raise ValueError
            days.append(date.fromisoformat(item))
        except ValueError:
            raise SettingsError(key, f"{item!r} is not a date (YYYY-MM-DD)") from None
    return tuple(sorted(set(days)))


def timezone(key: str, raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(key, f"unknown time zone {raw!r} (e.g. Asia/Jakarta)") from None
    return raw


def listen_address(key: str, raw: str) -> ListenAddress:
    host, sep, port = raw.rpartition(":")
    host = host.strip("[]")  # [::1]:8443
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(key, f"{raw!r} is not host:port (e.g. 127.0.0.1:8443)")
    return ListenAddress(host, int(port))


def service_area(key: str, raw: str) -> ServiceArea:
    if re.fullmatch(r"[\d\s,.+-]+", raw):
        return _bbox_area(key, raw)
    return _geojson_area(key, raw)


def city_file_area(area: Mapping[str, Any]) -> ServiceArea:
    """The `[city.service_area]` of a seeded city file (validated by storage.seed_file when it
    was seeded): `bbox = [minlon, minlat, maxlon, maxlat]` or `polygon = [[lon, lat], ...]`."""
    if "bbox" in area:
        min_lon, min_lat, max_lon, max_lat = (float(n) for n in area["bbox"])
        text = ",".join(f"{n:g}" for n in (min_lon, min_lat, max_lon, max_lat))
        return ServiceArea((min_lon, min_lat, max_lon, max_lat), source=text)
    ring: Ring = tuple((float(lon), float(lat)) for lon, lat in area["polygon"])
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return ServiceArea(
        (min(lons), min(lats), max(lons), max(lats)),
        ((ring,),),
        source=f"polygon of {len(ring)} points",
    )


def _bbox_area(key: str, raw: str) -> ServiceArea:
    try:
        numbers = [float(item) for item in raw.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise SettingsError(key, f"{raw!r} is not a box 'minlon,minlat,maxlon,maxlat'")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise SettingsError(key, f"{raw!r}: need -180 <= minlon < maxlon <= 180, same for lat")
    return ServiceArea((min_lon, min_lat, max_lon, max_lat), source=raw)


def _geojson_area(key: str, raw: str) -> ServiceArea:
    path = Path(raw).expanduser()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(key, f"file {raw!r} not found (or give a bbox)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(key, f"cannot read {raw!r}: {exc.__class__.__name__}") from None
    except json.JSONDecodeError as exc:
        raise SettingsError(key, f"{raw!r} is not JSON (line {exc.lineno})") from None
    try:
        polygons = tuple(_polygons(document))
    except (TypeError, ValueError, KeyError, IndexError):
        raise SettingsError(key, f"{raw!r} has malformed GeoJSON coordinates") from None
    if not polygons:
        raise SettingsError(key, f"{raw!r} holds no GeoJSON Polygon or MultiPolygon")
    points = [point for rings in polygons for ring in rings for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return ServiceArea((min(lons), min(lats), max(lons), max(lats)), polygons, source=raw)


def _polygons(node: Any) -> list[tuple[Ring, ...]]:
    kind = node.get("type") if isinstance(node, dict) else None
    if kind == "FeatureCollection":
        return [p for feature in node["features"] for p in _polygons(feature)]
    if kind == "Feature":
        return _polygons(node["geometry"]) if node.get("geometry") else []
    if kind == "Polygon":
        return [_rings(node["coordinates"])]
    if kind == "MultiPolygon":
        return [_rings(polygon) for polygon in node["coordinates"]]
    return []


def _rings(coordinates: Any) -> tuple[Ring, ...]:
    rings = tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in coordinates)
    if not rings or any(len(ring) < 3 for ring in rings):
        raise ValueError("a ring needs at least three points")
    return rings


def tile_url(key: str, raw: str) -> str:
    """A map tile server template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png."""
    http_url(key, raw.replace("{s}", "a"))
    missing = [p for p in ("{z}", "{x}", "{y}") if p not in raw]
    if missing:
        raise SettingsError(key, f"{raw!r} lacks {', '.join(missing)}")
    return raw


def plain_text(key: str, raw: str) -> str:
    """A short line shown on a page as it is (the map's attribution): no markup."""
    if len(raw) > 200 or any(c in raw for c in "<>") or not raw.isprintable():
        raise SettingsError(key, "must be one printable line of at most 200 characters, no < >")
    return raw


def setting(
    key: str,
    default: str,
    doc: str,
    parse: Callable[[str, str], Any],
    *,
    secret: bool = False,
    empty: Any = None,
) -> dict[str, Any]:
    """`field()` arguments for a setting that knows its key, text default and description."""
    value = parse(key, default) if default else empty
    meta = {"key": key, "default": default, "doc": doc, "parse": parse, "secret": secret}
    return {"default": value, "metadata": meta}


def folder(key: str, raw: str) -> str:
    if "\0" in raw:
        raise SettingsError(key, "is not a usable folder path")
    return raw


def as_text(value: Any) -> str:
    """A setting's value as `aduan config show` and the logs print it."""
    if value is None:
        return ""
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, tuple):
        return ",".join(as_text(item) for item in value)
    return str(value)


def hide_password(url: str) -> str:
    """A database URL fit for a log: the password starred out."""
    return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)
