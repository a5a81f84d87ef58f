"""The new-complaint conversation's flow: start, ask, move on, jump back from the review, cancel.

The order is category → description → photos → location → privacy → contact → review (see
intake.mmd). After an Edit from the review, the chosen step returns straight to the review.
What each step accepts is in intake_inputs.py; the buttons are in intake_buttons.py.
"""

from __future__ import annotations

from domain.model import Category
from domain.outbound import Button, Keyboard
from handlers.buttons import INTAKE_ACTION
from handlers.citizen.context import CitizenTurn
from handlers.citizen.detours import settle
from handlers.citizen.drafts import (
    INTAKE_STEPS,
    current_draft,
    detour_of,
    is_intake,
    new_draft,
    save,
    step_token,
)
from handlers.citizen.flood import too_many_recent
from handlers.citizen.keyboards import main_menu
from handlers.citizen.questions import render_question
from handlers.ports import Draft


def next_step(draft: Draft) -> str:
    """The step after the current one; straight back to the review after an edit."""
    if draft.data.get("editing"):
        return "review"
    step = INTAKE_STEPS[INTAKE_STEPS.index(draft.step) + 1]
    if step == "description" and draft.data.get("description"):
        step = "photos"  # typed at the category step already
    return step


async def ask(ct: CitizenTurn, draft: Draft, prefix: str | None = None) -> None:
    """Ask the current step's question under a new step token (older buttons go stale)."""
    draft.data["seq"] = step_token(draft) + 1
    if draft.step == "review":
        draft.data.pop("editing", None)
    await save(ct, draft)
    await render_question(ct, draft, prefix)


async def advance(ct: CitizenTurn, draft: Draft, prefix: str | None = None) -> None:
    draft.step = next_step(draft)
    draft.data.pop("album", None)
    draft.data.pop("refused_album", None)
    await ask(ct, draft, prefix)


async def jump_to(ct: CitizenTurn, draft: Draft, step: str) -> None:
    """Edit one step from the review; answering it returns to the review."""
    draft.step = step
    draft.data["editing"] = True
    draft.data.pop("album", None)
    draft.data.pop("refused_album", None)
    if step == "photos":  # new photos replace the old ones
        draft.data["photos"], draft.data["documents"], draft.data["photo_uids"] = [], [], []
    await ask(ct, draft)


async def start_intake(
    ct: CitizenTurn, category: Category | None = None, description: str | None = None
) -> None:
    """A new complaint, optionally in a category already chosen (a QR poster's deep link) or
    with the description the citizen typed before asking for anything.

    A complaint already being written is continued rather than thrown away: one tap on the
    wrong menu button must not cost the citizen their draft.
    """
    draft = await current_draft(ct)
    if is_intake(draft):
        assert draft is not None
        await ask(ct, draft, prefix=ct.t("intake-in-progress"))
        return
    assert ct.citizen.id is not None
    if await too_many_recent(ct.uow, ct.citizen.id, ct.turn.life.now()):
        await ct.say(ct.t("citizen-too-many-complaints"))
        return
    if draft is not None:
        await settle(ct, draft)
    if category is not None:
        draft = new_draft(ct, "description", category=category.code)
    else:
        draft = new_draft(ct, "category")
    if description is not None:
        draft.data["description"] = description
        await ask(ct, draft, prefix=ct.t("intake-description-kept"))
        return
    await ask(ct, draft)


async def resume(ct: CitizenTurn, draft: Draft, prefix: str | None = None) -> None:
    """A follow-up ended: back to the complaint being written, or nothing left to keep."""
    draft.data.pop("detour", None)
    if is_intake(draft):
        await ask(ct, draft, prefix=prefix or ct.t("intake-resume"))
        return
    await ct.uow.drafts.delete(ct.chat_id)
    if prefix:
        await ct.say(prefix, main_menu(ct.turn.texts, ct.language))


async def ask_to_cancel(ct: CitizenTurn) -> None:
    """/cancel (or Cancel on the review) asks first: a draft is work the citizen did."""
    draft = await current_draft(ct)
    if draft is None:
        await ct.say(ct.t("cancel-nothing"), main_menu(ct.turn.texts, ct.language))
        return
    if detour_of(draft) is not None:
        await settle(ct, draft)
        await resume(ct, draft, prefix=ct.t("detour-cancelled"))
        return
    seq = step_token(draft)
    keyboard = Keyboard(
        (
            (Button(ct.label("btn-discard"), data=INTAKE_ACTION.pack(seq, "discard")),),
            (Button(ct.label("btn-keep"), data=INTAKE_ACTION.pack(seq, "keep")),),
        )
    )
    await ct.say(ct.t("intake-cancel-confirm"), keyboard)


async def discard(ct: CitizenTurn) -> None:
    await ct.uow.drafts.delete(ct.chat_id)
    await ct.say(ct.t("intake-discarded"), main_menu(ct.turn.texts, ct.language))
