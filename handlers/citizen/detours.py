"""Short follow-ups about an existing ticket that may interrupt a complaint being written.

A citizen halfway through a new complaint may press "Add info" or rate a fixed one. The
follow-up is kept in `draft.data["detour"]` next to the intake answers, so neither loses the
other; when it ends, the intake question is asked again. Kinds:
- `addinfo`: what the citizen sends next is attached to the ticket. `sticky` (started with the
  Add info button) lasts until Done; a reply to a bot message only keeps collecting the rest of
  that album.
- `comment`: an optional comment to go with the rating just given.
- `reopen`: what is still wrong, before the ticket goes back to the agency.
"""

from __future__ import annotations

import contextlib
from typing import Any

from domain.errors import DomainError
from domain.usecases import rate_ticket
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import FOLLOWUP, detour_of, new_draft, save
from handlers.ports import Draft


async def start_detour(ct: CitizenTurn, draft: Draft | None, kind: str, **info: Any) -> Draft:
    """Begin a follow-up, on top of the intake draft if there is one.

    A follow-up already under way is settled first, so a pending rating is never lost.
    """
    if draft is None:
        draft = new_draft(ct, FOLLOWUP)
    else:
        await settle(ct, draft)
    draft.data["detour"] = {"kind": kind, **info}
    await save(ct, draft)
    return draft


async def settle(ct: CitizenTurn, draft: Draft) -> None:
    """Abandon the draft's follow-up, keeping what it already earned.

    A rating waiting for its optional comment is stored without one: leaving the comment out
    is allowed, losing the rating would not be.
    """
    detour = detour_of(draft)
    draft.data.pop("detour", None)
    if detour is None or detour.get("kind") != "comment":
        return
    ticket_id, rating = int(detour["ticket_id"]), int(detour["rating"])
    # Already rated, or no longer the citizen's to rate: then there is nothing to keep.
    with contextlib.suppress(DomainError):
        await rate_ticket(ct.uow, ct.turn.life, ct.actor, ticket_id, rating)
