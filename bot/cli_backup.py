"""`aduan backup DIR` and `aduan restore DIR [--force]` (the work is in bot/backup.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli_db import CliError
from bot.settings import Settings
from domain.audit import AuditAction, Operator, record_action
from domain.clock import SystemClock

if TYPE_CHECKING:
    from bot.backup import Manifest
    from storage.database import Database


async def record_in_audit_log(
    db: Database, action: AuditAction, folder: Path, manifest: Manifest
) -> None:
    """Backups and restores are admin actions on the whole record: each enters the audit log
    (for a restore, the log of the database just restored), done by the OS user."""
    async with db.uow() as uow:
        after = {"folder": str(folder), "taken": manifest.created_at, "what": manifest.summary()}
        await record_action(
            uow, Operator.current(), action, "database", at=SystemClock().now(), after=after
        )
        await uow.commit()


async def backup_command(settings: Settings, folder: Path) -> str:
    from bot.backup import take_backup
    from bot.backup_db import BackupError
    from bot.cli_evidence import opened

    async with opened(settings) as (db, store):
        try:
            manifest = await take_backup(db, store, folder)
        except BackupError as exc:
            raise CliError(f"aduan backup: {exc}") from exc
        await record_in_audit_log(db, AuditAction.BACKUP, folder, manifest)
    return f"backup in {folder}: {manifest.summary()}"


async def restore_command(settings: Settings, folder: Path, force: bool) -> str:
    from bot.backup import restore_backup
    from bot.backup_db import BackupError
    from bot.evidence import open_evidence_store
    from storage.database import Database

    db = Database(settings.database_url)  # may be empty: no migration check here
    store = open_evidence_store(settings, db)
    try:
        manifest = await restore_backup(db, store, folder, force=force)
        await record_in_audit_log(db, AuditAction.RESTORE, folder, manifest)
    except BackupError as exc:
        raise CliError(f"aduan restore: {exc}") from exc
    finally:
        await store.close()
        await db.dispose()
    return f"restored {folder} (taken {manifest.created_at}): {manifest.summary()}; verified"


def add_parsers(commands: argparse._SubParsersAction, run_async: Callable[..., Any]) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the database and the evidence archive (while the bot runs)",
        description="Write a consistent backup into DIR (new or empty): the database "
        "(SQLite online backup, or pg_dump in custom format), the evidence files, and "
        "manifest.json with row counts and checksums. Safe while the bot runs.",
    )
    backup.add_argument("folder", metavar="DIR", type=Path)
    backup.set_defaults(handler=lambda a: run_async(a, lambda s: backup_command(s, a.folder)))
    restore = commands.add_parser(
        "restore",
        help="restore a backup into an empty database and evidence store",
        description="Check DIR against its manifest, restore it into DATABASE_URL and the "
        "evidence store, then compare every table with the manifest. Stop the bot first. "
        "Refuses a database or store that holds data, unless --force.",
    )
    restore.add_argument("folder", metavar="DIR", type=Path)
    restore.add_argument(
        "--force", action="store_true", help="overwrite a database and store that hold data"
    )
    restore.set_defaults(
        handler=lambda a: run_async(
            a, lambda s: restore_command(s, a.folder, a.force), needs_schema=False
        )
    )
