"""The smallest conversation: /ping proves the whole path works (/start is the citizen's:
handlers/citizen/menu.py)."""

from __future__ import annotations

from handlers.router import Router
from handlers.turn import Turn

router = Router()


@router.command("ping")
@router.command("ping", private=False)
async def ping(turn: Turn) -> None:
    await turn.say(turn.chat_t("ping-pong"))
