"""The smallest conversations: /start greets, /ping proves the whole path works."""

from __future__ import annotations

from handlers.router import Router
from handlers.turn import Turn

router = Router()


@router.command("start")
async def start(turn: Turn) -> None:
    user = turn.incoming.user
    name = user.first_name if user else ""
    await turn.say(turn.t("start-greeting", name=name, city=turn.city.name))


@router.command("ping")
@router.command("ping", private=False)
async def ping(turn: Turn) -> None:
    await turn.say(turn.t("ping-pong"))
