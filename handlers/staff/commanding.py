"""The shape every staff slash command shares: who may run it, where, and how it explains
itself.

Each command is checked against the sender's role in the database (never the chat it comes
from), runs in a private chat or in the complaint unit's group, shows its usage when called
without arguments, and names exactly which argument is wrong. `/cmd@botname` arrives here as
`/cmd` (the gateway strips our own name).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from markupsafe import Markup

from domain.codes import is_code, parse_code
from domain.model import Agency, Citizen, Ticket
from domain.roles import UNIT_ROLES, Role
from handlers.auditing import audit_refusal
from handlers.router import Record, Router
from handlers.staff.access import Person, identify
from handlers.staff.talk import st
from handlers.texts import TEXT_LIMIT, blocks, lines
from handlers.texts.html import visible_length
from handlers.turn import Turn

CommandBody = Callable[[Turn, Person, str], Awaitable[None]]


class ArgError(Exception):
    """A bad argument, with the catalogue key (and values) that name what is wrong."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def staff_command(
    router: Router,
    name: str,
    *,
    usage: bool = True,
    roles: Iterable[Role] = UNIT_ROLES,
    groups: str = "unit",
    record: Record = "audit_log",
) -> Callable[[CommandBody], CommandBody]:
    """Register `/name` in private chats and groups.

    `usage`: an empty call shows `staff-usage-<name>`. `groups`: "unit" (only the complaint
    unit's group), "any" (any group, e.g. /link), or "none". `record`: where the body records
    what it did (the admin audit log, or a ticket event); a refusal is always audited.
    """
    allowed = frozenset(roles)

    def register(body: CommandBody) -> CommandBody:
        async def run(turn: Turn) -> None:
            person = await identify(turn)
            if not person.has(allowed):
                await audit_refusal(turn, person.as_actor, name)
                await turn.say(turn.chat_t("staff-denied"))
                return
            if not turn.incoming.is_private and not await _group_allowed(turn, groups):
                await turn.say(st(turn, "staff-command-where"))
                return
            args = turn.incoming.args.strip()
            if usage and not args:
                await turn.say(st(turn, f"staff-usage-{name}"))
                return
            try:
                await body(turn, person, args)
            except ArgError as error:
                text = st(turn, error.key, **error.args_)
                if usage:
                    text = blocks(text, st(turn, f"staff-usage-{name}"))
                await turn.say(text)

        router.command(name, roles=allowed, record=record)(run)
        router.command(name, private=False, roles=allowed, record=record)(run)
        return body

    return register


async def _group_allowed(turn: Turn, groups: str) -> bool:
    if groups == "any":
        return True
    if groups == "none" or turn.incoming.chat is None:
        return False
    unit = await turn.uow.agencies.complaint_unit()
    return unit is not None and unit.group_chat_id == turn.incoming.chat.id


# --- argument parsers: each names the argument it refuses ------------------------------------


async def ticket_arg(turn: Turn, text: str) -> Ticket:
    if not is_code(text):
        raise ArgError("staff-err-code", value=_shown(text))
    ticket = await turn.uow.tickets.get_by_code(parse_code(text))
    if ticket is None:
        raise ArgError("staff-err-no-ticket", value=_shown(text))
    return ticket


async def agency_arg(turn: Turn, text: str, *, unit_ok: bool = False) -> Agency:
    agency = await turn.uow.agencies.get_by_code(text.lower())
    if agency is None or not agency.active or (agency.is_complaint_unit and not unit_ok):
        raise ArgError("staff-err-agency", value=_shown(text))
    return agency


async def reporter_arg(turn: Turn, text: str) -> Citizen:
    """`12`, `#12` or `Reporter#12`: the number agencies see on cards."""
    match = re.fullmatch(r"(?:reporter|pelapor)?\s*#?(\d{1,12})", text.strip(), re.IGNORECASE)
    citizen = await turn.uow.citizens.get(int(match.group(1))) if match else None
    if citizen is None:
        raise ArgError("staff-err-reporter", value=_shown(text))
    return citizen


def words(args: str, count: int) -> list[str]:
    """The first `count - 1` words and the rest of the line as the last item."""
    parts = args.split(maxsplit=count - 1)
    return parts + [""] * (count - len(parts))


def _shown(text: str) -> str:
    """User input echoed back in an error: short (the catalogue escapes it)."""
    return text[:40]


def fit(parts: list[Markup], limit: int = TEXT_LIMIT) -> Markup:
    """One message of lines, dropping the oldest ones (after the first) when it is too long."""
    text = lines(parts)
    head, body = parts[:1], parts[1:]
    while visible_length(text) > limit and body:
        body = body[1:]
        text = lines([*head, "…", *body])
    return text
