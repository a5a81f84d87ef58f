"""The citizen's conversation state, kept in the `draft` table (one row per chat).

Nothing about a conversation lives in memory: each update reads the draft, changes it and saves
it in the same transaction as the messages it causes, so a restart, or another worker, carries
on at exactly the same step.

`step` is the intake step the citizen is on (or FOLLOWUP when only a follow-up is under way).
`data` holds the answers so far and:
- `seq`, the step token: it changes whenever the bot asks a new question, and every intake
  button carries it, so a button from an earlier question is recognised as stale;
- `detour`, a short follow-up about an existing ticket (adding information, a rating comment,
  what is still wrong) that interrupts the intake and returns to it when done.
"""

from __future__ import annotations

from typing import Any

from handlers.citizen.context import CitizenTurn
from handlers.ports import Draft

INTAKE_STEPS = ("category", "description", "photos", "location", "privacy", "contact", "review")
EDITABLE_STEPS = INTAKE_STEPS[:-1]
FOLLOWUP = "followup"
CITIZEN_STEPS = frozenset((*INTAKE_STEPS, FOLLOWUP))


async def current_draft(ct: CitizenTurn) -> Draft | None:
    """This chat's citizen draft; a draft some other conversation owns is not ours to read."""
    draft = await ct.uow.drafts.get(ct.chat_id)
    if draft is None or draft.step not in CITIZEN_STEPS:
        return None
    return draft


def new_draft(ct: CitizenTurn, step: str, **data: Any) -> Draft:
    defaults: dict[str, Any] = {"seq": 0, "share_name": False, "public": True}
    return Draft(chat_id=ct.chat_id, step=step, data={**defaults, **data}, citizen_id=ct.citizen.id)


def is_intake(draft: Draft | None) -> bool:
    return draft is not None and draft.step in INTAKE_STEPS


def step_token(draft: Draft | None) -> int:
    return int(draft.data.get("seq", 0)) if draft is not None else -1


def detour_of(draft: Draft | None) -> dict[str, Any] | None:
    if draft is None:
        return None
    detour = draft.data.get("detour")
    return detour if isinstance(detour, dict) else None


async def save(ct: CitizenTurn, draft: Draft) -> None:
    await ct.uow.drafts.save(draft)


def photo_count(draft: Draft) -> int:
    return len(draft.data.get("photos", [])) + len(draft.data.get("documents", []))
