"""/help in staff groups: what the buttons and replies do, and the commands for this role."""

from __future__ import annotations

from domain.roles import STAFF_ROLES, UNIT_ROLES
from handlers.router import Router
from handlers.staff.access import identify
from handlers.staff.talk import st
from handlers.turn import Turn

router = Router()


@router.command("help", private=False)
async def group_help(turn: Turn) -> None:
    person = await identify(turn)
    if person.has(UNIT_ROLES):
        await turn.say(st(turn, "staff-help-unit"))
    elif person.has(STAFF_ROLES):
        await turn.say(st(turn, "staff-help-agency"))
    else:
        await turn.say(st(turn, "staff-help-other"))
