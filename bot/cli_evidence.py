"""`aduan evidence verify` and `aduan evidence backfill`: the archive's integrity and its past.

verify re-hashes every archived file the database points at and reports what is missing or
corrupt (exit 1 if anything is), plus downloads that gave up. backfill archives attachments
that predate the archive (or whose download failed): it queues them and drains the queue itself
through Telegram, with a progress bar; a running bot shares the same queue safely.

The work is in bot/archive_checks.py; heavy imports wait until a command runs, so that
`aduan --help` stays quick.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from bot.cli_db import CliError
from bot.settings import Settings

if TYPE_CHECKING:
    from domain.evidence import EvidenceStore
    from storage.database import Database


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[tuple[Database, EvidenceStore]]:
    """The settings' database (migrated to head, or a one-line error) and evidence store."""
    from bot.cli_db import database
    from bot.evidence import open_evidence_store
    from storage.database import Database

    async with database(settings):  # refuses a database that is not migrated
        pass
    db = Database(settings.database_url)
    store = open_evidence_store(settings, db)
    try:
        yield db, store
    finally:
        await store.close()
        await db.dispose()


async def verify_command(settings: Settings) -> str:
    from bot.archive_checks import verify_archive

    async with opened(settings) as (db, store):
        report = await verify_archive(db, store)
    if not report.ok:
        raise CliError(report.text())
    return report.text()


async def backfill_command(settings: Settings) -> str:
    if not settings.bot_token:
        raise CliError("BOT_TOKEN: needed to fetch the files from Telegram", code=2)
    from bot.archive_checks import backfill_archive
    from bot.gateway import make_gateway

    gateway = make_gateway(
        settings.telegram_library, settings.bot_token, settings.telegram_api_base_url
    )
    await gateway.start()
    try:
        async with opened(settings) as (db, store):
            report = await backfill_archive(db, store, gateway)
    finally:
        await gateway.close()
    if report.failed:
        raise CliError(report.text())
    return report.text()


def add_parsers(commands: argparse._SubParsersAction, run_async: Callable[..., Any]) -> None:
    evidence = commands.add_parser(
        "evidence",
        help="the evidence archive: verify it, archive older attachments",
        description="The city's copy of every photo and document (EVIDENCE_STORE).",
    )
    actions = evidence.add_subparsers(dest="evidence_action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="re-hash every archived file; exit 1 if any is missing or corrupt",
        description="Re-hash every file the database points at, report missing and corrupt "
        "ones and downloads that gave up; exit 1 if there is any.",
    )
    verify.set_defaults(handler=lambda args: run_async(args, verify_command))
    backfill = actions.add_parser(
        "backfill",
        help="archive the attachments that predate the archive (needs BOT_TOKEN)",
        description="Queue every attachment without archived bytes (and failed downloads), "
        "then download them from Telegram into the store. Safe while the bot runs.",
    )
    backfill.set_defaults(handler=lambda args: run_async(args, backfill_command))
