"""`aduan web`, `aduan apikey add|revoke|list` and `aduan poster`: the public side's commands."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from bot.cli_db import CliError
from bot.settings import Settings, environment

log = logging.getLogger("aduan.audit")

RunAsync = Callable[[argparse.Namespace, Callable[[Settings], Awaitable[str]]], int]


def add_parsers(commands: argparse._SubParsersAction, run_async: RunAsync) -> None:
    web = commands.add_parser(
        "web",
        help="serve the public site and the Open311 API",
        description="Serve the public dashboard, agency league table, complaints map and the "
        "Open311 GeoReport v2 API on WEB_LISTEN (stateless: run several behind a balancer).",
    )
    web.set_defaults(handler=_web)

    keys = commands.add_parser(
        "apikey",
        help="manage Open311 API keys (POST requests)",
        description="API keys let a city's web form, call centre or a bridge to SP4N-LAPOR! "
        "file complaints through the Open311 API. Keys are stored hashed: a new key is shown "
        "once.",
    )
    actions = keys.add_subparsers(dest="apikey_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a key for a client and print it once")
    add.add_argument("name", help="the client, e.g. webform or lapor-bridge")
    add.set_defaults(handler=lambda args: run_async(args, lambda s: _add_key(s, args.name)))
    revoke = actions.add_parser("revoke", help="stop a client's key from working")
    revoke.add_argument("name")
    revoke.set_defaults(handler=lambda args: run_async(args, lambda s: _revoke_key(s, args.name)))
    listing = actions.add_parser("list", help="list the clients and their keys' state")
    listing.set_defaults(handler=lambda args: run_async(args, _list_keys))

    poster = commands.add_parser(
        "poster",
        help="make an A4 QR poster (PDF or PNG) that opens the bot",
        description="An A4 poster with the city's name, three short steps and a QR code of "
        "the bot's deep link (https://t.me/<bot>?start=c_<category> with --category).",
    )
    poster.add_argument("--category", metavar="CODE", help="start complaints in this category")
    poster.add_argument("--lang", choices=("id", "en"), default="id")
    poster.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.png")
    poster.add_argument("--bot", metavar="USERNAME", help="the bot's username (default: getMe)")
    poster.set_defaults(handler=lambda args: run_async(args, lambda s: _poster(s, args)))


def _web(args: argparse.Namespace) -> int:
    from web.config import WebConfig
    from web.server import run

    settings = Settings.load(environment(args.env_file), require_token=False)
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    return run(settings.database_url, WebConfig.from_settings(settings), settings.log_level)


async def _with_uow(settings: Settings, work: Callable[[Any], Awaitable[str]]) -> str:
    from storage.database import Database

    db = Database(settings.database_url)
    try:
        async with db.uow() as uow:
            result = await work(uow)
            await uow.commit()
        return result
    finally:
        await db.dispose()


async def audit_apikey_change(uow: Any, action: str, name: str) -> None:
    """THE place an API key change is audited (`apikey.add`, `apikey.revoke`), in the same
    transaction as the change. Until the audit_log table exists it goes to the audit logger;
    the audit-log port takes over here."""
    log.info("%s %s", action, name)


async def _add_key(settings: Settings, name: str) -> str:
    from storage.queries.open311 import ApiKeyError, add_key

    name = name.strip()
    if not name or len(name) > 60:
        raise CliError("aduan apikey add: the name must be 1 to 60 characters", 2)

    async def work(uow: Any) -> str:
        try:
            key = await add_key(uow, name)
        except ApiKeyError as exc:
            raise CliError(f"aduan apikey add: {exc}", 1) from None
        await audit_apikey_change(uow, "apikey.add", name)
        return f"API key for {name} (shown once, store it now):\n{key}"

    return await _with_uow(settings, work)


async def _revoke_key(settings: Settings, name: str) -> str:
    from storage.queries.open311 import ApiKeyError, revoke_key

    async def work(uow: Any) -> str:
        try:
            await revoke_key(uow, name)
        except ApiKeyError as exc:
            raise CliError(f"aduan apikey revoke: {exc}", 1) from None
        await audit_apikey_change(uow, "apikey.revoke", name)
        return f"API key of {name} revoked"

    return await _with_uow(settings, work)


async def _list_keys(settings: Settings) -> str:
    from storage.queries.open311 import list_keys

    async def work(uow: Any) -> str:
        keys = await list_keys(uow)
        if not keys:
            return "no API keys"
        lines = []
        for k in keys:
            state = f"revoked {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "live"
            used = f"last used {k.last_used_at:%Y-%m-%d %H:%M}" if k.last_used_at else "never used"
            lines.append(f"{k.name}\t{state}\tcreated {k.created_at:%Y-%m-%d}\t{used}")
        return "\n".join(lines)

    return await _with_uow(settings, work)


def bot_username(settings: Settings) -> str:
    """The bot's username, asked of the Bot API (getMe) with BOT_TOKEN."""
    if not settings.bot_token:
        raise CliError("aduan poster: pass --bot USERNAME, or set BOT_TOKEN to ask Telegram", 2)
    url = f"{settings.telegram_api_base_url}/bot{settings.bot_token}/getMe"
    try:
        answer = httpx.get(url, timeout=10).json()
    except (httpx.HTTPError, ValueError) as exc:
        raise CliError(f"aduan poster: getMe failed ({type(exc).__name__})", 1) from None
    if not answer.get("ok"):
        raise CliError("aduan poster: Telegram refused BOT_TOKEN (getMe)", 1)
    return str(answer["result"]["username"])


async def _poster(settings: Settings, args: argparse.Namespace) -> str:
    from storage.database import Database
    from web.poster import PosterError, poster_for

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise CliError("aduan poster: --out must end in .pdf or .png", 2)
    bot = args.bot or await asyncio.to_thread(bot_username, settings)
    db = Database(settings.database_url)
    try:
        async with db.uow(read_only=True) as uow:
            poster = await poster_for(uow, bot, args.category, args.lang)
    except PosterError as exc:
        raise CliError(f"aduan poster: {exc}", 2) from None
    finally:
        await db.dispose()
    data = await asyncio.to_thread(poster.pdf if suffix == ".pdf" else poster.png)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    return f"poster for {poster.link} written to {args.out}"
