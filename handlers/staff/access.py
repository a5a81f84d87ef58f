"""Who is pressing or typing, as the database knows them, and what happens when they may not.

Group privacy mode lets anyone in a group press a card's buttons or reply to the bot, so the
chat never vouches for anybody: every staff action starts by loading the person's Staff row
(active, by Telegram id) and checking its role and agency. A refusal changes nothing except
one internal `denied_attempt` event on the ticket, so attempts are auditable with /audit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from domain.model import Agency, Citizen, Staff, TicketEvent
from domain.roles import AGENCY_ROLES, Role
from domain.usecases import Actor
from handlers.auditing import audit_refusal
from handlers.callbacks import CALLBACKS, CallbackSpec
from handlers.incoming import IncomingKind
from handlers.turn import Turn

log = logging.getLogger(__name__)

DENIED = "denied_attempt"


@dataclass(frozen=True)
class Person:
    """The sender of this update: an active staff member, a citizen, or a stranger."""

    telegram_id: int
    staff: Staff | None
    citizen: Citizen | None

    @property
    def role(self) -> Role:
        """The real role: staff if active staff, else citizen (strangers count as citizens)."""
        return self.staff.role if self.staff is not None else Role.CITIZEN

    @property
    def actor(self) -> Actor:
        assert self.staff is not None
        return Actor.staff(self.staff)

    @property
    def as_actor(self) -> Actor | None:
        """Whoever this is, as an audit actor: staff, a citizen, or None for a stranger."""
        if self.staff is not None:
            return Actor.staff(self.staff)
        return Actor.citizen(self.citizen) if self.citizen is not None else None

    def has(self, roles: Iterable[Role], agency_id: int | None = None) -> bool:
        """Active staff with one of `roles` (and, for agency roles, of `agency_id`)."""
        if self.staff is None or self.staff.role not in set(roles):
            return False
        if self.staff.role in AGENCY_ROLES and agency_id is not None:
            return self.staff.agency_id == agency_id
        return True


async def identify(turn: Turn) -> Person:
    user = turn.incoming.user
    if user is None:
        return Person(0, None, None)
    if turn.staff_read and (turn.staff is None or turn.staff.telegram_id == user.id):
        staff = turn.staff  # read by Conversations at the start of this turn
    else:
        staff = await turn.uow.staff.get_by_telegram_id(user.id)
    if staff is not None and not staff.active:
        staff = None
    # Conversations read the sender's citizen row at the start of this turn (when it read the
    # staff row, it had read the citizen row first): None there means there is none.
    citizen = turn.citizen
    if not turn.staff_read and (citizen is None or citizen.telegram_id != user.id):
        citizen = await turn.uow.citizens.get_by_telegram_id(user.id)
    return Person(user.id, staff, citizen)


async def chat_agency(turn: Turn) -> Agency | None:
    """The agency whose linked group this chat is (None in private chats and unknown groups)."""
    chat = turn.incoming.chat
    if chat is None or turn.incoming.is_private:
        return None
    agency = await turn.uow.agencies.get_by_group_chat(chat.id)
    return agency if agency is not None and agency.active else None


async def deny(turn: Turn, person: Person, ticket_id: int | None, what: str) -> None:
    """Refuse: an alert (or a reply), and an internal audit row on the ticket (or, with no
    ticket, in the admin audit log)."""
    log.info("denied %s to %s (%s)", what, person.role, person.telegram_id)
    if ticket_id is None:
        await audit_refusal(turn, person.as_actor, what)
    elif await turn.uow.tickets.get(ticket_id) is not None:
        actor_id = (
            person.staff.id if person.staff else person.citizen.id if person.citizen else None
        )
        data: dict[str, Any] = {
            "button": what,
            "telegram_id": person.telegram_id,
            "chat_id": turn.incoming.chat.id if turn.incoming.chat else None,
        }
        await turn.uow.events.add(
            TicketEvent(
                ticket_id=ticket_id,
                at=turn.life.now(),
                actor_role=person.role,
                action=DENIED,
                public=False,
                actor_id=actor_id,
                data=data,
            )
        )
    if turn.incoming.kind is IncomingKind.CALLBACK:
        turn.answer(turn.t("staff-denied"), alert=True)  # only the presser sees it
    else:  # said in the chat: in the chat's language
        await turn.say(turn.chat_t("staff-denied"), reply_to_message_id=turn.incoming.message_id)


def pressed(turn: Turn, spec: CallbackSpec) -> tuple[str | int, ...] | None:
    """The fields of this press, or None (and an alert) for data no button of ours made."""
    fields = CALLBACKS.fields(turn.incoming.callback_data, spec)
    if fields is None:
        turn.answer(turn.t("staff-button-invalid"), alert=True)
    return fields
