"""What the bot asks at each intake step: the text and the buttons that answer it.

Buttons come first (one tap answers most steps) and typing is always accepted too, so every
question says what may be typed instead. Each question carries the draft's step token, which
makes the buttons of any earlier question recognisably stale.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.outbound import Button, Keyboard
from handlers.buttons import INTAKE_ACTION
from handlers.citizen.categories import categories, category_keyboard, category_name
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import photo_count, step_token
from handlers.citizen.keyboards import contact_keyboard, location_keyboard
from handlers.citizen.summary import show_review
from handlers.ports import Draft
from handlers.texts import blocks

MAX_PHOTOS = 5


def action_button(ct: CitizenTurn, draft: Draft, key: str, action: str) -> Button:
    return Button(ct.label(key), data=INTAKE_ACTION.pack(step_token(draft), action))


def photos_keyboard(ct: CitizenTurn, draft: Draft) -> Keyboard:
    """Skip while there is no photo yet, Done once there is one."""
    if photo_count(draft):
        return Keyboard(((action_button(ct, draft, "btn-done", "done"),),))
    return Keyboard(((action_button(ct, draft, "btn-skip", "skip"),),))


def privacy_text(ct: CitizenTurn, draft: Draft) -> Markup:
    return ct.t(
        "intake-ask-privacy",
        share_name="yes" if draft.data.get("share_name") else "no",
        public="yes" if draft.data.get("public", True) else "no",
        reporter=ct.t("reporter-label", number=str(ct.citizen.id)),
    )


def privacy_keyboard(ct: CitizenTurn, draft: Draft) -> Keyboard:
    name_key = "btn-name-shared" if draft.data.get("share_name") else "btn-name-hidden"
    public_key = "btn-public-yes" if draft.data.get("public", True) else "btn-public-no"
    return Keyboard(
        (
            (action_button(ct, draft, name_key, "name"),),
            (action_button(ct, draft, public_key, "public"),),
            (action_button(ct, draft, "btn-continue", "next"),),
        )
    )


async def render_question(ct: CitizenTurn, draft: Draft, prefix: Markup | None = None) -> None:
    """Queue the question of `draft.step`, after `prefix` (what the last answer achieved)."""

    def text(body: Markup) -> Markup:
        return blocks(prefix, body)

    data = draft.data
    match draft.step:
        case "category":
            listed = await categories(ct)
            keyboard = category_keyboard(ct, listed, step_token(draft), data.get("page", 0))
            await ct.say(text(ct.t("intake-ask-category")), keyboard)
        case "description":
            chosen = await ct.uow.categories.get_by_code(data.get("category", ""))
            name = category_name(ct, chosen) if chosen else ""
            await ct.say(text(ct.t("intake-ask-description", category=name)))
        case "photos":
            body = ct.t("intake-ask-photos", max=MAX_PHOTOS, count=photo_count(draft))
            await ct.say(text(body), photos_keyboard(ct, draft))
        case "location":
            body = ct.t("intake-ask-location", city=ct.turn.city.name)
            await ct.say(text(body), location_keyboard(ct.turn.texts, ct.language))
        case "privacy":
            await ct.say(text(privacy_text(ct, draft)), privacy_keyboard(ct, draft))
        case "contact":
            await ct.say(
                text(ct.t("intake-ask-contact")), contact_keyboard(ct.turn.texts, ct.language)
            )
        case "review":
            if prefix:
                await ct.say(prefix)
            await show_review(ct, draft)
