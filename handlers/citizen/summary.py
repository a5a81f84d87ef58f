"""The review before submitting: everything the citizen is about to send, as the agency will get
it — the photos, the point on the map, and one summary message with Submit, Edit and Cancel.

Showing the photos and the map again is deliberate: it is the citizen's last chance to notice
a wrong photo or a wrong pin, and what they see here is exactly what is submitted.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from handlers.buttons import INTAKE_ACTION, INTAKE_EDIT
from handlers.citizen.categories import category_name
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import EDITABLE_STEPS, photo_count, step_token
from handlers.ports import Draft


def review_keyboard(ct: CitizenTurn, draft: Draft) -> Keyboard:
    seq = step_token(draft)
    return Keyboard(
        (
            (Button(ct.label("btn-submit"), data=INTAKE_ACTION.pack(seq, "submit")),),
            (
                Button(ct.label("btn-edit"), data=INTAKE_ACTION.pack(seq, "edit")),
                Button(ct.label("btn-cancel"), data=INTAKE_ACTION.pack(seq, "cancel")),
            ),
        )
    )


def edit_keyboard(ct: CitizenTurn, draft: Draft) -> Keyboard:
    """Which part to change; replaces the review buttons on the same message."""
    seq = step_token(draft)
    buttons = [
        Button(ct.label(f"btn-edit-{s}"), data=INTAKE_EDIT.pack(seq, s)) for s in EDITABLE_STEPS
    ]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((Button(ct.label("btn-back"), data=INTAKE_ACTION.pack(seq, "back")),))
    return Keyboard(tuple(rows))


async def review_text(ct: CitizenTurn, draft: Draft) -> Markup:
    data = draft.data
    category = await ct.uow.categories.get_by_code(data.get("category", ""))
    if data.get("latitude") is not None:
        place = data.get("address")
        location = ct.t("review-location-point", address=place or "-")
    elif data.get("address"):
        location = ct.t("review-location-address", address=data["address"])
    else:
        location = ct.t("review-location-none")
    return ct.t(
        "intake-review",
        category=category_name(ct, category) if category else "-",
        description=data.get("description") or "",
        photos=photo_count(draft),
        location=location,
        share_name="yes" if data.get("share_name") else "no",
        public="yes" if data.get("public", True) else "no",
        reporter=ct.t("reporter-label", number=str(ct.citizen.id)),
        phone=data.get("phone") or "-",
    )


async def show_review(ct: CitizenTurn, draft: Draft) -> None:
    """Photos (one photo or an album), the location, then the summary with its buttons."""
    data = draft.data
    photos = list(data.get("photos", []))
    messages: list[Outbound] = []
    if len(photos) == 1:
        messages.append(Outbound(chat_id=ct.chat_id, kind=OutboundKind.PHOTO, photos=photos))
    elif photos:
        messages.append(Outbound(chat_id=ct.chat_id, kind=OutboundKind.ALBUM, photos=photos))
    if data.get("latitude") is not None and data.get("longitude") is not None:
        messages.append(
            Outbound(
                chat_id=ct.chat_id,
                kind=OutboundKind.LOCATION,
                latitude=data["latitude"],
                longitude=data["longitude"],
            )
        )
    messages.append(
        Outbound(
            chat_id=ct.chat_id,
            text=await review_text(ct, draft),
            keyboard=review_keyboard(ct, draft),
        )
    )
    await ct.send(*messages)
