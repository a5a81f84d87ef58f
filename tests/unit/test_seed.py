"""The city seed: a bad file is one line naming its place and writes nothing; a good one upserts.

Parsing tests need no database. The writing tests use the shared `uow_factory` fixture, so they
run on the in-memory fake, SQLite and PostgreSQL (migrated with Alembic) alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from domain.model import Category
from domain.ports import UnitOfWork
from storage.seed import DEFAULT_SLA, SeedError, load_city_file, parse_city, seed_city

ROOT = Path(__file__).resolve().parents[2]
SURAKARTA = ROOT / "examples" / "surakarta.toml"

SMALL = """\
[city]
name = "Kota Contoh"

[[agencies]]
code = "unit"
name = "Unit Pengaduan"
complaint_unit = true

[[agencies]]
code = "pu"
name = "Dinas PU"

[[categories]]
code = "jalan"
name = "Jalan"
name_en = "Roads"
agency = "pu"

[[categories]]
code = "lain"
name = "Lainnya"
agency = "unit"
[categories.sla]
resolve = "10wd"

[[templates]]
agency = "all"
name = "Terima kasih"
text = "Terima kasih atas laporan Anda."
"""


def test_the_surakarta_example_is_valid() -> None:
    city = load_city_file(SURAKARTA)
    assert city.name == "Kota Surakarta"
    assert city.timezone == "Asia/Jakarta"
    assert city.service_area == {"bbox": [110.76, -7.60, 110.88, -7.52]}
    assert city.complaint_unit.code == "ulas"
    assert {a.code for a in city.agencies} == {
        "ulas", "satpolpp", "dinsos", "dpupr", "pdam", "dlh", "dishub", "disdik", "dinkes",
    }  # fmt: skip
    assert [c.code for c in city.categories] == [
        "ketertiban", "bansos", "jalan", "pdam", "parkir", "pju", "lingkungan", "pendidikan",
        "kesehatan", "lainnya",
    ]  # fmt: skip
    assert all(c.name_en for c in city.categories)
    assert [c.sort_order for c in city.categories] == list(range(10))
    assert {t.agency for t in city.templates} >= {None, "dpupr"}


def test_sla_defaults_fill_what_the_file_leaves_out() -> None:
    city = parse_city(SMALL, "small.toml")
    assert (
        city.sla
        == DEFAULT_SLA
        == {
            "verify": "1wd",
            "first_response": "48h",
            "resolve": "5wd",
            "confirm": "3wd",
        }
    )
    assert city.timezone is None  # TIMEZONE, else Asia/Jakarta (bot.city_settings)
    assert city.categories[1].sla == {"resolve": "10wd"}
    assert city.templates[0].agency is None


def with_edit(old: str, new: str) -> str:
    assert old in SMALL
    return SMALL.replace(old, new, 1)


BAD_FILES = [
    # (file text, the exact message)
    (with_edit('name = "Jalan"', 'name = "Jalan'), "small.toml:15: invalid TOML: "),
    (SMALL + "\n[extra]\nx = 1\n", "small.toml:31: extra: unknown key; expected one of "),
    (with_edit('name_en = "Roads"', 'colour = "red"'), "small.toml:16: categories[0].colour: "),
    (with_edit('name = "Dinas PU"\n', ""), "small.toml:9: agencies[1]: missing key 'name'"),
    (
        with_edit('agency = "pu"', 'agency = "pu2"'),
        "small.toml:17: categories[0].agency: unknown agency 'pu2'",
    ),
    (with_edit('"10wd"', '"5x"'), "small.toml:24: categories[1].sla.resolve: '5x' is not a "),
    (with_edit('"10wd"', '"0wd"'), "small.toml:24: categories[1].sla.resolve: '0wd' is not a "),
    (with_edit('"10wd"', "10"), "small.toml:24: categories[1].sla.resolve: 10 is not a "),
    (with_edit('resolve = "10wd"', 'fix = "1wd"'), "small.toml:24: categories[1].sla.fix: "),
    (with_edit('code = "lain"', 'code = "jalan"'), "small.toml:20: categories[1].code: dupl"),
    (with_edit('code = "pu"', 'code = "unit"'), "small.toml:10: agencies[1].code: duplicate"),
    (with_edit('code = "jalan"', 'code = "Jalan"'), "small.toml:14: categories[0].code: 'Jal"),
    (with_edit('code = "jalan"', 'code = "' + "j" * 21 + '"'), "small.toml:14: categories[0].code"),
    (with_edit("complaint_unit = true", ""), "small.toml:4: agencies: no agency has complaint_"),
    (
        with_edit('name = "Dinas PU"', 'name = "Dinas PU"\ncomplaint_unit = true'),
        "small.toml:12: agencies[1].complaint_unit: 'unit' is already the complaint unit",
    ),
    (with_edit("complaint_unit = true", 'complaint_unit = "yes"'), "small.toml:7: agencies[0]."),
    (with_edit('agency = "all"', 'agency = "semua"'), "small.toml:27: templates[0].agency: unk"),
    (
        with_edit('text = "Terima', 'text = "' + "x" * 4090 + "Terima"),
        "small.toml:29: templates[0].text: is 4121",
    ),
    (with_edit('name = "Kota Contoh"', 'name = "K"\ntimezone = "Asia/Solo"'), "small.toml:3: cit"),
    (
        with_edit('name = "Kota Contoh"', 'name = "K"\nservice_area = { bbox = [1, 2, 0, 3] }'),
        "small.toml:3: city.service_area.bbox: must be",
    ),
    (with_edit('[city]\nname = "Kota Contoh"\n', ""), "small.toml: (top level): missing key 'c"),
    ('city = "Solo"\nagencies = []\ncategories = []\n', "small.toml:1: city: must be a table"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_a_bad_file_is_one_line_naming_file_line_and_key(text: str, message: str) -> None:
    with pytest.raises(SeedError) as caught:
        parse_city(text, "small.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_unreadable_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match=r"^.*missing\.toml: cannot read"):
        load_city_file(tmp_path / "missing.toml")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('[city]\nname = "Kota Sala"\n'.encode("latin-1").replace(b"a", b"\xe1"))
    with pytest.raises(SeedError, match=r"latin1\.toml: not UTF-8"):
        load_city_file(latin1)


async def counts(uow_factory: Callable[[], UnitOfWork]) -> tuple[int, int, int]:
    async with uow_factory() as uow:
        agencies = await uow.agencies.list(active_only=False)
        categories = await uow.categories.list(active_only=False)
        templates = [t for a in agencies for t in await uow.templates.list_for_agency(a.id)]
        return len(agencies), len(categories), len({t.id for t in templates})


async def test_seeding_writes_the_city(uow_factory: Callable[[], UnitOfWork]) -> None:
    city = load_city_file(SURAKARTA)
    report = await seed_city(uow_factory, city)
    assert (report.agencies.created, report.categories.created, report.templates.created) == (
        9,
        10,
        7,
    )
    assert await counts(uow_factory) == (9, 10, 7)
    async with uow_factory() as uow:
        unit = await uow.agencies.complaint_unit()
        assert unit is not None and unit.code == "ulas"
        dpupr = await uow.agencies.get_by_code("dpupr")
        jalan = await uow.categories.get_by_code("jalan")
        bansos = await uow.categories.get_by_code("bansos")
        pju = await uow.categories.get_by_code("pju")
        assert dpupr is not None and jalan is not None and bansos is not None and pju is not None
        assert jalan.default_agency_id == dpupr.id
        assert (jalan.name, jalan.name_en, jalan.sort_order) == (
            "Jalan dan Drainase",
            "Roads and Drainage",
            2,
        )
        assert bansos.sla_overrides == {"resolve": "10wd"}
        assert pju.auto_verify and not jalan.auto_verify
        assert next(c.code for c in await uow.categories.list()) == "ketertiban"
        assert await uow.settings.get("sla") == DEFAULT_SLA
        city_setting = await uow.settings.get("city")
        assert city_setting["name"] == "Kota Surakarta"
        assert city_setting["service_area"] == {"bbox": [110.76, -7.60, 110.88, -7.52]}


async def test_reseeding_updates_by_code_and_never_duplicates(
    uow_factory: Callable[[], UnitOfWork],
) -> None:
    await seed_city(uow_factory, parse_city(SMALL))
    async with uow_factory() as uow:  # an admin binds the agency's group chat at run time
        pu = await uow.agencies.get_by_code("pu")
        assert pu is not None
        pu.group_chat_id, pu.group_active = -100123, True
        await uow.agencies.save(pu)
        await uow.commit()

    again = await seed_city(uow_factory, parse_city(SMALL))
    assert (again.agencies.unchanged, again.categories.unchanged, again.templates.unchanged) == (
        2,
        2,
        1,
    )
    assert again.agencies.created == again.categories.created == again.templates.created == 0

    edited = (
        SMALL.replace('name = "Jalan"', 'name = "Jalan Rusak"')
        .replace("Terima kasih atas laporan Anda.", "Terima kasih, kami segera meninjau.")
        .replace('name = "Dinas PU"', 'name = "Dinas Pekerjaan Umum"')
    )
    report = await seed_city(uow_factory, parse_city(edited))
    assert (report.agencies.updated, report.categories.updated, report.templates.updated) == (
        1,
        1,
        1,
    )
    assert await counts(uow_factory) == (2, 2, 1)
    async with uow_factory() as uow:
        pu = await uow.agencies.get_by_code("pu")
        jalan = await uow.categories.get_by_code("jalan")
        [template] = await uow.templates.list_for_agency(None)
    assert pu is not None and jalan is not None
    assert (pu.name, pu.group_chat_id, pu.group_active) == ("Dinas Pekerjaan Umum", -100123, True)
    assert jalan.name == "Jalan Rusak"
    assert template.text == "Terima kasih, kami segera meninjau."


async def test_a_new_complaint_unit_replaces_the_old_one(
    uow_factory: Callable[[], UnitOfWork],
) -> None:
    await seed_city(uow_factory, parse_city(SMALL))
    moved = SMALL.replace("complaint_unit = true\n", "").replace(
        'name = "Dinas PU"', 'name = "Dinas PU"\ncomplaint_unit = true'
    )
    await seed_city(uow_factory, parse_city(moved))
    async with uow_factory() as uow:
        agencies = await uow.agencies.list()
    assert [a.code for a in agencies if a.is_complaint_unit] == ["pu"]


class _CategoriesThatFail:
    """A category repository whose second insert fails, like a disk filling up half-way."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._adds = 0

    async def add(self, category: Category) -> Category:
        self._adds += 1
        if self._adds == 2:
            raise OSError("disk full")
        return await self._inner.add(category)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _FailingHalfWay:
    def __init__(self, inner: UnitOfWork) -> None:
        self._inner = inner

    async def __aenter__(self) -> UnitOfWork:
        uow = await self._inner.__aenter__()
        uow.categories = _CategoriesThatFail(uow.categories)  # type: ignore[misc]
        return uow

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)


async def test_a_failure_half_way_writes_nothing(uow_factory: Callable[[], UnitOfWork]) -> None:
    with pytest.raises(OSError, match="disk full"):
        await seed_city(
            lambda: _FailingHalfWay(uow_factory()),  # type: ignore[arg-type,return-value]
            load_city_file(SURAKARTA),
        )
    assert await counts(uow_factory) == (0, 0, 0)
    async with uow_factory() as uow:
        assert await uow.settings.get("sla") is None


async def test_a_bad_file_changes_nothing(uow_factory: Callable[[], UnitOfWork]) -> None:
    await seed_city(uow_factory, parse_city(SMALL))
    bad = SMALL.replace('name = "Jalan"', 'name = "Jalan Baru"').replace('"10wd"', '"10x"')
    with pytest.raises(SeedError):
        await seed_city(uow_factory, parse_city(bad))
    async with uow_factory() as uow:
        jalan = await uow.categories.get_by_code("jalan")
    assert jalan is not None and jalan.name == "Jalan"
