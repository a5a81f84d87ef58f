"""`aduan`: the operator's command line (install, seed a city, add the first admin, run).

Every command validates the settings first and reports a bad one as a single line naming the key
(exit 2), because whoever runs this is configuring a server, not debugging Python.
Exit codes: 0 done, 1 failed (e.g. the database is unreachable or not seeded yet), 2 bad
configuration, city file or arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from importlib.metadata import PackageNotFoundError, version

from bot import cli_audit, cli_backup, cli_config, cli_db, cli_evidence, cli_guard, cli_web
from bot.cli_db import CliError
from bot.settings import Settings, SettingsError, environment
from scheduler import cli as scheduler_cli
from storage.seed_file import SeedError

EPILOG = """\
first start:
  cp .env.example .env            # set BOT_TOKEN
  aduan db upgrade
  aduan seed examples/surakarta.toml
  aduan admin add YOUR_TELEGRAM_ID --super
  aduan run
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aduan",
        description="aduan: a Telegram complaint service for city governments.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--env-file",
        default=".env",
        metavar="PATH",
        help="settings file read under the real environment (default: ./.env)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cli_db.add_parsers(commands, _run_async)
    run = commands.add_parser(
        "run",
        help="start the bot",
        description="Start the bot with the settings from .env and the environment. "
        "BOT_TOKEN is required. SIGTERM drains in-flight work and stops.",
    )
    run.add_argument("--webhook", metavar="URL", help="webhook mode at this public https:// URL")
    run.add_argument("--workers", metavar="N", type=int, help="worker processes (PostgreSQL)")
    run.set_defaults(handler=_run_bot)
    cli_config.add_parser(commands)
    scheduler_cli.add_parsers(commands, _run_async)
    cli_audit.add_parsers(commands, _run_async)
    cli_evidence.add_parsers(commands, _run_async)
    cli_backup.add_parsers(commands, _run_async)
    cli_web.add_parsers(commands, _run_async)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (SettingsError, SeedError) as exc:
        print(exc, file=sys.stderr)
        return 2
    except CliError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `aduan config show | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (silence the flush at exit)
        return 1


def _run_async(
    args: argparse.Namespace,
    command: Callable[[Settings], Awaitable[str]],
    *,
    needs_schema: bool = True,
) -> int:
    """Load settings (no token needed), run one async command, print what it reports.

    The one wrapper every database command goes through: unless the command sets the schema
    up itself (`needs_schema=False`), the database must answer and be migrated first, and the
    command gets the settings with the city file's time zone and area applied. Any database
    failure, before or during the command, becomes one line saying what to do (cli_guard).
    """
    settings = Settings.load(require_token=False, env_file=args.env_file)
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    if settings.log_level != "DEBUG":  # Alembic's INFO lines repeat what the command prints
        logging.getLogger("alembic").setLevel(logging.WARNING)
    name = command_name(args)

    async def guarded() -> str:
        ready = await cli_guard.ready(settings, name) if needs_schema else settings
        return await command(ready)

    try:
        print(asyncio.run(guarded()))
    except (SettingsError, SeedError, CliError):
        raise
    except Exception as exc:  # the database said no: one line, the URL's password never shown
        raise cli_guard.explain(exc, settings, name) from exc
    return 0


def command_name(args: argparse.Namespace) -> str:
    """`report`, `db upgrade`, `admin add`: how the operator typed it, for messages."""
    action = next(
        (value for key, value in vars(args).items() if key.endswith("_action") and value), None
    )
    return f"{args.command} {action}" if action else str(args.command)


def _run_bot(args: argparse.Namespace) -> int:
    env = environment(args.env_file)
    if args.webhook:
        env |= {"MODE": "webhook", "WEBHOOK_URL": args.webhook}
    if args.workers is not None:
        env["WORKERS"] = str(args.workers)
    settings = Settings.load(env, require_token=True)
    try:  # the bot reads the city file itself (and follows a re-seed): only check here
        asyncio.run(cli_guard.ready(settings, "run", apply_city=False))
    except (SettingsError, CliError):
        raise
    except Exception as exc:
        raise cli_guard.explain(exc, settings, "run") from exc
    from bot.app import run  # imported here: the other commands need no Telegram library

    # `run` says 1 when a worker crash-loops: the process manager must see that and restart.
    return run(settings)


def _version() -> str:
    try:
        return version("aduan")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
