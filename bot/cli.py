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

from bot import cli_config, cli_db, cli_web
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


def _run_async(args: argparse.Namespace, command: Callable[[Settings], Awaitable[str]]) -> int:
    """Load settings (no token needed), run one async command, print what it reports."""
    settings = Settings.load(require_token=False, env_file=args.env_file)
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    if settings.log_level != "DEBUG":  # Alembic's INFO lines repeat what the command prints
        logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        print(asyncio.run(command(settings)))
    except (SettingsError, SeedError, CliError):
        raise
    except Exception as exc:  # the database said no: one line, the URL's password never shown
        raise CliError(f"aduan {args.command}: {_one_line(exc)}") from exc
    return 0


def _run_bot(args: argparse.Namespace) -> int:
    env = environment(args.env_file)
    if args.webhook:
        env |= {"MODE": "webhook", "WEBHOOK_URL": args.webhook}
    if args.workers is not None:
        env["WORKERS"] = str(args.workers)
    settings = Settings.load(env, require_token=True)
    from bot.app import run  # imported here: the other commands need no Telegram library

    # `run` says 1 when a worker process died: a supervisor must see that, not a clean exit.
    return run(settings)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def _version() -> str:
    try:
        return version("aduan")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
