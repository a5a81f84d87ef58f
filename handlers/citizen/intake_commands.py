"""The ways into and out of the intake from the menu: a new complaint, and /cancel.

The engine itself (load, ask, answer, save) is handlers/citizen/intake.py.
"""

from __future__ import annotations

from domain.model import Category
from handlers.citizen.context import CitizenTurn
from handlers.citizen.detours import resume, settle
from handlers.citizen.flood import too_many_recent
from handlers.citizen.intake import ask, confirm_cancel, load, say_with_menu
from handlers.intake.draft import IntakeDraft
from handlers.intake.kinds import Step
from handlers.intake.question import say


async def start_intake(
    ct: CitizenTurn, category: Category | None = None, description: str | None = None
) -> None:
    """A new complaint, optionally in a category already chosen (a QR poster's deep link) or
    with the description the citizen typed before asking for anything.

    A complaint already being written is continued rather than thrown away: one tap on the
    wrong menu button must not cost the citizen their draft.
    """
    s = await load(ct)
    if s.intake is not None:
        await ask(s, say("intake-in-progress"))
        return
    assert ct.citizen.id is not None
    if await too_many_recent(ct.uow, ct.citizen.id, ct.turn.life.now()):
        await ct.say(ct.t("citizen-too-many-complaints"))
        return
    await settle(s)
    s.convo.detour = None  # a new complaint ends any follow-up
    if category is not None:
        s.convo.intake = IntakeDraft(step=Step.DESCRIPTION, category=category.code)
    else:
        s.convo.intake = IntakeDraft(description=description)
    await ask(s, say("intake-description-kept") if description else None)


async def ask_to_cancel(ct: CitizenTurn) -> None:
    """/cancel asks first: a draft is work the citizen did. A follow-up just ends."""
    s = await load(ct)
    if s.detour is not None:
        await settle(s)
        await resume(s, say("detour-cancelled"))
    elif s.intake is None:
        await say_with_menu(ct, say("cancel-nothing"))
    else:
        await confirm_cancel(s, None)
