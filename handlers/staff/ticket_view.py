"""/ticket CODE: one ticket's card, and the reporter's contact for those who need it.

A phone number the citizen chose to share is personal data with one purpose: an officer
calling about the complaint. So it is shown only in a private chat (never on a group card,
which everyone in the group reads), only to the complaint unit's admins and to the officer
who claimed the ticket, with the role checked on every use, and every showing is written to
the admin audit log. Anyone else gets a polite refusal in their own language, also recorded.

- Admins, in the complaint unit's group: the card and the full history (as before); if a phone
  was shared, a pointer to ask privately.
- Admins, in private: the same, plus the reporter's name, username and phone.
- The claiming officer, in private: their agency's card and the phone (the name only if the
  citizen chose to share it, as on the card).
"""

from __future__ import annotations

from domain.audit import AuditAction
from domain.model import Citizen, Ticket
from domain.roles import STAFF_ROLES, UNIT_ROLES
from domain.status import AssignmentStatus
from handlers.auditing import audit, audit_refusal
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.admin_tickets import event_line
from handlers.staff.cards import CardRenderer, load_context
from handlers.staff.commanding import ArgError, fit, staff_command, ticket_arg, words
from handlers.staff.talk import lang, st
from handlers.texts import Markup, lines
from handlers.texts.html import shorten
from handlers.turn import Turn

router = Router()

NOT_WORKING_IT = frozenset({AssignmentStatus.HANDED_BACK, AssignmentStatus.CLOSED})


@staff_command(router, "ticket", roles=STAFF_ROLES)
async def ticket_view(turn: Turn, person: Person, args: str) -> None:
    code, extra = words(args, 2)
    if extra:
        raise ArgError("staff-err-extra", value=extra[:40])
    ticket = await ticket_arg(turn, code)
    if person.has(UNIT_ROLES):
        await _for_the_unit(turn, person, ticket)
    elif turn.incoming.is_private and await _claimed_by(turn, ticket, person):
        await _for_the_officer(turn, person, ticket)
    else:
        await audit_refusal(turn, person.as_actor, "ticket", f"ticket:{ticket.code}")
        await turn.say(st(turn, "staff-ticket-refused", code=ticket.code))


async def _claimed_by(turn: Turn, ticket: Ticket, person: Person) -> bool:
    """The officer holds a live claim on the ticket for their own (current) agency."""
    staff = person.staff
    if staff is None or staff.id is None:
        return False
    return any(
        share.officer_id == staff.id
        and share.agency_id == staff.agency_id
        and share.status not in NOT_WORKING_IT
        for share in await turn.uow.assignments.for_ticket(ticket.id or 0)
    )


async def _for_the_unit(turn: Turn, person: Person, ticket: Ticket) -> None:
    ctx = await load_context(turn.uow, ticket)
    render = CardRenderer(turn.texts, lang(turn), turn.city.timezone, turn.life.now())
    text, _ = render.unit(ctx)
    parts = [text]
    if turn.incoming.is_private and ctx.citizen is not None:
        parts += [Markup(""), *_contact(turn, ticket, ctx.citizen, with_name=True)]
        await _shown(turn, person, ticket, ctx.citizen, ["name", "username", "phone"])
    else:
        if ticket.contact_phone:
            parts += [Markup(""), st(turn, "staff-contact-ask-privately", code=ticket.code)]
        target = f"ticket:{ticket.code}"
        await audit(turn, person.actor, AuditAction.TICKET_VIEW, target, after={"chat": "group"})
    parts += [Markup(""), st(turn, "staff-ticket-history")]
    for event in await turn.uow.events.for_ticket(ticket.id or 0):
        line = await event_line(turn, event)
        if event.text:
            line = lines([line, st(turn, "staff-history-text", text=shorten(event.text, 300))])
        parts.append(line)
    await turn.say(fit(parts))


async def _for_the_officer(turn: Turn, person: Person, ticket: Ticket) -> None:
    ctx = await load_context(turn.uow, ticket)
    render = CardRenderer(turn.texts, lang(turn), turn.city.timezone, turn.life.now())
    assert person.staff is not None and person.staff.agency_id is not None
    text, _ = render.agency(ctx, person.staff.agency_id)  # no buttons: they act in the group
    parts = [text]
    if ctx.citizen is not None:
        parts += [Markup(""), *_contact(turn, ticket, ctx.citizen, with_name=ticket.share_name)]
        fields = ["phone", "name"] if ticket.share_name else ["phone"]
        await _shown(turn, person, ticket, ctx.citizen, fields)
    await turn.say(fit(parts))


def _contact(turn: Turn, ticket: Ticket, citizen: Citizen, *, with_name: bool) -> list[Markup]:
    shown = [st(turn, "staff-contact-title")]
    if with_name:
        shown.append(st(turn, "staff-contact-name", name=citizen.name))
        if citizen.username:
            shown.append(st(turn, "staff-contact-username", username=citizen.username))
    if ticket.contact_phone:
        shown.append(st(turn, "staff-contact-phone", phone=ticket.contact_phone))
    else:
        shown.append(st(turn, "staff-contact-no-phone"))
    return shown


async def _shown(
    turn: Turn, person: Person, ticket: Ticket, citizen: Citizen, fields: list[str]
) -> None:
    """Record what personal data this reply shows (a phone only if there was one)."""
    shown = [f for f in fields if f != "phone" or ticket.contact_phone]
    shown = [f for f in shown if f != "username" or citizen.username]
    await audit(
        turn,
        person.actor,
        AuditAction.CITIZEN_DATA_SHOWN,
        f"citizen:{citizen.id}",
        after={"ticket": ticket.code, "fields": shown, "chat": "private"},
    )
