"""The CLI commands that touch the database: `db upgrade`, `seed` and `admin`.

They run before the bot exists (a fresh install has no admin to click anything), so they work
straight on the unit of work. Failures an operator can fix become `CliError`: one line, no
traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.settings import Settings
from domain.clock import SystemClock
from domain.model import Staff
from domain.ports import UnitOfWork
from domain.roles import UNIT_ROLES, Role


class CliError(Exception):
    """A failure the operator can fix; printed as one line, exiting with `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[Callable[[], UnitOfWork]]:
    """A unit-of-work factory over a migrated database, closed afterwards."""
    from storage import migrate  # lazily: `aduan --help` needs no SQLAlchemy
    from storage.database import Database

    at, head = await migrate.current(settings.database_url), _head_revision()
    if at != head:
        state = "is empty" if at is None else f"is at revision {at}, not {head}"
        raise CliError(f"the database {state}; run `aduan db upgrade` first")
    db = Database(settings.database_url)
    try:
        yield db.uow
    finally:
        await db.dispose()


def _head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def db_upgrade(settings: Settings) -> str:
    """Migrate to head (creating a SQLite file and its folder); report where it ended."""
    from storage import migrate

    before = await migrate.current(settings.database_url)
    await migrate.upgrade(settings.database_url)
    after = await migrate.current(settings.database_url)
    if before == after:
        return f"database already at revision {after} (head)"
    return f"database upgraded from {before or 'empty'} to revision {after} (head)"


async def seed(settings: Settings, path: str) -> str:
    """Validate the whole file first (SeedError leaves the database untouched), then write."""
    from storage.seed import load_city_file, seed_city

    city = load_city_file(path)
    async with database(settings) as uow_factory:
        report = await seed_city(uow_factory, city)
    sla = ", ".join(f"{stage} {value}" for stage, value in city.sla.items())
    return (
        f"Seeded {city.name} from {path}:\n"
        f"  agencies    {report.agencies}\n"
        f"  categories  {report.categories}\n"
        f"  templates   {report.templates}\n"
        f"  SLA         {sla}"
    )


async def add_admin(
    uow_factory: Callable[[], UnitOfWork], telegram_id: int, *, superadmin: bool, name: str | None
) -> str:
    """Create or promote a complaint-unit admin: how a fresh install gets its first admin."""
    role = Role.SUPERADMIN if superadmin else Role.ADMIN
    async with uow_factory() as uow:
        unit = await uow.agencies.complaint_unit()
        if unit is None or unit.id is None:
            raise CliError("admin add: no complaint unit yet; run `aduan seed CITY.toml` first")
        staff = await uow.staff.get_by_telegram_id(telegram_id)
        if staff is None:
            staff = Staff(
                telegram_id=telegram_id,
                name=name or f"Admin {telegram_id}",
                role=role,
                created_at=SystemClock().now(),
                agency_id=unit.id,
                chat_id=telegram_id,  # a user's private chat id is their user id
            )
            await uow.staff.add(staff)
            verb = "added"
        else:
            before = f"{staff.role.value}{'' if staff.active else ', inactive'}"
            staff.role, staff.agency_id, staff.active = role, unit.id, True
            staff.name = name or staff.name
            staff.chat_id = staff.chat_id or telegram_id
            await uow.staff.save(staff)
            verb = f"updated (was {before})"
        await uow.commit()
    return f"{verb}: {telegram_id} {staff.name!r} is {role.value} of {unit.name}"


async def list_admins(uow_factory: Callable[[], UnitOfWork]) -> str:
    async with uow_factory() as uow:
        unit = await uow.agencies.complaint_unit()
        if unit is None:
            raise CliError("admin list: no complaint unit yet; run `aduan seed CITY.toml` first")
        staff = await uow.staff.list(agency_id=unit.id, roles=UNIT_ROLES)
    if not staff:
        return f"{unit.name} has no admins yet; add one with `aduan admin add TELEGRAM_ID --super`"
    return "\n".join(f"{s.telegram_id}\t{s.role.value}\t{s.name}" for s in staff)


def add_parsers(commands: argparse._SubParsersAction, run_async: Callable[..., Any]) -> None:
    """`db`, `seed` and `admin`; `run_async(args, coroutine_factory)` runs one with settings."""
    db = commands.add_parser("db", help="database schema", description="Manage the schema.")
    db_actions = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    upgrade = db_actions.add_parser(
        "upgrade",
        help="migrate the database to the latest schema",
        description="Run Alembic migrations up to head on DATABASE_URL (creating a SQLite "
        "file and its folder if needed) and print the revision. Safe to run on every deploy.",
    )
    upgrade.set_defaults(handler=lambda args: run_async(args, lambda s: db_upgrade(s)))

    seed_cmd = commands.add_parser(
        "seed",
        help="load a city's agencies, categories, SLA and templates from a TOML file",
        description="Validate FILE completely, then upsert its agencies, categories and "
        "templates by code in one transaction. Re-running updates rows, never duplicates or "
        "deletes them. See examples/surakarta.toml.",
    )
    seed_cmd.add_argument("file", metavar="FILE", help="city file, e.g. examples/surakarta.toml")
    seed_cmd.set_defaults(handler=lambda args: run_async(args, lambda s: seed(s, args.file)))

    admin = commands.add_parser(
        "admin", help="manage complaint-unit admins", description="Manage complaint-unit admins."
    )
    admin_actions = admin.add_subparsers(dest="admin_action", metavar="ACTION", required=True)
    add = admin_actions.add_parser(
        "add",
        help="make a Telegram user an admin (or superadmin) of the complaint unit",
        description="Create or update the staff record of TELEGRAM_ID as an admin of the "
        "complaint unit. Needs `aduan seed` to have run. Find your id by messaging @userinfobot.",
    )
    add.add_argument("telegram_id", metavar="TELEGRAM_ID", type=_user_id, help="Telegram user id")
    add.add_argument("--super", action="store_true", help="superadmin: may manage admins too")
    add.add_argument("--name", help="display name (default: 'Admin <id>')")
    add.set_defaults(handler=lambda args: run_async(args, lambda s: _add_admin(s, args)))
    listing = admin_actions.add_parser("list", help="list the complaint unit's admins")
    listing.set_defaults(handler=lambda args: run_async(args, _list_admins))


async def _add_admin(settings: Settings, args: argparse.Namespace) -> str:
    async with database(settings) as uow_factory:
        return await add_admin(uow_factory, args.telegram_id, superadmin=args.super, name=args.name)


async def _list_admins(settings: Settings) -> str:
    async with database(settings) as uow_factory:
        return await list_admins(uow_factory)


def _user_id(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a Telegram user id (a positive number)")
    return int(text)
