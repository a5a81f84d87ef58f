"""The seeded city file is the one source of the city's time zone and service area: the bot's
SLA calendar and location check follow it, TIMEZONE / SERVICE_AREA override it, and
`aduan config show` says which of default, .env, environment or city file gave each value."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.city_settings import read_city
from bot.cli import main
from bot.runtime import BotRuntime
from bot.settings import Settings
from domain.calendar import WorkingCalendar
from domain.conversation import Draft
from domain.model import Citizen
from domain.sla import SlaPolicy
from domain.status import SlaStage
from handlers.conversations import Conversations
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, LocationRef, UserRef
from handlers.texts import default_catalogue
from storage.database import Database
from storage.seed import parse_city, seed_city
from tests.backends import sqlite_file

ROOT = Path(__file__).resolve().parents[2]
SURAKARTA = (ROOT / "examples" / "surakarta.toml").read_text()
JAYAPURA = SURAKARTA.replace('timezone = "Asia/Jakarta"', 'timezone = "Asia/Jayapura"').replace(
    "bbox = [110.76, -7.60, 110.88, -7.52]", "bbox = [140.60, -2.65, 140.80, -2.50]"
)
IN_JAYAPURA = LocationRef(latitude=-2.5337, longitude=140.7181)
IN_SURAKARTA = LocationRef(latitude=-7.5666, longitude=110.8247)
CITIZEN = 4242
TEXTS = default_catalogue()
# Tuesday 08:00 in Jayapura (UTC+9) is 06:00 in Jakarta, before the office opens there.
FILED = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


@pytest.fixture
async def jayapura(tmp_path: Path) -> AsyncIterator[str]:
    """A migrated SQLite file seeded with a city file in another time zone and place."""
    assert JAYAPURA != SURAKARTA
    async with sqlite_file(tmp_path) as path:
        url = f"sqlite+aiosqlite:///{path}"
        db = Database(url)
        try:
            await seed_city(db.uow, parse_city(JAYAPURA, "jayapura.toml"))
        finally:
            await db.dispose()
        yield url


async def conversations(url: str, **env: str) -> tuple[Conversations, Database]:
    values = {"DATABASE_URL": url, "BOT_TOKEN": "123:never-used", **env}
    settings = Settings.load(values, require_token=True, env_file=None)
    db = Database(url)
    return await BotRuntime(settings, db=db).build_conversations(), db


async def location_answer(conv: Conversations, db: Database, place: LocationRef) -> str:
    """What the bot says to a citizen at the location step who shares `place`."""
    async with db.uow() as uow:
        if await uow.citizens.get_by_telegram_id(CITIZEN) is None:
            await uow.citizens.add(Citizen(CITIZEN, CITIZEN, "Yosef", FILED))
        await uow.drafts.save(Draft(chat_id=CITIZEN, step="location", data={"seq": 1}))
        turn = await conv.handle(
            Incoming(
                update_id=1,
                kind=IncomingKind.LOCATION,
                chat=ChatRef(CITIZEN, ChatType.PRIVATE),
                user=UserRef(CITIZEN, "Yosef", language_code="id"),
                message_id=10,
                location=place,
            ),
            uow,
        )
        await uow.rollback()
    return turn.queued[0].text or ""


def deadline_in(tz: str) -> datetime:
    return SlaPolicy(WorkingCalendar(tz)).deadline_for(SlaStage.VERIFY, FILED)


async def test_the_seeded_city_file_sets_the_bots_zone_and_area(jayapura: str) -> None:
    conv, db = await conversations(jayapura)
    try:
        assert conv.life.sla.calendar.tz.key == conv.city.timezone == "Asia/Jayapura"
        deadline = conv.life.sla.deadline_for(SlaStage.VERIFY, FILED)
        assert deadline == deadline_in("Asia/Jayapura") != deadline_in("Asia/Jakarta")
        outside = TEXTS.text("id", "intake-location-outside", city="Kota Surakarta")
        assert await location_answer(conv, db, IN_SURAKARTA) == outside
        assert await location_answer(conv, db, IN_JAYAPURA) != outside
    finally:
        await db.dispose()


async def test_the_environment_overrides_the_city_file(jayapura: str) -> None:
    conv, db = await conversations(
        jayapura, TIMEZONE="Asia/Makassar", SERVICE_AREA="110.76,-7.60,110.88,-7.52"
    )
    try:
        assert conv.life.sla.calendar.tz.key == "Asia/Makassar"
        outside = TEXTS.text("id", "intake-location-outside", city="Kota Surakarta")
        assert await location_answer(conv, db, IN_JAYAPURA) == outside
        assert await location_answer(conv, db, IN_SURAKARTA) != outside
    finally:
        await db.dispose()


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    """`aduan config show` as {KEY: (value, source)}."""
    assert main([*argv, "config", "show"]) == 0
    shown = {}
    for line in capsys.readouterr().out.splitlines():
        if not line.startswith("#"):
            setting, _, source = line.partition("  # ")
            key, _, value = setting.partition("=")
            shown[key] = (value.strip(), source)
    return shown


def test_config_show_names_the_source_of_each_value(
    jayapura: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for key, _, _ in Settings.describe():
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", jayapura)
    shown = show(capsys)
    assert shown["TIMEZONE"] == ("Asia/Jayapura", "city file (database)")
    assert shown["SERVICE_AREA"] == ("140.6,-2.65,140.8,-2.5", "city file (database)")
    assert shown["WORKING_HOURS"] == ("08:00-16:00", "default")
    assert shown["DATABASE_URL"] == (jayapura, "environment")

    (tmp_path / ".env").write_text("SERVICE_AREA=140.0,-3.0,141.0,-2.0\n")
    monkeypatch.setenv("TIMEZONE", "Asia/Makassar")
    shown = show(capsys)
    assert shown["TIMEZONE"] == ("Asia/Makassar", "environment")
    assert shown["SERVICE_AREA"] == ("140.0,-3.0,141.0,-2.0", ".env")


def test_config_show_without_a_database_shows_the_defaults_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, _, _ in Settings.describe():
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "TIMEZONE=Asia/Jakarta" in out and "SERVICE_AREA=" in out
    assert out.splitlines()[-1].startswith("# city file not read: ")
    assert "run `aduan db upgrade`" in out
    assert not (tmp_path / "none.db").exists()


async def test_a_running_bot_follows_a_re_seeded_city(jayapura: str) -> None:
    """What the runtime does when the settings' NOTIFY says the city file changed."""
    values = {"DATABASE_URL": jayapura, "BOT_TOKEN": "123:never-used"}
    settings = Settings.load(values, require_token=True, env_file=None)
    db = Database(jayapura)
    runtime = BotRuntime(settings, db=db)
    try:
        runtime.conversations = conv = await runtime.build_conversations()
        calendar, city = conv.life.sla.calendar, conv.city
        await seed_city(db.uow, parse_city(SURAKARTA, "surakarta.toml"))
        runtime.use_city(await read_city(settings, db))
        assert conv.city is city and city.timezone == "Asia/Jakarta"
        assert conv.life.sla.calendar is not calendar
        assert conv.life.sla.deadline_for(SlaStage.VERIFY, FILED) == deadline_in("Asia/Jakarta")
        outside = TEXTS.text("id", "intake-location-outside", city="Kota Surakarta")
        assert await location_answer(conv, db, IN_JAYAPURA) == outside
        assert await location_answer(conv, db, IN_SURAKARTA) != outside
    finally:
        await db.dispose()
