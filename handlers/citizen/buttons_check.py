"""Checking a pressed button before acting on it: is it one of ours, and is it still current?

Anyone can send any callback data, so the data is parsed strictly against the spec the handler
expects (a forged one gets an alert and changes nothing). A genuine button can still be old —
pressed on an earlier question, or after the draft moved on — and must never move the draft:
its step token must match the draft's.
"""

from __future__ import annotations

from collections.abc import Iterable

from handlers.callbacks import CALLBACKS, CallbackSpec
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import current_draft, is_intake, step_token
from handlers.ports import Draft


def unpack(ct: CitizenTurn, spec: CallbackSpec) -> tuple[str | int, ...] | None:
    """The button's fields, or None after alerting that the data is not a button of ours."""
    values = CALLBACKS.fields(ct.incoming.callback_data, spec)
    if values is None:
        ct.alert("alert-forged")
    return values


async def live_draft(ct: CitizenTurn, seq: int, steps: Iterable[str] | None = None) -> Draft | None:
    """The intake draft if the button belongs to its current question, else None (alerted)."""
    draft = await current_draft(ct)
    if (
        not is_intake(draft)
        or step_token(draft) != seq
        or (steps is not None and draft is not None and draft.step not in set(steps))
    ):
        ct.alert("alert-stale")
        return None
    return draft
