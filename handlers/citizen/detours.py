"""Follow-ups (detours): a short exchange about a filed ticket (a rating's comment, the
information an officer asked for) taken on top of the complaint being written, if any.

The draft and the detour share the chat's conversation row (handlers/citizen/intake.py loads
and saves it); ending a detour returns the citizen to their draft where they left it.
"""

from __future__ import annotations

import contextlib

from domain.errors import DomainError
from domain.usecases import rate_ticket
from handlers.citizen.intake import Session, ask, save, say_with_menu
from handlers.intake.draft import Detour, DetourKind
from handlers.intake.question import Say, say


async def start_detour(s: Session, detour: Detour) -> None:
    """Begin a follow-up, on top of the complaint being written if there is one. A follow-up
    already under way is settled first, so a pending rating is never lost."""
    await settle(s)
    s.convo.detour = detour
    await save(s)


async def settle(s: Session) -> None:
    """Abandon the follow-up, keeping what it already earned: a rating waiting for its
    optional comment is stored without one (leaving the comment out is allowed, losing the
    rating would not be)."""
    detour, s.convo.detour = s.convo.detour, None
    if detour is None or detour.kind is not DetourKind.COMMENT or detour.rating is None:
        return
    ct = s.ct
    # Already rated, or no longer the citizen's to rate: then there is nothing to keep.
    with contextlib.suppress(DomainError):
        await rate_ticket(ct.uow, ct.turn.life, ct.actor, detour.ticket_id, detour.rating)


async def resume(s: Session, ack: Say | None = None) -> None:
    """A follow-up ended: back to the complaint being written, or nothing left to keep."""
    s.convo.detour = None
    if s.intake is not None:
        await ask(s, ack or say("intake-resume"))
        return
    ct = s.ct
    await ct.uow.drafts.delete(ct.chat_id)
    if ack is not None:
        await say_with_menu(ct, ack)


async def drop_detour(s: Session) -> None:
    """End the follow-up quietly; a row that held nothing else goes too."""
    s.convo.detour = None
    await save(s)
