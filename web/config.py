"""What the public site is told at start-up (built by `aduan web` from bot.settings.Settings,
read by attribute so this package does not import the bot runtime)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any, Protocol

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


class Area(Protocol):
    """The city's service area (bot.settings_values.ServiceArea satisfies it)."""

    bbox: tuple[float, float, float, float]

    def contains(self, lon: float, lat: float) -> bool: ...


@dataclass(frozen=True)
class WebConfig:
    host: str = "127.0.0.1"
    port: int = 8090
    timezone: str = "Asia/Jakarta"
    work_start: time = time(8, 0)
    work_end: time = time(16, 0)
    extra_holidays: tuple[date, ...] = ()
    default_language: str = "id"
    tile_url: str = OSM_TILES
    tile_attribution: str = OSM_ATTRIBUTION
    cache_seconds: int = 30  # Cache-Control max-age of pages and API answers
    service_area: Area | None = None  # None: Open311 POST takes any point on the globe
    page_size: int = 20  # complaints per page of /complaints
    public_url: str | None = None  # WEB_PUBLIC_URL; None: the address each request asked for
    evidence_store: str = "folder"  # EVIDENCE_STORE: where the public photos are read from
    evidence_dir: str = "data/evidence"

    @classmethod
    def from_settings(cls, settings: Any) -> WebConfig:
        listen = settings.web_listen
        return cls(
            host=listen.host,
            port=listen.port,
            timezone=settings.timezone,
            work_start=settings.working_hours.start,
            work_end=settings.working_hours.end,
            extra_holidays=tuple(settings.extra_holidays),
            default_language=settings.default_language,
            tile_url=settings.web_tile_url,
            tile_attribution=settings.web_tile_attribution,
            cache_seconds=settings.web_cache_seconds,
            service_area=settings.service_area,
            public_url=settings.web_public_url,
            evidence_store=settings.evidence_store,
            evidence_dir=settings.evidence_dir,
        )
