"""Telegram gateways: the only place that imports a Telegram library.

`make_gateway` imports the chosen library lazily, so running on one library never pays for
importing the other.
"""

from __future__ import annotations

from typing import Literal

from bot.gateway.protocol import BotInfo, CommandScope, RawUpdate, TelegramGateway

Library = Literal["ptb", "aiogram"]
LIBRARIES: tuple[Library, ...] = ("ptb", "aiogram")

__all__ = [
    "LIBRARIES",
    "BotInfo",
    "CommandScope",
    "Library",
    "RawUpdate",
    "TelegramGateway",
    "make_gateway",
]


def make_gateway(
    library: Library,
    token: str,
    base_url: str = "https://api.telegram.org",
    *,
    bot_username: str | None = None,
    request_timeout: float = 15.0,
) -> TelegramGateway:
    """Build the gateway named by TELEGRAM_LIBRARY.

    `bot_username` lets `parse` recognise `/cmd@us` before `start()` has asked getMe
    (tests, re-parsing the inbox offline); `start()` fills it in otherwise.
    `request_timeout` bounds every call except the long poll, which waits its own timeout
    plus a margin.
    """
    if library == "ptb":
        from bot.gateway.ptb import PtbGateway

        return PtbGateway(
            token, base_url, bot_username=bot_username, request_timeout=request_timeout
        )
    if library == "aiogram":
        from bot.gateway.aiogram import AiogramGateway

        return AiogramGateway(
            token, base_url, bot_username=bot_username, request_timeout=request_timeout
        )
    raise ValueError(f"TELEGRAM_LIBRARY must be 'ptb' or 'aiogram', not {library!r}")
