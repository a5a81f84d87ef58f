"""The one step table: what each intake step asks, what it accepts, and its limits.

Each `StepSpec` names the kind of input its question wants, builds the question from the
draft, and has one acceptor per kind of input it takes (text, picture, location, contact);
the questions and acceptors themselves are in handlers/intake/answers.py. A kind a step has
no acceptor for is "not now" at that step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from domain.usecases.intake import ADDRESS_MAX, DESCRIPTION_MAX, DESCRIPTION_MIN, PHONE_MAX
from domain.usecases.steps import MAX_PHOTOS
from handlers.intake.answers import (
    ADDRESS_MIN,
    Acceptor,
    Facts,
    ask_category,
    ask_contact,
    ask_description,
    ask_location,
    ask_photos,
    ask_privacy,
    ask_review,
    category_text,
    contact_shared,
    contact_text,
    description_text,
    keep_picture,
    location_place,
    location_text,
    photos_text,
    privacy_text,
    review_text,
)
from handlers.intake.draft import IntakeDraft
from handlers.intake.kinds import Step, Want
from handlers.intake.question import Choice, Choices, Say


@dataclass(frozen=True)
class StepSpec:
    step: Step
    want: Want
    ask: Callable[[IntakeDraft, Facts], tuple[Say, Choices]]
    text: Acceptor | None = None
    picture: Acceptor | None = None
    place: Acceptor | None = None
    contact: Acceptor | None = None
    actions: frozenset[str] = frozenset()  # the choices pressed at this step
    limits: Mapping[str, int] = field(default_factory=dict)
    numbered: bool = True  # "Step n of N"; the review is not a step to count
    editable: bool = True  # offered in the review's Edit menu


# --- the table ------------------------------------------------------------------------------

STEPS: tuple[StepSpec, ...] = (
    StepSpec(
        Step.CATEGORY,
        Want.CHOICE,
        ask_category,
        text=category_text,
        picture=keep_picture,
        actions=frozenset({"category", "page"}),
    ),
    StepSpec(
        Step.DESCRIPTION,
        Want.TEXT,
        ask_description,
        text=description_text,
        picture=keep_picture,
        limits={"min": DESCRIPTION_MIN, "max": DESCRIPTION_MAX},
    ),
    StepSpec(
        Step.PHOTOS,
        Want.PICTURES,
        ask_photos,
        text=photos_text,
        picture=keep_picture,
        actions=frozenset({"done", "skip"}),
        limits={"max": MAX_PHOTOS},
    ),
    # Privacy before location: its toggles edit one message in place, and then the two
    # reply-keyboard steps (location, contact) follow each other, so only one extra message
    # is needed to bring the main menu back (see telegram.py).
    StepSpec(
        Step.PRIVACY,
        Want.CHOICE,
        ask_privacy,
        text=privacy_text,
        actions=frozenset({"name", "public", "next"}),
    ),
    StepSpec(
        Step.LOCATION,
        Want.LOCATION,
        ask_location,
        text=location_text,
        place=location_place,
        limits={"min": ADDRESS_MIN, "max": ADDRESS_MAX},
    ),
    StepSpec(
        Step.CONTACT,
        Want.CONTACT,
        ask_contact,
        text=contact_text,
        contact=contact_shared,
        limits={"max": PHONE_MAX},
    ),
    StepSpec(
        Step.REVIEW,
        Want.CHOICE,
        ask_review,
        text=review_text,
        actions=frozenset({"submit", "edit", "back", "cancel", "jump"}),
        numbered=False,
        editable=False,
    ),
)
SPECS: dict[Step, StepSpec] = {spec.step: spec for spec in STEPS}
NUMBERED: tuple[Step, ...] = tuple(spec.step for spec in STEPS if spec.numbered)
EDITABLE: tuple[Step, ...] = tuple(spec.step for spec in STEPS if spec.editable)
ANY_STEP_ACTIONS = frozenset({"discard", "keep"})  # the cancel confirmation's


def next_step(draft: IntakeDraft) -> Step:
    """The step after the current one: straight back to the review after an edit, and past
    the description when it was typed (or captioned) already."""
    if draft.editing:
        return Step.REVIEW
    order = [spec.step for spec in STEPS]
    step = order[order.index(draft.step) + 1]
    if step is Step.DESCRIPTION and draft.description:
        step = order[order.index(step) + 1]
    return step


def edit_choices() -> Choices:
    """Which part to change: replaces the review's choices."""
    jumps = [Choice(f"btn-edit-{s.value}", "jump", s.value) for s in EDITABLE]
    rows = [tuple(jumps[i : i + 2]) for i in range(0, len(jumps), 2)]
    rows.append((Choice("btn-back", "back"),))
    return tuple(rows)


def cancel_choices() -> Choices:
    return ((Choice("btn-discard", "discard"),), (Choice("btn-keep", "keep"),))
