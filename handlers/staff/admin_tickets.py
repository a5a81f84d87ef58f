"""The complaint unit's ticket commands: /pending, /assign, /transfer, /audit, /ban, /unban
(/ticket is handlers.staff.ticket_view: officers may use it too).

Buttons on cards cover the everyday path; these are for everything else: finding a ticket
by its code, sending it somewhere the category would not, reading its full history (internal
notes and refused attempts included), and stopping a reporter who abuses the service.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup

from domain.audit import AuditAction
from domain.model import TicketEvent
from domain.roles import STAFF_ROLES
from domain.status import TicketStatus
from domain.usecases import dispatch_ticket, transfer_ticket
from handlers.auditing import audit
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.commanding import (
    ArgError,
    agency_arg,
    fit,
    reporter_arg,
    staff_command,
    ticket_arg,
    words,
)
from handlers.staff.talk import st
from handlers.turn import Turn

router = Router()

QUEUE = (TicketStatus.SUBMITTED, TicketStatus.ON_HOLD)


@staff_command(router, "pending", usage=False)
async def pending(turn: Turn, person: Person, args: str) -> None:
    tickets = await turn.uow.tickets.list_by_status(QUEUE, limit=30)
    await audit(turn, person.actor, AuditAction.QUEUE_VIEW, "queue", after={"shown": len(tickets)})
    if not tickets:
        await turn.say(st(turn, "staff-pending-empty"))
        return
    categories = {c.id: c for c in await turn.uow.categories.list(active_only=False)}
    lines = [st(turn, "staff-pending-title", count=len(tickets))]
    for ticket in tickets:
        category = categories.get(ticket.category_id)
        lines.append(
            st(
                turn,
                "staff-pending-line",
                code=ticket.code,
                category=category.name if category else "?",
                status=st(turn, f"staff-status-{ticket.status.value.replace('_', '-')}"),
                when=_time(turn, ticket.created_at),
            )
        )
    await turn.say(fit(lines))


@staff_command(router, "audit")
async def ticket_history(turn: Turn, person: Person, args: str) -> None:
    code, extra = words(args, 2)
    if extra:
        raise ArgError("staff-err-extra", value=extra[:40])
    ticket = await ticket_arg(turn, code)
    events = await turn.uow.events.for_ticket(ticket.id or 0)
    await audit(turn, person.actor, AuditAction.TICKET_HISTORY, f"ticket:{ticket.code}")
    lines = [st(turn, "staff-audit-title", code=ticket.code, count=len(events))]
    lines += [await event_line(turn, event) for event in events]
    await turn.say(fit(lines))


@staff_command(router, "assign", record="ticket_event")
async def assign(turn: Turn, person: Person, args: str) -> None:
    code, agency_code, extra = words(args, 3)
    if not agency_code:
        raise ArgError("staff-err-missing-agency")
    if extra:
        raise ArgError("staff-err-extra", value=extra[:40])
    ticket = await ticket_arg(turn, code)
    agency = await agency_arg(turn, agency_code)
    assert ticket.id is not None and agency.id is not None
    await dispatch_ticket(turn.uow, turn.life, person.actor, ticket.id, [agency.id])
    await turn.say(st(turn, "staff-assigned", code=ticket.code, agency=agency.name))


@staff_command(router, "transfer", record="ticket_event")
async def transfer(turn: Turn, person: Person, args: str) -> None:
    code, agency_code, reason = words(args, 3)
    if not agency_code:
        raise ArgError("staff-err-missing-agency")
    ticket = await ticket_arg(turn, code)
    agency = await agency_arg(turn, agency_code)
    assert ticket.id is not None and agency.id is not None
    reason = reason or st(turn, "staff-transfer-default-reason")
    await transfer_ticket(turn.uow, turn.life, person.actor, ticket.id, agency.id, reason)
    await turn.say(st(turn, "staff-transferred", code=ticket.code, agency=agency.name))


@staff_command(router, "ban")
async def ban(turn: Turn, person: Person, args: str) -> None:
    await _set_banned(turn, person, args, banned=True)


@staff_command(router, "unban")
async def unban(turn: Turn, person: Person, args: str) -> None:
    await _set_banned(turn, person, args, banned=False)


async def _set_banned(turn: Turn, person: Person, args: str, *, banned: bool) -> None:
    citizen = await reporter_arg(turn, args)
    before = {"banned": citizen.banned}
    citizen.banned = banned
    await turn.uow.citizens.save(citizen)
    action = AuditAction.CITIZEN_BAN if banned else AuditAction.CITIZEN_UNBAN
    target = f"citizen:{citizen.id}"
    await audit(turn, person.actor, action, target, before=before, after={"banned": banned})
    key = "staff-banned" if banned else "staff-unbanned"
    await turn.say(st(turn, key, reporter=citizen.reporter_label))


async def event_line(turn: Turn, event: TicketEvent) -> Markup:
    """One audit line: when, what, who (role and name), public or internal, status change."""
    role = st(turn, f"staff-role-{event.actor_role.value}")
    name = f"#{event.actor_id}" if event.actor_id else ""
    if event.actor_role in STAFF_ROLES and event.actor_id:
        staff = await turn.uow.staff.get(event.actor_id)
        name = staff.name if staff else name
    moved = event.from_status and event.to_status and event.from_status != event.to_status
    return st(
        turn,
        "staff-audit-line",
        at=_time(turn, event.at),
        action=event.action,
        moved="yes" if moved else "no",
        change=f"{event.from_status.value} → {event.to_status.value}" if moved else "",
        role=role,
        name=name,
        internal="no" if event.public else "yes",
    )


def _time(turn: Turn, moment: datetime) -> str:
    return moment.astimezone(ZoneInfo(turn.city.timezone)).strftime("%d/%m %H:%M")
