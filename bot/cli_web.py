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
from bot.settings import Settings
from domain.audit import AuditAction, Operator, record_action
from domain.clock import SystemClock

RunAsync = Callable[[argparse.Namespace, Callable[[Settings], Awaitable[str]]], int]


def add_parsers(commands: argparse._SubParsersAction, run_async: RunAsync) -> None:
    web = commands.add_parser(
        "web",
        help="serve the public site and the Open311 API",
        description="Serve the public dashboard, agency league table, complaints map and the "
        "Open311 GeoReport v2 API on WEB_LISTEN (stateless: run several behind a balancer).",
    )
    web.set_defaults(handler=lambda args: run_async(args, _serve_site))

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


async def _serve_site(settings: Settings) -> str:
    """Serve until Ctrl-C or SIGTERM, with the city's zone as the bot uses it (`settings` come
    from the CLI guard, which also checked the database is there and set up)."""
    from web.config import WebConfig
    from web.server import serve

    config = WebConfig.from_settings(settings)
    logging.getLogger(__name__).info("public site on %s:%s", config.host, config.port)
    await serve(settings.database_url, config, settings.log_level)
    return "public site stopped"


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


async def audit_apikey_change(uow: Any, action: AuditAction, name: str) -> None:
    """An API key change is audited in the same transaction as the change, by the OS user."""
    await record_action(uow, Operator.current(), action, f"apikey:{name}", at=SystemClock().now())


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
        await audit_apikey_change(uow, AuditAction.APIKEY_ADD, name)
        return f"API key for {name} (shown once, store it now):\n{key}"

    return await _with_uow(settings, work)


async def _revoke_key(settings: Settings, name: str) -> str:
    from storage.queries.open311 import ApiKeyError, revoke_key

    async def work(uow: Any) -> str:
        try:
            await revoke_key(uow, name)
        except ApiKeyError as exc:
            raise CliError(f"aduan apikey revoke: {exc}", 1) from None
        await audit_apikey_change(uow, AuditAction.APIKEY_REVOKE, name)
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
