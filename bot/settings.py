"""Start-up configuration, read once from the environment (and `.env`).

Every setting is validated here, before anything connects anywhere, so a typo in `.env` stops
the bot with one line naming the key instead of a traceback an hour later. Each field carries
its environment key, default and description, so `.env.example` and the README's table can be
checked against this file (`Settings.describe()`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, time
from pathlib import Path

from dotenv import dotenv_values

from bot import settings_values as v
from bot.settings_values import (
    ListenAddress,
    ServiceArea,
    SettingsError,
    WeeklySlot,
    WorkingHours,
)
from domain.retention import RetentionPolicy

__all__ = [
    "ListenAddress",
    "ServiceArea",
    "Settings",
    "SettingsError",
    "WeeklySlot",
    "WorkingHours",
]


@dataclass(frozen=True, repr=False)
class Settings:
    """The bot's configuration; immutable so no component can change another's view of it."""

    bot_token: str | None = field(
        **v.setting(
            "BOT_TOKEN",
            "",
            "Bot token from @BotFather. Required by `aduan run`; never logged.",
            v.token,
            secret=True,
        )
    )
    telegram_library: str = field(
        **v.setting(
            "TELEGRAM_LIBRARY",
            "ptb",
            "Telegram library: ptb (python-telegram-bot) or aiogram.",
            v.choice("ptb", "aiogram"),
        )
    )
    telegram_api_base_url: str = field(
        **v.setting(
            "TELEGRAM_API_BASE_URL",
            v.TELEGRAM_API,
            "Bot API server; point it at the playground emulator or a local Bot API server.",
            v.http_url,
        )
    )
    database_url: str = field(
        **v.setting(
            "DATABASE_URL",
            "sqlite+aiosqlite:///./data/aduan.db",
            "sqlite:///path.db (embedded, one worker) or postgresql://user:pass@host/db.",
            v.database_url,
        )
    )
    mode: str = field(
        **v.setting(
            "MODE",
            "polling",
            "How updates arrive: polling or webhook.",
            v.choice("polling", "webhook"),
        )
    )
    webhook_url: str | None = field(
        **v.setting(
            "WEBHOOK_URL",
            "",
            "Public https:// URL Telegram posts updates to (webhook mode); served at its path.",
            v.http_url,
        )
    )
    webhook_secret: str | None = field(
        **v.setting(
            "WEBHOOK_SECRET",
            "",
            "Secret Telegram sends back in a header; required in webhook mode "
            "(1-256 of A-Za-z0-9_-).",
            v.secret,
            secret=True,
        )
    )
    webhook_listen: ListenAddress = field(
        **v.setting(
            "WEBHOOK_LISTEN",
            "127.0.0.1:8443",
            "host:port the webhook server binds to, behind your TLS reverse proxy.",
            v.listen_address,
        )
    )
    workers: int = field(
        **v.setting(
            "WORKERS", "1", "Worker processes; more than 1 needs PostgreSQL.", v.whole_number(1)
        )
    )
    metrics_listen: ListenAddress | None = field(
        **v.setting(
            "METRICS_LISTEN",
            "",
            "host:port serving Prometheus metrics at /metrics; empty: none. "
            "With WORKERS=N, worker i serves on port + i.",
            v.listen_address,
        )
    )
    timezone: str | None = field(
        **v.setting(
            "TIMEZONE",
            "",
            "City time zone for SLA working days, digests and reports; overrides the city "
            f"file's [city] timezone. Empty: the city file's, else {v.DEFAULT_TIMEZONE}.",
            v.timezone,
        )
    )
    working_hours: WorkingHours = field(
        **v.setting(
            "WORKING_HOURS",
            "08:00-16:00",
            "Office hours (Mon-Fri) the SLA calendar counts.",
            v.working_hours,
        )
    )
    extra_holidays: tuple[date, ...] = field(
        **v.setting(
            "EXTRA_HOLIDAYS",
            "",
            "Extra days off (YYYY-MM-DD, comma-separated), e.g. cuti bersama, on top of national "
            "public holidays.",
            v.dates,
            empty=(),
        )
    )
    service_area: ServiceArea | None = field(
        **v.setting(
            "SERVICE_AREA",
            "",
            "Where complaints are expected: a GeoJSON polygon file or a bbox "
            "'minlon,minlat,maxlon,maxlat'; overrides the city file's [city.service_area]. "
            "Empty: the city file's, else any location is accepted.",
            v.service_area,
        )
    )
    default_language: str = field(
        **v.setting(
            "DEFAULT_LANGUAGE",
            "id",
            "Language when Telegram does not tell: id or en.",
            v.choice("id", "en"),
        )
    )
    superadmin_ids: tuple[int, ...] = field(
        **v.setting(
            "SUPERADMIN_IDS",
            "",
            "Telegram user ids that are always superadmins (comma-separated).",
            v.int_list,
            empty=(),
        )
    )
    admin_chat_id: int | None = field(
        **v.setting(
            "ADMIN_CHAT_ID",
            "",
            "The complaint unit's admin group chat id (a negative number).",
            v.nonzero_int,
        )
    )
    digest_time: time = field(
        **v.setting(
            "DIGEST_TIME",
            "08:00",
            "When the daily digest goes out (HH:MM, city time).",
            v.clock_time,
        )
    )
    weekly_report: WeeklySlot = field(
        **v.setting(
            "WEEKLY_REPORT",
            "mon 07:00",
            "When the weekly report goes out (weekday HH:MM).",
            v.weekly_slot,
        )
    )
    log_level: str = field(
        **v.setting("LOG_LEVEL", "INFO", f"Log level: {', '.join(v.LOG_LEVELS)}.", v.log_level)
    )
    web_listen: ListenAddress = field(
        **v.setting(
            "WEB_LISTEN",
            "127.0.0.1:8090",
            "host:port `aduan web` (the public site and Open311 API) binds to, behind your TLS "
            "reverse proxy.",
            v.listen_address,
        )
    )
    web_tile_url: str = field(
        **v.setting(
            "WEB_TILE_URL",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "Map tiles of the public site's maps ({z}/{x}/{y} template); OpenStreetMap's by "
            "default, mind its usage policy.",
            v.tile_url,
        )
    )
    web_tile_attribution: str = field(
        **v.setting(
            "WEB_TILE_ATTRIBUTION",
            "© OpenStreetMap contributors",
            "Attribution shown on the public site's maps for WEB_TILE_URL (plain text).",
            v.plain_text,
        )
    )
    web_cache_seconds: int = field(
        **v.setting(
            "WEB_CACHE_SECONDS",
            "30",
            "Cache-Control max-age of the public site's pages and API answers (0: revalidate).",
            v.whole_number(0),
        )
    )
    web_public_url: str | None = field(
        **v.setting(
            "WEB_PUBLIC_URL",
            "",
            "The public site's address as the public reaches it (https://aduan.example.go.id), "
            "for absolute links such as Open311's media_url; unset: the address asked for.",
            v.http_url,
        )
    )
    max_concurrent_chats: int = field(
        **v.setting(
            "MAX_CONCURRENT_CHATS",
            "64",
            "Chats one worker handles at the same time.",
            v.whole_number(1),
        )
    )
    evidence_store: str = field(
        **v.setting(
            "EVIDENCE_STORE",
            "folder",
            "Where the city keeps every photo and document: folder (EVIDENCE_DIR, one host) or "
            "database (in the database itself, for several hosts without a shared disk).",
            v.choice("folder", "database"),
        )
    )
    evidence_dir: str = field(
        **v.setting(
            "EVIDENCE_DIR",
            "data/evidence",
            "The evidence folder (EVIDENCE_STORE=folder); back it up with `aduan backup`.",
            v.folder,
        )
    )
    evidence_fetch_loopback: bool = field(
        **v.setting(
            "EVIDENCE_FETCH_LOOPBACK",
            "no",
            "yes: photos named by URL (Open311 media_url) may be fetched from 127.0.0.1 or ::1 "
            "(tests, one-host setups). Private and link-local addresses are always refused.",
            v.yes_no,
        )
    )

    retention_updates_days: int = field(
        **v.setting(
            "RETENTION_UPDATES_DAYS",
            "7",
            "Days a handled raw update (sender, text, location) is kept.",
            v.whole_number(1),
        )
    )
    retention_outbox_days: int = field(
        **v.setting(
            "RETENTION_OUTBOX_DAYS", "30", "Days a sent message is kept.", v.whole_number(1)
        )
    )
    retention_personal_months: int = field(
        **v.setting(
            "RETENTION_PERSONAL_MONTHS",
            "24",
            "Months after a complaint is finished until its personal data is erased "
            "(statistics stay); every period: domain/retention.py.",
            v.whole_number(1),
        )
    )

    @property
    def retention(self) -> RetentionPolicy:
        return RetentionPolicy(
            updates_days=self.retention_updates_days,
            outbox_days=self.retention_outbox_days,
            personal_months=self.retention_personal_months,
        )

    @classmethod
    def load(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        require_token: bool,
        env_file: str | Path | None = ".env",
    ) -> Settings:
        """Read `env` (default: `env_file` under the real environment, which wins)."""
        if env is None:
            env = environment(env_file)
        values = {}
        for f in fields(cls):
            raw = (env.get(f.metadata["key"]) or "").strip()
            values[f.name] = f.metadata["parse"](f.metadata["key"], raw) if raw else f.default
        settings = cls(**values)
        settings._check_together(require_token=require_token)
        return settings

    def _check_together(self, *, require_token: bool) -> None:
        """Rules that involve more than one key."""
        if require_token and not self.bot_token:
            raise SettingsError("BOT_TOKEN", "missing; get one from @BotFather and put it in .env")
        if self.mode == "webhook":
            if not self.webhook_url:
                raise SettingsError("WEBHOOK_URL", "required when MODE=webhook")
            if self.telegram_api_base_url == v.TELEGRAM_API and not self.webhook_url.startswith(
                "https://"
            ):
                raise SettingsError("WEBHOOK_URL", "must be https:// (Telegram only posts there)")
            if not self.webhook_secret:
                raise SettingsError("WEBHOOK_SECRET", "required when MODE=webhook")
        if self.workers > 1 and not self.is_postgres:
            raise SettingsError(
                "WORKERS", f"{self.workers} needs PostgreSQL (SQLite has one writer); use 1"
            )

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(KEY, default as written in .env, description) per setting, in file order."""
        return [(f.metadata["key"], f.metadata["default"], f.metadata["doc"]) for f in fields(cls)]

    def shown(self) -> list[tuple[str, str]]:
        """(KEY, value as text) with secrets replaced, for logs and `aduan config show`."""
        return [(f.metadata["key"], self._show(f.name, f.metadata["secret"])) for f in fields(self)]

    def _show(self, name: str, secret: bool) -> str:
        value = getattr(self, name)
        if secret:
            return "<set>" if value else "<unset>"
        if name == "database_url":
            return v.hide_password(value)
        return v.as_text(value)

    def redacted(self) -> str:
        return "Settings(" + ", ".join(f"{key}={value}" for key, value in self.shown()) + ")"

    __repr__ = redacted
    __str__ = redacted


def environment(env_file: str | Path | None = ".env") -> dict[str, str]:
    """`.env` values under the real environment: a variable set by the service manager wins."""
    from_file = dotenv_values(env_file) if env_file and Path(env_file).is_file() else {}
    merged = {key: value for key, value in from_file.items() if value is not None}
    merged.update(os.environ)
    return merged
