"""One public site: its database, settings, clock and caches (shared by every request).

Holds nothing a second process behind the same load balancer would need: everything it
keeps is a cache of what the database says (web/cache.py).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import datetime

from fastapi import Request

from domain.calendar import WorkingCalendar
from domain.clock import Clock, SystemClock
from domain.evidence import EvidenceStore
from domain.model import Agency, Category
from storage.database import Database
from storage.evidence import DatabaseEvidenceStore, FolderEvidenceStore
from storage.queries.performance import performance_facts
from storage.queries.public import data_version
from web.cache import PageCache, Version, VersionProbe
from web.config import WebConfig
from web.figures import Performance, compute_performance, month_starts, window_start
from web.photos import PublicPhotos
from web.texts import SiteTexts, site_texts

CITY_FALLBACK = "Kota"
REFRESH_FIGURES = 60.0  # seconds: the dashboard may lag the data by this much


@dataclass
class Catalogue:
    """The city's name, categories and agencies, as the public sees them."""

    city: str
    categories: dict[int, Category] = field(default_factory=dict)
    agencies: dict[int, Agency] = field(default_factory=dict)

    def category_name(self, category_id: int, lang: str) -> str:
        category = self.categories.get(category_id)
        if category is None:
            return "?"
        return category.name_en if lang == "en" and category.name_en else category.name

    def agency_name(self, agency_id: int) -> str:
        agency = self.agencies.get(agency_id)
        return agency.name if agency else "?"

    def listed_categories(self) -> list[Category]:
        return sorted(
            (c for c in self.categories.values() if c.active),
            key=lambda c: (c.sort_order, c.code),
        )

    def listed_agencies(self) -> list[Agency]:
        """Agencies that work complaints (the complaint unit verifies, it holds no shares)."""
        return sorted(
            (a for a in self.agencies.values() if a.active and not a.is_complaint_unit),
            key=lambda a: a.name,
        )

    def category_by_code(self, code: str) -> Category | None:
        return next((c for c in self.categories.values() if c.code == code), None)

    def agency_by_code(self, code: str) -> Agency | None:
        return next((a for a in self.agencies.values() if a.code == code), None)


class Site:
    def __init__(
        self,
        db: Database,
        config: WebConfig | None = None,
        *,
        clock: Clock | None = None,
        texts: SiteTexts | None = None,
        evidence: EvidenceStore | None = None,
    ) -> None:
        self.db = db
        self.config = config or WebConfig()
        self._own_store = evidence is None  # made from the config: follows use_database
        self.photos = PublicPhotos(evidence if evidence is not None else self._open_store(db))
        self.clock: Clock = clock or SystemClock()
        self.texts = texts or site_texts()
        c = self.config
        self.calendar = WorkingCalendar(
            tz=c.timezone,
            work_start=c.work_start,
            work_end=c.work_end,
            extra_holidays=c.extra_holidays,
        )
        self.pages = PageCache()
        self.probe = VersionProbe(self._read_version)
        self._catalogue: tuple[Version, Catalogue] | None = None
        self._performance: tuple[Version, Performance, float] | None = None
        self._lock = asyncio.Lock()

    def now(self) -> datetime:
        return self.clock.now()

    async def _read_version(self) -> Version:
        async with self.db.uow(read_only=True) as uow:
            return await data_version(uow)

    async def version(self) -> Version:
        # The month turns over without any event: it is part of what a page depends on.
        local = self.now().astimezone(self.calendar.tz)
        return (await self.probe.current(), local.year, local.month)

    def _open_store(self, db: Database) -> EvidenceStore:
        if self.config.evidence_store == "database":
            return DatabaseEvidenceStore(db)
        return FolderEvidenceStore(self.config.evidence_dir)

    def base_url(self, request: Request) -> str:
        """This site's address for absolute links: WEB_PUBLIC_URL, else the one asked for
        (then part of the cache key of whatever embeds it, so a forged Host header cannot
        put its own address into what other visitors get)."""
        return self.config.public_url or str(request.base_url).rstrip("/")

    def use_database(self, db: Database) -> Database:
        """Point at another database (the demo's reset); returns the old one to dispose."""
        old, self.db = self.db, db
        if self._own_store:
            self.photos = PublicPhotos(self._open_store(db))
        self.forget()
        return old

    def forget(self) -> None:
        self.pages.clear()
        self.probe.forget()
        self._catalogue = self._performance = None

    async def catalogue(self) -> Catalogue:
        version = await self.version()
        if self._catalogue is not None and self._catalogue[0] == version:
            return self._catalogue[1]
        async with self.db.uow(read_only=True) as uow:
            city = await uow.settings.get("city") or {}
            categories = await uow.categories.list(active_only=False)
            agencies = await uow.agencies.list(active_only=False)
        found = Catalogue(
            city=str(city.get("name") or CITY_FALLBACK),
            categories={c.id: c for c in categories if c.id is not None},
            agencies={a.id: a for a in agencies if a.id is not None},
        )
        self._catalogue = (version, found)
        return found

    def _fresh(self, known: tuple[Version, Performance, float] | None, version: Version) -> bool:
        return known is not None and (
            known[0] == version
            or (known[0][1:] == version[1:] and time.monotonic() - known[2] < REFRESH_FIGURES)
        )

    async def performance(self) -> Performance:
        """The figures of the last twelve months: recomputed when the data changed, at most
        once a minute (a city of 100,000 complaints takes seconds to count; see bench web)."""
        version = await self.version()
        known = self._performance
        if known is not None and self._fresh(known, version):
            return known[1]
        async with self._lock:  # one computation at a time; the others wait for it
            known = self._performance
            if known is not None and self._fresh(known, version):
                return known[1]
            now = self.now()
            since = window_start(month_starts(now, self.calendar.tz), self.calendar.tz)
            catalogue = await self.catalogue()
            async with self.db.uow(read_only=True) as uow:
                facts = await performance_facts(uow, since)
            agency_ids = [a.id for a in catalogue.listed_agencies() if a.id is not None]
            figures = await asyncio.to_thread(
                compute_performance, facts, now, self.calendar, agency_ids
            )
            self._performance = (version, figures, time.monotonic())
            return figures

    async def close(self) -> None:
        if self._own_store and self.photos.store is not None:
            await self.photos.store.close()
        await self.db.dispose()
