"""Settings: defaults, one-line errors that name their key, secrets never shown, docs in sync."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, time
from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot.cli_config import render_env_example, render_markdown_table
from bot.settings import Settings, SettingsError, environment

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAF-secret_part_of_the_token"


def load(**env: str) -> Settings:
    return Settings.load(env, require_token=False)


def test_defaults_need_nothing_but_a_token_to_run() -> None:
    settings = Settings.load({"BOT_TOKEN": TOKEN}, require_token=True)
    assert settings.telegram_library == "ptb"
    assert settings.telegram_api_base_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///./data/aduan.db"
    assert settings.mode == "polling"
    assert (settings.webhook_listen.host, settings.webhook_listen.port) == ("127.0.0.1", 8443)
    assert settings.workers == 1
    assert settings.timezone is None  # the city file's (bot.city_settings), else Asia/Jakarta
    assert (settings.working_hours.start, settings.working_hours.end) == (time(8), time(16))
    assert settings.extra_holidays == ()
    assert settings.service_area is None  # the city file's, else anywhere
    assert settings.default_language == "id"
    assert settings.superadmin_ids == ()
    assert settings.admin_chat_id is None
    assert settings.digest_time == time(8)
    assert (settings.weekly_report.day, settings.weekly_report.at) == ("mon", time(7))
    assert settings.log_level == "INFO"
    assert settings.max_concurrent_chats == 64
    assert settings.web_public_url is None  # the address each request asked for
    assert settings.evidence_fetch_loopback is False


def test_the_public_address_and_fetching_from_loopback() -> None:
    settings = load(WEB_PUBLIC_URL="https://aduan.kota.go.id/", EVIDENCE_FETCH_LOOPBACK="YES")
    assert settings.web_public_url == "https://aduan.kota.go.id"
    assert settings.evidence_fetch_loopback is True


def test_empty_values_mean_the_default() -> None:
    assert load(WORKERS="", ADMIN_CHAT_ID="  ", MODE="") == Settings()


def test_values_are_parsed_into_types() -> None:
    settings = load(
        EXTRA_HOLIDAYS="2026-12-24, 2026-06-01,2026-12-24",
        SUPERADMIN_IDS="11, 22",
        ADMIN_CHAT_ID="-1001234567890",
        WORKING_HOURS="07:30-15:30",
        WEEKLY_REPORT="FRI 16:00",
        LOG_LEVEL="debug",
        TELEGRAM_LIBRARY="aiogram",
        WEBHOOK_LISTEN="[::1]:9000",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:8081/",
    )
    assert settings.extra_holidays == (date(2026, 6, 1), date(2026, 12, 24))
    assert settings.superadmin_ids == (11, 22)
    assert settings.admin_chat_id == -1001234567890
    assert str(settings.working_hours) == "07:30-15:30"
    assert str(settings.weekly_report) == "fri 16:00"
    assert settings.log_level == "DEBUG"
    assert settings.telegram_library == "aiogram"
    assert str(settings.webhook_listen) == "[::1]:9000"
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("sqlite:///tmp/a.db", "sqlite+aiosqlite:///tmp/a.db"),
        ("postgres://u:p@db/aduan", "postgresql+asyncpg://u:p@db/aduan"),
        ("postgresql://u@db/aduan", "postgresql+asyncpg://u@db/aduan"),
        ("postgresql+asyncpg://db/aduan", "postgresql+asyncpg://db/aduan"),
    ],
)
def test_database_urls_are_normalised_to_async_drivers(url: str, normalised: str) -> None:
    assert load(DATABASE_URL=url).database_url == normalised


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        load().workers = 3  # type: ignore[misc]


BAD = [
    ("BOT_TOKEN", "not-a-token"),
    ("BOT_TOKEN", "123456:has spaces"),
    ("TELEGRAM_LIBRARY", "telethon"),
    ("TELEGRAM_API_BASE_URL", "ftp://example.org"),
    ("DATABASE_URL", "mysql://u:p@h/db"),
    ("DATABASE_URL", "aduan.db"),
    ("DATABASE_URL", "sqlite://"),
    ("DATABASE_URL", "sqlite:///:memory:"),
    ("MODE", "push"),
    ("WEBHOOK_URL", "example.org/hook"),
    ("WEBHOOK_SECRET", "has spaces"),
    ("WEBHOOK_SECRET", "x" * 257),
    ("WEBHOOK_LISTEN", "8443"),
    ("WEBHOOK_LISTEN", "0.0.0.0:99999"),
    ("METRICS_LISTEN", "9108"),
    ("WORKERS", "0"),
    ("WORKERS", "two"),
    ("TIMEZONE", "Asia/Surakarta"),
    ("WORKING_HOURS", "8-16"),
    ("WORKING_HOURS", "16:00-08:00"),
    ("WORKING_HOURS", "08:00-24:30"),
    ("EXTRA_HOLIDAYS", "2026-02-30"),
    ("EXTRA_HOLIDAYS", "20260101"),
    ("SERVICE_AREA", "110.76,-7.60,110.88"),
    ("SERVICE_AREA", "110.88,-7.60,110.76,-7.52"),
    ("SERVICE_AREA", "/no/such/area.geojson"),
    ("DEFAULT_LANGUAGE", "jv"),
    ("SUPERADMIN_IDS", "123,abc"),
    ("SUPERADMIN_IDS", "-5"),
    ("ADMIN_CHAT_ID", "admins"),
    ("ADMIN_CHAT_ID", "0"),
    ("DIGEST_TIME", "8am"),
    ("WEEKLY_REPORT", "monday 07:00"),
    ("WEEKLY_REPORT", "mon"),
    ("LOG_LEVEL", "loud"),
    ("MAX_CONCURRENT_CHATS", "-1"),
    ("EVIDENCE_STORE", "s3"),
    ("EVIDENCE_DIR", "data\0evidence"),
    ("RETENTION_UPDATES_DAYS", "0"),
    ("RETENTION_OUTBOX_DAYS", "a month"),
    ("RETENTION_PERSONAL_MONTHS", "-24"),
    ("WEB_LISTEN", "8090"),
    ("WEB_TILE_URL", "https://tiles.example.org/tile.png"),
    ("WEB_TILE_URL", "tiles/{z}/{x}/{y}.png"),
    ("WEB_TILE_ATTRIBUTION", "<img src=x onerror=alert(1)>"),
    ("WEB_CACHE_SECONDS", "-5"),
    ("WEB_PUBLIC_URL", "aduan.example.go.id"),
    ("WEB_PUBLIC_URL", "ftp://aduan.example.go.id"),
    ("EVIDENCE_FETCH_LOOPBACK", "true"),
]


@pytest.mark.parametrize(("key", "value"), BAD)
def test_a_bad_value_is_one_line_naming_its_key(key: str, value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load(**{key: value})
    message = str(caught.value)
    assert message.startswith(f"{key}: ")
    assert "\n" not in message
    assert caught.value.key == key


def test_every_key_has_a_bad_value_test() -> None:
    assert {key for key, _ in BAD} | {"WEBHOOK_URL"} >= {key for key, _, _ in Settings.describe()}


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({}, "BOT_TOKEN"),
        ({"BOT_TOKEN": TOKEN, "MODE": "webhook", "WEBHOOK_SECRET": "s"}, "WEBHOOK_URL"),
        (
            {"BOT_TOKEN": TOKEN, "MODE": "webhook", "WEBHOOK_URL": "https://x.org/h"},
            "WEBHOOK_SECRET",
        ),
        (
            {"BOT_TOKEN": TOKEN, "MODE": "webhook", "WEBHOOK_URL": "http://x.org/h"},
            "WEBHOOK_URL",
        ),
        ({"BOT_TOKEN": TOKEN, "WORKERS": "4"}, "WORKERS"),
    ],
)
def test_rules_across_keys_name_the_key_to_fix(env: dict[str, str], key: str) -> None:
    with pytest.raises(SettingsError, match=f"^{key}: "):
        Settings.load(env, require_token=True)


def test_token_is_only_required_when_asked() -> None:
    assert load().bot_token is None


def test_webhook_mode_and_several_workers_when_configured() -> None:
    settings = Settings.load(
        {
            "BOT_TOKEN": TOKEN,
            "MODE": "webhook",
            "WEBHOOK_URL": "https://aduan.surakarta.go.id/tg",
            "WEBHOOK_SECRET": "s3cr3t_-",
            "WORKERS": "4",
            "DATABASE_URL": "postgresql://aduan@db/aduan",
        },
        require_token=True,
    )
    assert (settings.mode, settings.workers, settings.is_postgres) == ("webhook", 4, True)


def test_the_emulator_may_take_plain_http_webhooks() -> None:
    settings = load(
        MODE="webhook",
        WEBHOOK_URL="http://127.0.0.1:8443/tg",
        WEBHOOK_SECRET="s",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:8081",
    )
    assert settings.webhook_url == "http://127.0.0.1:8443/tg"


def test_secrets_never_appear_in_repr_or_errors() -> None:
    settings = Settings.load(
        {
            "BOT_TOKEN": TOKEN,
            "WEBHOOK_SECRET": "webhook_secret_value",
            "DATABASE_URL": "postgresql://aduan:db_password@db/aduan",
        },
        require_token=True,
    )
    for text in (repr(settings), str(settings), settings.redacted(), str(settings.shown())):
        assert "secret_part" not in text
        assert "webhook_secret_value" not in text
        assert "db_password" not in text
    assert "BOT_TOKEN=<set>" in settings.redacted()
    for key, value in [("BOT_TOKEN", "no-colon-secret_part"), ("WEBHOOK_SECRET", "secret_part!")]:
        with pytest.raises(SettingsError) as caught:
            load(**{key: value})
        assert "secret_part" not in str(caught.value)
    with pytest.raises(SettingsError) as caught:
        load(DATABASE_URL="mysql://aduan:db_password@db/aduan")
    assert "db_password" not in str(caught.value)


def test_dotenv_is_read_but_the_real_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("WORKERS=1\nDIGEST_TIME=06:30\nLOG_LEVEL=DEBUG\n")
    for key, _, _ in Settings.describe():
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    settings = Settings.load(require_token=False, env_file=env_file)
    assert settings.digest_time == time(6, 30)
    assert settings.log_level == "WARNING"
    assert "DIGEST_TIME" not in environment(tmp_path / "missing.env")


def test_service_area_from_a_geojson_polygon_with_a_hole(tmp_path: Path) -> None:
    outer = [[110.0, -8.0], [111.0, -8.0], [111.0, -7.0], [110.0, -7.0], [110.0, -8.0]]
    hole = [[110.4, -7.6], [110.6, -7.6], [110.6, -7.4], [110.4, -7.4], [110.4, -7.6]]
    feature = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [outer, hole]}}
    path = tmp_path / "solo.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    area = load(SERVICE_AREA=str(path)).service_area
    assert area.bbox == (110.0, -8.0, 111.0, -7.0)
    assert area.contains(110.2, -7.8)
    assert not area.contains(110.5, -7.5)  # in the hole
    assert not area.contains(112.0, -7.5)
    assert str(area) == str(path)


@pytest.mark.parametrize(
    "content", ["{not json", json.dumps({"type": "Point", "coordinates": [110, -7]})]
)
def test_a_bad_geojson_file_names_the_key(tmp_path: Path, content: str) -> None:
    path = tmp_path / "area.geojson"
    path.write_text(content)
    with pytest.raises(SettingsError, match=r"^SERVICE_AREA: "):
        load(SERVICE_AREA=str(path))


def test_a_bbox_setting_contains_its_city() -> None:
    area = load(SERVICE_AREA="110.76,-7.60,110.88,-7.52").service_area
    assert area is not None
    assert area.contains(110.8247, -7.5666)  # Balai Kota Surakarta
    assert not area.contains(110.3695, -7.7956)  # Yogyakarta


@pytest.mark.parametrize(
    "url", ["postgresql://aduan:pw@db:port/aduan", "postgresql+asyncpg://aduan:pw@[::1/aduan"]
)
def test_a_malformed_database_url_names_the_key_and_hides_the_password(url: str) -> None:
    with pytest.raises(SettingsError, match=r"^DATABASE_URL: is not a valid URL") as raised:
        load(DATABASE_URL=url)
    assert "pw" not in str(raised.value)


def test_describe_documents_every_field_once() -> None:
    rows = Settings.describe()
    keys = [key for key, _, _ in rows]
    assert len(keys) == len(set(keys)) == len(dataclasses.fields(Settings))
    assert all(doc.strip() for _, _, doc in rows)


def test_env_example_lists_exactly_the_settings_with_their_defaults() -> None:
    example = dotenv_values(ROOT / ".env.example")
    assert list(example) == [key for key, _, _ in Settings.describe()]
    assert {k: v or "" for k, v in example.items()} == {k: d for k, d, _ in Settings.describe()}
    assert Settings.load({k: v or "" for k, v in example.items()}, require_token=False) == (
        Settings()
    )


def test_env_example_is_the_generated_one() -> None:
    assert (ROOT / ".env.example").read_text() == render_env_example(), (
        "regenerate with: aduan config example > .env.example"
    )


def test_markdown_table_has_a_row_per_key() -> None:
    table = render_markdown_table()
    for key, _, _ in Settings.describe():
        assert f"| `{key}` |" in table
