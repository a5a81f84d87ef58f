"""What stands between every `aduan` command and the database: one place that checks it is
there, reachable and set up, and turns every way it is not into one line that says what to do.

A newcomer's first `aduan report` meets an empty file, a PostgreSQL that is not running, or a
typo in DATABASE_URL. Each gets one sentence naming the database (never its password) and
the command or setting that fixes it, instead of a driver's traceback.
"""

from __future__ import annotations

import socket
from pathlib import Path

from bot.city_settings import CitySettings, read_city
from bot.cli_db import CliError
from bot.settings import Settings

UPGRADE = "run `aduan db upgrade` first"


async def ready(settings: Settings, command: str, *, apply_city: bool = True) -> Settings:
    """Check that the database answers and is migrated to the code's revision; return the
    settings with the city file's time zone and service area applied (`apply_city`)."""
    from storage import migrate

    path = sqlite_path(settings.database_url)
    if path is not None and not path.exists():
        raise CliError(f"aduan {command}: there is no database at {path} yet; {UPGRADE}")
    at, head = await migrate.current(settings.database_url), head_revision()
    if at != head:
        where = describe(settings.database_url)
        if at is None:
            raise CliError(f"aduan {command}: the database {where} is not set up yet; {UPGRADE}")
        if at not in known_revisions():
            raise CliError(
                f"aduan {command}: the database {where} is at revision {at}, newer than this "
                "aduan knows; install the matching version of aduan"
            )
        raise CliError(
            f"aduan {command}: the database {where} is at revision {at}, this aduan needs "
            f"{head}; {UPGRADE}"
        )
    if not apply_city:
        return settings
    return (await city_of(settings)).apply(settings)


async def city_of(settings: Settings) -> CitySettings:
    """The effective city values (call `ready` first: this expects the tables)."""
    from storage.database import Database

    db = Database(settings.database_url)
    try:
        return await read_city(settings, db)
    finally:
        await db.dispose()


def explain(exc: BaseException, settings: Settings, command: str) -> CliError:
    """The one line an operator reads for a database failure (anything else: its first line)."""
    where = describe(settings.database_url)
    reason = _first_line(exc)
    if _is_missing_table(exc):
        return CliError(f"aduan {command}: the database {where} is not set up yet; {UPGRADE}")
    name = type(exc).__name__
    if name == "InvalidCatalogNameError":  # asyncpg: the database itself does not exist
        return CliError(
            f"aduan {command}: {reason} at {where}; create it (createdb) or fix DATABASE_URL"
        )
    if name in ("InvalidPasswordError", "InvalidAuthorizationSpecificationError"):
        return CliError(
            f"aduan {command}: the database {where} refused the login ({reason}); "
            "check the user and password in DATABASE_URL"
        )
    if sqlite_path(settings.database_url) is not None and _is_sqlite_open_error(exc):
        return CliError(
            f"aduan {command}: cannot open the SQLite file {where} ({reason}); "
            "check DATABASE_URL and the folder's permissions"
        )
    if isinstance(exc, socket.gaierror):
        return CliError(
            f"aduan {command}: cannot find the database host of {where} ({reason}); "
            "check the host name in DATABASE_URL"
        )
    if isinstance(exc, OSError | TimeoutError):
        if isinstance(exc, ConnectionRefusedError):
            reason = "connection refused"
        elif isinstance(exc, TimeoutError):
            reason = "no answer"
        return CliError(
            f"aduan {command}: cannot reach the database at {where} ({reason or name}); "
            "check that PostgreSQL is running and DATABASE_URL is right"
        )
    return CliError(f"aduan {command}: {name}: {reason}".rstrip(": "))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (settings normalise it to sqlite+aiosqlite:///...)."""
    prefix = "sqlite+aiosqlite:///"
    if not url.startswith(prefix):
        return None
    return Path(url[len(prefix) :].split("?", 1)[0])


def describe(url: str) -> str:
    """Where the database is, for a message: the file, or host:port/name (no user, no pass)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else ""
    # SQLAlchemy wraps driver errors as "(module.Error) message": keep the message.
    if text.startswith("(") and ") " in text:
        text = text.split(") ", 1)[1]
    return text


def _causes(exc: BaseException) -> list[BaseException]:
    chain, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or getattr(current, "orig", None) or current.__context__
    return chain


def _is_missing_table(exc: BaseException) -> bool:
    for cause in _causes(exc):
        text = str(cause)
        if type(cause).__name__ == "UndefinedTableError" or "no such table" in text:
            return True
    return False


def _is_sqlite_open_error(exc: BaseException) -> bool:
    return any(
        isinstance(cause, OSError) or "unable to open database file" in str(cause)
        for cause in _causes(exc)
    )
