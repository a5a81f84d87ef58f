"""Load a city's agencies, categories, SLA defaults and canned replies from a TOML file.

A city sets itself up from one reviewed file instead of clicking through the bot. The whole
file is validated first (storage/seed_file.py), and everything is written in one unit of work,
so a typo never leaves half a city behind. Rows are matched by code (templates by agency and
name): re-running the file updates them in place, keeps what admins bound at run time (group
chats, staff) and never deletes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.model import Agency, Category, Template
from domain.ports import UnitOfWork
from storage.seed_file import (
    DEFAULT_SLA,
    CitySeed,
    SeedError,
    load_city_file,
    parse_city,
)

__all__ = [
    "DEFAULT_SLA",
    "CitySeed",
    "SeedError",
    "SeedReport",
    "apply_city",
    "load_city_file",
    "parse_city",
    "seed_city",
]


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        total = self.created + self.updated + self.unchanged
        return f"{total} ({self.created} new, {self.updated} updated)"


@dataclass
class SeedReport:
    """What a seed run changed, so the CLI can say it and a re-run can be seen to be a no-op."""

    agencies: Tally = field(default_factory=Tally)
    categories: Tally = field(default_factory=Tally)
    templates: Tally = field(default_factory=Tally)


async def apply_city(uow: UnitOfWork, city: CitySeed) -> SeedReport:
    """Upsert the city into an open unit of work; the caller commits (all or nothing)."""
    report = SeedReport()
    unit = city.complaint_unit.code
    for agency in await uow.agencies.list(active_only=False):
        if agency.is_complaint_unit and agency.code != unit:  # the file names a new unit
            agency.is_complaint_unit = False
            await uow.agencies.save(agency)
    agency_ids: dict[str, int] = {}
    for a in city.agencies:
        wanted = {"name": a.name, "is_complaint_unit": a.complaint_unit, "active": a.active}
        row = await uow.agencies.get_by_code(a.code)
        agency = await _upsert(report.agencies, uow.agencies, row, Agency(a.code, **wanted), wanted)
        if agency.id is None:
            raise RuntimeError(f"agency {a.code!r} has no id after add()")
        agency_ids[a.code] = agency.id
    for c in city.categories:
        wanted = {
            "name": c.name,
            "name_en": c.name_en,
            "default_agency_id": agency_ids[c.agency],
            "auto_verify": c.auto_verify,
            "sla_overrides": dict(c.sla),
            "active": c.active,
            "sort_order": c.sort_order,
        }
        row = await uow.categories.get_by_code(c.code)
        await _upsert(report.categories, uow.categories, row, Category(c.code, **wanted), wanted)
    for t in city.templates:
        agency_id = agency_ids[t.agency] if t.agency else None
        rows = await uow.templates.list_for_agency(agency_id)
        row = next((r for r in rows if r.agency_id == agency_id and r.name == t.name), None)
        new = Template(name=t.name, text=t.text, agency_id=agency_id)
        await _upsert(report.templates, uow.templates, row, new, {"text": t.text})
    await uow.settings.set("sla", dict(city.sla))
    await uow.settings.set(
        "city", {"name": city.name, "timezone": city.timezone, "service_area": city.service_area}
    )
    return report


class _Repository(Protocol):
    async def add(self, row: Any) -> Any: ...
    async def save(self, row: Any) -> None: ...


async def _upsert(
    tally: Tally, repo: _Repository, row: Any, new: Any, wanted: dict[str, Any]
) -> Any:
    """Add `new`, or update `row` only where it differs from `wanted`, counting which it was."""
    if row is None:
        tally.created += 1
        return await repo.add(new)
    changed = {key: value for key, value in wanted.items() if getattr(row, key) != value}
    if not changed:
        tally.unchanged += 1
        return row
    for key, value in changed.items():
        setattr(row, key, value)
    await repo.save(row)
    tally.updated += 1
    return row


async def seed_city(uow_factory: Callable[[], UnitOfWork], city: CitySeed) -> SeedReport:
    """One transaction for the whole city: a failure half-way leaves the database as it was."""
    async with uow_factory() as uow:
        report = await apply_city(uow, city)
        await uow.commit()
    return report
