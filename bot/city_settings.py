"""The city's time zone and service area, from one source of truth: the seeded city file.

`aduan seed` stores `[city] timezone` and `[city.service_area]` in the database, so every
process (and every command) reads the same values. `TIMEZONE` and `SERVICE_AREA` override
them, for a deployment that must differ from its file; when neither says, the time zone is
Asia/Jakarta and every location is accepted. `aduan config show` prints where each value came
from, because "which of the three won?" is the first question when a deadline looks wrong.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import settings_values as v
from bot.settings import ServiceArea, Settings, SettingsError
from handlers.turn import CityInfo

if TYPE_CHECKING:
    from storage.database import Database

DEFAULT = "default"
ENVIRONMENT = "environment"  # .env or a real environment variable (`aduan config show` tells)
CITY_FILE = "city file (database)"
CITY_KEYS = ("TIMEZONE", "SERVICE_AREA")


@dataclass(frozen=True)
class CitySettings:
    """The effective city values and, per settings key, which source gave it."""

    name: str
    timezone: str
    service_area: ServiceArea | None
    sources: Mapping[str, str]

    def apply(self, settings: Settings) -> Settings:
        """`settings` with the effective time zone and area: what every component reads."""
        return dataclasses.replace(settings, timezone=self.timezone, service_area=self.service_area)

    def info(self, bot_username: str = "") -> CityInfo:
        return CityInfo(
            name=self.name,
            timezone=self.timezone,
            service_area=self.service_area,
            bot_username=bot_username,
        )


def resolve_city(settings: Settings, stored: Mapping[str, Any] | None) -> CitySettings:
    """Environment over city file over default, key by key. `stored` is the `city` setting
    `aduan seed` wrote (None before any seed)."""
    stored = stored or {}
    sources: dict[str, str] = {}
    if settings.timezone:
        timezone, sources["TIMEZONE"] = settings.timezone, ENVIRONMENT
    elif stored.get("timezone"):
        timezone, sources["TIMEZONE"] = _known_zone(stored["timezone"]), CITY_FILE
    else:
        timezone, sources["TIMEZONE"] = v.DEFAULT_TIMEZONE, DEFAULT
    area: ServiceArea | None
    if settings.service_area is not None:
        area, sources["SERVICE_AREA"] = settings.service_area, ENVIRONMENT
    elif stored.get("service_area"):
        area, sources["SERVICE_AREA"] = _stored_area(stored["service_area"]), CITY_FILE
    else:
        area, sources["SERVICE_AREA"] = None, DEFAULT
    return CitySettings(str(stored.get("name") or "Kota"), timezone, area, sources)


async def read_city(settings: Settings, db: Database) -> CitySettings:
    """The effective city values, reading the seeded city file from `db`."""
    async with db.uow(read_only=True) as uow:
        stored = await uow.settings.get("city")
    return resolve_city(settings, stored if isinstance(stored, Mapping) else None)


def _known_zone(name: Any) -> str:
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            "TIMEZONE", f"the city file's time zone {name!r} is unknown; re-seed or set TIMEZONE"
        ) from None
    return str(name)


def _stored_area(area: Any) -> ServiceArea:
    try:
        return v.city_file_area(area)
    except (TypeError, ValueError, KeyError):
        raise SettingsError(
            "SERVICE_AREA", "the city file's service area is malformed; re-seed or set it here"
        ) from None
