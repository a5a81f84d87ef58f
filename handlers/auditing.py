"""Recording staff actions in the admin audit log from a handler (see domain.audit).

Each staff command calls `audit` once it has done its work, in the same unit of work, so the
action and its record commit together. A command refused for lack of a role is recorded too
(`audit_refusal`): the refusal text promises that the attempt has been recorded.
"""

from __future__ import annotations

from typing import Any

from domain.audit import AuditAction, record_action
from domain.roles import Role
from domain.usecases import Actor
from handlers.turn import Turn

COMMAND_REFUSED = "command.refused"


async def audit(
    turn: Turn,
    actor: Actor,
    action: AuditAction | str,
    target: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    await record_action(
        turn.uow, actor, action, target, at=turn.life.now(), before=before, after=after
    )


async def audit_refusal(turn: Turn, actor: Actor | None, command: str, target: str = "") -> None:
    """Someone without the role tried a staff command. A stranger is recorded as a citizen
    without id: the log keeps no Telegram id or name of a member of the public."""
    who = actor or Actor(Role.CITIZEN, None)
    where = "private" if turn.incoming.is_private else "group"
    await audit(
        turn,
        who,
        COMMAND_REFUSED,
        target or f"command:{command}",
        after={"command": command, "chat": where},
    )
