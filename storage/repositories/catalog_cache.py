"""Categories, agencies and the groups' languages, kept in memory per process: read on most
updates, edited rarely.

A citizen's complaint reads the category list, its category several times and the complaint
unit and agencies at submission; every press in a staff group reads the group's language;
admins change them a few times a year. So every `Database`
of a process on the same store shares one `CatalogCache`, and the repositories answer from it.

Staying fresh:
- A unit of work that writes a category, agency or group language row (any
  INSERT/UPDATE/DELETE through its `SqlContext`: the admin commands, `/lang` in a group,
  seeding, the sender marking an agency's group gone) reads the tables from the database for
  the rest of its transaction, so it sees its own edits; its commit drops the cache of this
  process.
- On PostgreSQL that write also sends the settings NOTIFY (`storage.channels.SETTINGS`, the one
  `/sla` uses), delivered at the commit; `storage.wakeups` drops the cache of every process
  listening. SQLite has one bot process; another process writing (the CLI) is seen once the
  snapshot is `MAX_AGE` old, which also covers a listener that lost its connection.
- A snapshot loaded while a commit dropped the cache is not kept (`generation`): a unit of work
  keeps what it loaded only if the cache was not dropped since the unit of work began, so a
  snapshot read before a commit never outlives it.

Readers get copies: a handler may change the record it was given before saving it.
"""

from __future__ import annotations

import dataclasses
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from domain.model import Agency, Category
from storage.mapping import RecordMapper
from storage.tables import AgencyRow, CategoryRow, ChatLanguageRow, table_of

CATEGORIES = RecordMapper(Category, table_of(CategoryRow))
AGENCIES = RecordMapper(Agency, table_of(AgencyRow))
GROUP_LANGUAGES = table_of(ChatLanguageRow)
CATALOG_TABLES = frozenset({CATEGORIES.table.name, AGENCIES.table.name, GROUP_LANGUAGES.name})
MAX_AGE = 5.0  # seconds: how late another process's edit may be seen without a NOTIFY

LOAD_CATEGORIES = select(CATEGORIES.table).order_by(
    CATEGORIES.table.c.sort_order, CATEGORIES.table.c.id
)
LOAD_AGENCIES = select(AGENCIES.table).order_by(AGENCIES.table.c.id)
LOAD_GROUP_LANGUAGES = select(GROUP_LANGUAGES.c.chat_id, GROUP_LANGUAGES.c.language)


@dataclass(frozen=True)
class CatalogSnapshot:
    """Every category (in the citizens' keyboard order), agency (by id) and group language
    (by chat id), as committed."""

    categories: tuple[Category, ...]
    agencies: tuple[Agency, ...]
    group_languages: Mapping[int, str] = field(default_factory=dict)

    def category(self, category_id: int) -> Category | None:
        return _copy_category(next((c for c in self.categories if c.id == category_id), None))

    def category_by_code(self, code: str) -> Category | None:
        return _copy_category(next((c for c in self.categories if c.code == code), None))

    def category_list(self, *, active_only: bool) -> list[Category]:
        return [_fresh(c) for c in self.categories if c.active or not active_only]

    def agency(self, **wanted: Any) -> Agency | None:
        """The first agency, by id, whose fields have the wanted values."""
        for agency in self.agencies:
            if all(getattr(agency, name) == value for name, value in wanted.items()):
                return dataclasses.replace(agency)
        return None

    def agency_list(self, *, active_only: bool) -> list[Agency]:
        return [dataclasses.replace(a) for a in self.agencies if a.active or not active_only]


def _copy_category(category: Category | None) -> Category | None:
    return None if category is None else _fresh(category)


def _fresh(category: Category) -> Category:
    return dataclasses.replace(category, sla_overrides=dict(category.sla_overrides))


class CatalogCache:
    """One process's snapshot of one store's catalog (see the module docstring)."""

    def __init__(self, max_age: float = MAX_AGE) -> None:
        self.max_age = max_age
        self.generation = 0  # bumped whenever the snapshot is dropped
        self._snapshot: CatalogSnapshot | None = None
        self._loaded_at = 0.0

    def invalidate(self) -> None:
        self.generation += 1
        self._snapshot = None

    def current(self) -> CatalogSnapshot | None:
        snapshot = self._snapshot
        if snapshot is not None and time.monotonic() - self._loaded_at < self.max_age:
            return snapshot
        return None

    def keep(self, snapshot: CatalogSnapshot, generation: int) -> None:
        """Keep `snapshot`, read by a unit of work begun at `generation`, unless the cache was
        dropped since (it may predate that commit)."""
        if generation == self.generation:
            self._snapshot, self._loaded_at = snapshot, time.monotonic()


_SHARED: weakref.WeakValueDictionary[str, CatalogCache] = weakref.WeakValueDictionary()


def shared_cache(store: str) -> CatalogCache:
    """The cache of every `Database` of this process on `store` (URL and schema): a commit
    through one of them is seen at once through the others."""
    cache = _SHARED.get(store)
    if cache is None:
        cache = _SHARED[store] = CatalogCache()
    return cache


@dataclass
class CatalogView:
    """What one unit of work knows of the catalog: the cache's generation when it began,
    whether it wrote the catalog (then it reads the tables itself), what it loaded."""

    cache: CatalogCache
    generation: int = 0
    written: bool = False
    loaded: CatalogSnapshot | None = field(default=None, repr=False)

    @classmethod
    def begin(cls, cache: CatalogCache) -> CatalogView:
        return cls(cache, cache.generation)

    def snapshot(self) -> CatalogSnapshot | None:
        """The snapshot to answer from, if there is one this unit of work may use."""
        if self.written:
            return None
        return self.loaded or self.cache.current()

    def loaded_now(
        self, categories: list[Category], agencies: list[Agency], languages: dict[int, str]
    ) -> CatalogSnapshot:
        snapshot = CatalogSnapshot(tuple(categories), tuple(agencies), languages)
        self.loaded = snapshot
        self.cache.keep(snapshot, self.generation)
        return snapshot

    def ended(self, committed: bool) -> None:
        """The transaction ended: a committed write drops the cache; then start afresh."""
        if self.written and committed:
            self.cache.invalidate()
        self.generation, self.written, self.loaded = self.cache.generation, False, None
