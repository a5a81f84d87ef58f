"""What each intake step asks and what it accepts: the rows of the step table
(handlers/intake/steps.py), one section per step.

An acceptor returns `Accepted` (having changed the draft) or `Refused(key, args)` (having
changed nothing). The limits come from the domain, so the question, the refusal and
`submit_ticket` agree on them.

Photos may come a step early (people often send the picture first): the category and
description steps keep them for the photo step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.model import Category
from domain.usecases.intake import ADDRESS_MAX, DESCRIPTION_MAX, DESCRIPTION_MIN, PHONE_MAX
from domain.usecases.steps import MAX_PHOTOS
from handlers.intake.draft import IntakeDraft, Photo, Place
from handlers.intake.kinds import Step
from handlers.intake.question import Choice, Choices, Say, say

ADDRESS_MIN = 5
PHONE = re.compile(r"\+?\d[\d\s().-]{6,20}\d")
OTHER_CATEGORY = "lainnya"  # "Other" is always offered last
PAGE_SIZE = 6  # category buttons per page: one phone screen


@dataclass(frozen=True)
class Accepted:
    """The draft took the answer. `next`: on to the next step; otherwise the step goes on,
    saying `ack` (if any) as a note, or asking its question again under it (`again`)."""

    ack: Say | None = None
    next: bool = True
    again: bool = False


@dataclass(frozen=True)
class Refused:
    """Nothing changed; the citizen is told why (`key`, `args`)."""

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)


Outcome = Accepted | Refused


@dataclass(frozen=True)
class Answer:
    """What the citizen sent, in no messenger's terms."""

    text: str = ""
    picture: Photo | None = None
    album: str | None = None  # the pictures sent together share it
    place: Place | None = None
    phone: str | None = None  # a shared contact's number
    own: bool = True  # the shared contact is the sender's own
    skip: bool = False  # the Skip label, or a typed "skip" in any language
    done: bool = False  # a typed "done" in any language


@dataclass(frozen=True)
class Facts:
    """What steps need beyond the draft, gathered by the engine once per turn."""

    categories: Sequence[Category] = ()
    language: str = "id"
    city: str = ""
    reporter: int = 0  # the citizen's number: "Reporter #n" when the name is hidden
    inside: Callable[[float, float], bool] = lambda latitude, longitude: True

    def category(self, code: str | None) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def name(self, category: Category | None) -> str:
        if category is None:
            return "-"
        if self.language == "en" and category.name_en:
            return category.name_en
        return category.name


Acceptor = Callable[[IntakeDraft, Answer, Facts], Outcome]


# --- category -------------------------------------------------------------------------------


def ordered(categories: Sequence[Category]) -> list[Category]:
    """The admin's order, with "Other" last so it is not picked just because it came first."""
    return sorted(categories, key=lambda c: c.code == OTHER_CATEGORY)


def match_category(facts: Facts, typed: str) -> Category | None:
    """A category typed instead of tapped: its name (either language) or code, or the one
    category whose name contains what was typed."""
    said = " ".join(typed.split()).casefold()
    if len(said) < 3:
        return None
    listed = facts.categories
    for c in listed:
        if said in {c.code.casefold(), c.name.casefold(), (c.name_en or "").casefold()}:
            return c
    hits = [c for c in listed if said in c.name.casefold() or said in (c.name_en or "").casefold()]
    return hits[0] if len(hits) == 1 else None


def ask_category(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    listed = ordered(facts.categories)
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(max(draft.page, 0), pages - 1)
    shown = listed[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows: list[tuple[Choice, ...]] = [
        (Choice(facts.name(c), "category", c.code, plain=True),) for c in shown
    ]
    nav = []
    if page > 0:
        nav.append(Choice("btn-page-back", "page", str(page - 1)))
    if page < pages - 1:
        nav.append(Choice("btn-page-next", "page", str(page + 1)))
    if nav:
        rows.append(tuple(nav))
    return say("intake-ask-category"), tuple(rows)


def category_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    """A typed category name is a choice; a typed complaint is kept as the description."""
    chosen = match_category(facts, answer.text)
    if chosen is not None:
        draft.category, draft.page = chosen.code, 0
        return Accepted()
    typed = answer.text.strip()
    if DESCRIPTION_MIN <= len(typed) <= DESCRIPTION_MAX and not draft.description:
        draft.description = typed
        return Accepted(say("intake-description-kept"), next=False, again=True)
    return Refused("hint-category")


# --- description ----------------------------------------------------------------------------


def ask_description(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    name = facts.name(facts.category(draft.category))
    return say("intake-ask-description", category=name), ()


def description_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    typed = answer.text.strip()
    if len(typed) < DESCRIPTION_MIN:
        return Refused("intake-description-short", {"count": len(typed), "min": DESCRIPTION_MIN})
    if len(typed) > DESCRIPTION_MAX:
        return Refused("intake-description-long", {"count": len(typed), "max": DESCRIPTION_MAX})
    draft.description = typed
    return Accepted()


# --- photos ---------------------------------------------------------------------------------


def photo_choices(draft: IntakeDraft) -> Choices:
    """Skip while there is no photo yet, Done once there is one."""
    return ((Choice("btn-done", "done"),),) if draft.photos else ((Choice("btn-skip", "skip"),),)


def ask_photos(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    return say("intake-ask-photos", max=MAX_PHOTOS, count=len(draft.photos)), photo_choices(draft)


def keep_picture(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    """One photo, or one part of an album (one update each, in order): kept, and acknowledged
    once per album. A caption long enough answers the description step too."""
    picture = answer.picture
    assert picture is not None
    if any(p.unique_id == picture.unique_id for p in draft.photos):
        return Accepted(next=False)  # the same picture sent twice: nothing to say
    if len(draft.photos) >= MAX_PHOTOS:
        return Refused("intake-photo-limit", {"max": MAX_PHOTOS})
    draft.photos.append(picture)
    first = answer.album is None or draft.album != answer.album
    draft.album = answer.album
    caption = answer.text.strip()
    if draft.step is Step.DESCRIPTION and DESCRIPTION_MIN <= len(caption) <= DESCRIPTION_MAX:
        draft.description = caption  # the caption says it all; the album's rest goes quietly
        return Accepted()
    if not first:
        return Accepted(next=False)
    if draft.step is not Step.PHOTOS:
        return Accepted(say("intake-photo-early", hint=hint(draft.step)), next=False)
    if answer.album is not None:
        return Accepted(say("intake-album-received", max=MAX_PHOTOS), next=False)
    return Accepted(
        say("intake-photo-received", count=len(draft.photos), max=MAX_PHOTOS), next=False
    )


def photos_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    if answer.done or answer.skip:
        return finish_photos(draft)
    return Refused("intake-photos-hint", {"max": MAX_PHOTOS})


def finish_photos(draft: IntakeDraft) -> Accepted:
    count = len(draft.photos)
    return Accepted(say("intake-photos-saved" if count else "intake-photos-skipped", count=count))


# --- privacy --------------------------------------------------------------------------------


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def ask_privacy(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    privacy = draft.privacy
    body = say(
        "intake-ask-privacy",
        share_name=yes(privacy.share_name),
        public=yes(privacy.public),
        reporter=say("reporter-label", number=str(facts.reporter)),
    )
    name = "btn-name-shared" if privacy.share_name else "btn-name-hidden"
    public = "btn-public-yes" if privacy.public else "btn-public-no"
    choices = (
        (Choice(name, "name"),),
        (Choice(public, "public"),),
        (Choice("btn-continue", "next"),),
    )
    return body, choices


def privacy_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    return Refused("hint-privacy")


# --- location -------------------------------------------------------------------------------


def ask_location(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    return say("intake-ask-location", city=facts.city), ((Choice("btn-skip", "skip"),),)


def location_place(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    """A shared point or venue, if it is inside the city (else: type the address instead)."""
    place = answer.place
    assert place is not None and place.latitude is not None and place.longitude is not None
    if not facts.inside(place.latitude, place.longitude):
        return Refused("intake-location-outside", {"city": facts.city})
    named = (place.address or "")[:ADDRESS_MAX] or None
    draft.location = Place(place.latitude, place.longitude, named)
    return Accepted(say("intake-location-saved"))


def location_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    if answer.skip:
        draft.location = Place()
        return Accepted(say("intake-location-skipped"))
    typed = " ".join(answer.text.split())
    if len(typed) < ADDRESS_MIN:
        return Refused("intake-address-short", {"min": ADDRESS_MIN})
    if len(typed) > ADDRESS_MAX:
        return Refused("intake-address-long", {"count": len(typed), "max": ADDRESS_MAX})
    draft.location = Place(address=typed)
    return Accepted(say("intake-address-saved"))


# --- contact --------------------------------------------------------------------------------


def ask_contact(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    return say("intake-ask-contact"), ((Choice("btn-skip", "skip"),),)


def keep_phone(draft: IntakeDraft, raw: str) -> Accepted:
    draft.phone = re.sub(r"[^\d+]", "", raw)[:PHONE_MAX]
    return Accepted(say("intake-contact-saved"))


def contact_shared(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    if not answer.own or answer.phone is None:
        return Refused("intake-contact-not-own")
    return keep_phone(draft, answer.phone)


def contact_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    if answer.skip:
        draft.phone = None
        return Accepted(say("intake-contact-skipped"))
    if PHONE.fullmatch(answer.text.strip()):
        return keep_phone(draft, answer.text)
    return Refused("hint-contact")


# --- review ---------------------------------------------------------------------------------


def review_choices() -> Choices:
    return (
        (Choice("btn-submit", "submit"),),
        (Choice("btn-edit", "edit"), Choice("btn-cancel", "cancel")),
    )


def ask_review(draft: IntakeDraft, facts: Facts) -> tuple[Say, Choices]:
    place = draft.location or Place()
    if place.latitude is not None:
        location = say("review-location-point", address=place.address or "-")
    elif place.address:
        location = say("review-location-address", address=place.address)
    else:
        location = say("review-location-none")
    body = say(
        "intake-review",
        category=facts.name(facts.category(draft.category)),
        description=draft.description or "",
        photos=len(draft.photos),
        location=location,
        share_name=yes(draft.privacy.share_name),
        public=yes(draft.privacy.public),
        reporter=say("reporter-label", number=str(facts.reporter)),
        phone=draft.phone or "-",
    )
    return body, review_choices()


def review_text(draft: IntakeDraft, answer: Answer, facts: Facts) -> Outcome:
    return Refused("hint-review")


def hint(step: Step) -> Say:
    """What a step takes, said again when something else came."""
    return say(f"hint-{step.value}")
