"""The intake's inline buttons: a category, its pages, Done/Skip, the privacy toggles, the
review's Submit / Edit / Cancel and the cancel confirmation.

The data is parsed strictly first (forged data gets an alert and changes nothing); the engine
then checks that the button belongs to the current question.
"""

from __future__ import annotations

from handlers.buttons import INTAKE_ACTION, INTAKE_CATEGORY, INTAKE_EDIT, INTAKE_PAGE
from handlers.callbacks import CallbackSpec
from handlers.citizen.buttons_check import unpack
from handlers.citizen.context import CitizenTurn
from handlers.citizen.identity import for_citizens
from handlers.citizen.intake import press
from handlers.incoming import IncomingKind
from handlers.intake.steps import ANY_STEP_ACTIONS, EDITABLE, STEPS
from handlers.router import Router

router = Router()
ACTIONS = frozenset().union(ANY_STEP_ACTIONS, *(spec.actions for spec in STEPS))
EDITABLE_VALUES = frozenset(s.value for s in EDITABLE)


@router.kind(IncomingKind.CALLBACK)
@for_citizens
async def unknown_button(ct: CitizenTurn) -> None:
    """Data no button of ours could carry (other buttons have their own routes)."""
    ct.alert("alert-forged")


async def _press(ct: CitizenTurn, spec: CallbackSpec) -> None:
    values = unpack(ct, spec)
    if values is None:
        return
    seq, field = int(values[0]), str(values[1])
    allowed = {INTAKE_ACTION: ACTIONS, INTAKE_EDIT: EDITABLE_VALUES}.get(spec)
    if allowed is not None and field not in allowed:
        ct.alert("alert-forged")
    elif spec is INTAKE_ACTION:
        await press(ct, seq, field)
    else:
        action = {INTAKE_CATEGORY: "category", INTAKE_PAGE: "page", INTAKE_EDIT: "jump"}[spec]
        await press(ct, seq, action, field)


@router.callback(INTAKE_CATEGORY.prefix)
@for_citizens
async def pick_category(ct: CitizenTurn) -> None:
    await _press(ct, INTAKE_CATEGORY)


@router.callback(INTAKE_PAGE.prefix)
@for_citizens
async def turn_category_page(ct: CitizenTurn) -> None:
    await _press(ct, INTAKE_PAGE)


@router.callback(INTAKE_EDIT.prefix)
@for_citizens
async def edit_step(ct: CitizenTurn) -> None:
    await _press(ct, INTAKE_EDIT)


@router.callback(INTAKE_ACTION.prefix)
@for_citizens
async def intake_action(ct: CitizenTurn) -> None:
    await _press(ct, INTAKE_ACTION)
