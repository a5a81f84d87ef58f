"""What each intake step accepts from the citizen, and the kind answer to everything else.

A refused input never changes the draft: the citizen is told why (its length, the photo
limit, what arrived instead of text) and the step stays where it was. Photos may arrive a
step early (people often send the picture first) and are kept for the photo step.
"""

from __future__ import annotations

import re

from domain.usecases.intake import DESCRIPTION_MAX, DESCRIPTION_MIN
from handlers.citizen.categories import categories, match_category
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import photo_count, save
from handlers.citizen.format import shorten
from handlers.citizen.intake import advance, ask, next_step
from handlers.citizen.keyboards import main_menu, means_done, means_skip
from handlers.citizen.questions import MAX_PHOTOS, photos_keyboard
from handlers.citizen.summary import review_keyboard
from handlers.incoming import IncomingKind
from handlers.ports import Draft

ADDRESS_MIN, ADDRESS_MAX = 5, 500
PHONE = re.compile(r"\+?\d[\d\s().-]{6,20}\d")
EARLY_PHOTO_STEPS = ("category", "description")


async def on_intake_input(ct: CitizenTurn, draft: Draft) -> None:
    incoming = ct.incoming
    match incoming.kind:
        case IncomingKind.TEXT:
            await on_text(ct, draft, incoming.text or "")
        case IncomingKind.PHOTO if incoming.photos:
            photo = incoming.photos[0]
            await on_picture(ct, draft, photo.file_id, photo.file_unique_id, document=False)
        case IncomingKind.DOCUMENT if incoming.document is not None:
            doc = incoming.document
            if doc.is_image:
                await on_picture(ct, draft, doc.file_id, doc.file_unique_id, document=True)
            elif draft.step in ("photos", *EARLY_PHOTO_STEPS):
                name = shorten(doc.file_name or doc.mime_type or "?", 80)
                await ct.say(ct.t("intake-document-refused", name=name))
            else:
                await not_now(ct, draft)
        case IncomingKind.LOCATION:
            await on_location(ct, draft)
        case IncomingKind.CONTACT:
            await on_contact(ct, draft)
        case _:
            what = ct.t("unsupported-what", kind=incoming.unsupported_what or "other")
            if draft.step == "description":
                await ct.say(ct.t("intake-unsupported-description", what=what))
            else:
                await ct.say(ct.t("intake-unsupported", what=what, hint=hint(ct, draft)))


def hint(ct: CitizenTurn, draft: Draft) -> str:
    return ct.t(f"hint-{draft.step}")


async def not_now(ct: CitizenTurn, draft: Draft) -> None:
    await ct.say(ct.t("intake-not-now", hint=hint(ct, draft)))


async def on_text(ct: CitizenTurn, draft: Draft, text: str) -> None:
    texts = ct.turn.texts
    match draft.step:
        case "category":
            await on_category_text(ct, draft, text)
        case "description":
            await take_description(ct, draft, text)
        case "photos":
            if means_done(texts, text) or means_skip(texts, text):
                await finish_photos(ct, draft)
            else:
                await ct.say(ct.t("intake-photos-hint", max=MAX_PHOTOS), photos_keyboard(ct, draft))
        case "location":
            if means_skip(texts, text):
                await skip_location(ct, draft)
            else:
                await take_address(ct, draft, text)
        case "privacy":
            await ask(ct, draft, prefix=ct.t("hint-privacy"))
        case "contact":
            await on_contact_text(ct, draft, text)
        case _:
            await ct.say(ct.t("hint-review"), review_keyboard(ct, draft))


async def on_category_text(ct: CitizenTurn, draft: Draft, text: str) -> None:
    """A typed category name is a choice; a typed complaint is kept as the description."""
    listed = await categories(ct)
    chosen = match_category(ct, listed, text)
    if chosen is not None:
        draft.data["category"] = chosen.code
        draft.data.pop("page", None)
        await advance(ct, draft)
        return
    typed = text.strip()
    if DESCRIPTION_MIN <= len(typed) <= DESCRIPTION_MAX and not draft.data.get("description"):
        draft.data["description"] = typed
        await ask(ct, draft, prefix=ct.t("intake-description-kept"))
        return
    await ask(ct, draft, prefix=ct.t("hint-category"))


async def take_description(ct: CitizenTurn, draft: Draft, text: str) -> None:
    """Store a description of the right length, else say its length and the rule."""
    typed = text.strip()
    if len(typed) < DESCRIPTION_MIN:
        await ct.say(ct.t("intake-description-short", count=len(typed), min=DESCRIPTION_MIN))
    elif len(typed) > DESCRIPTION_MAX:
        await ct.say(ct.t("intake-description-long", count=len(typed), max=DESCRIPTION_MAX))
    else:
        draft.data["description"] = typed
        await advance(ct, draft)


async def finish_photos(ct: CitizenTurn, draft: Draft) -> None:
    count = photo_count(draft)
    key = "intake-photos-saved" if count else "intake-photos-skipped"
    await advance(ct, draft, prefix=ct.t(key, count=count))


async def on_picture(
    ct: CitizenTurn, draft: Draft, file_id: str, unique_id: str, *, document: bool
) -> None:
    """One photo (or one part of an album): kept, and acknowledged once per album.

    An album arrives as one update per photo, handled strictly in order for the chat, and
    each part is appended to the stored draft, so no part can be lost; the draft remembers
    the album it last acknowledged, so the citizen gets one answer, not one per photo.
    """
    data = draft.data
    album = ct.incoming.media_group_id
    if draft.step not in ("photos", *EARLY_PHOTO_STEPS):
        if album is not None:  # one answer per album here too
            if data.get("refused_album") == album:
                return
            data["refused_album"] = album
            await save(ct, draft)
        await not_now(ct, draft)
        return
    if unique_id in data.get("photo_uids", []):
        return  # the same picture sent twice
    if photo_count(draft) >= MAX_PHOTOS:
        if album is not None:  # say it once per album: remember which one was answered
            if data.get("refused_album") == album:
                return
            data["refused_album"] = album
            await save(ct, draft)
        keyboard = photos_keyboard(ct, draft) if draft.step == "photos" else None
        await ct.say(ct.t("intake-photo-limit", max=MAX_PHOTOS), keyboard)
        return
    data.setdefault("documents" if document else "photos", []).append(file_id)
    data.setdefault("photo_uids", []).append(unique_id)
    first_of_album = album is None or data.get("album") != album
    data["album"] = album
    caption = (ct.incoming.text or "").strip()
    if draft.step == "description" and DESCRIPTION_MIN <= len(caption) <= DESCRIPTION_MAX:
        data["description"] = caption  # the caption says it all: on to the next step,
        draft.step = next_step(draft)  # remembering the album so its other parts go quietly
        await ask(ct, draft)
        return
    await save(ct, draft)
    if not first_of_album:
        return
    if draft.step != "photos":
        await ct.say(ct.t("intake-photo-early", hint=hint(ct, draft)))
    elif album is None:
        count = photo_count(draft)
        await ct.say(
            ct.t("intake-photo-received", count=count, max=MAX_PHOTOS), photos_keyboard(ct, draft)
        )
    else:
        await ct.say(ct.t("intake-album-received", max=MAX_PHOTOS), photos_keyboard(ct, draft))


async def on_location(ct: CitizenTurn, draft: Draft) -> None:
    """A shared point or venue, if it is inside the city (else: type the address instead)."""
    place = ct.incoming.location
    if draft.step != "location" or place is None:
        await not_now(ct, draft)
        return
    area = ct.turn.city.service_area
    if area is not None and not area.contains(place.longitude, place.latitude):
        await ct.say(ct.t("intake-location-outside", city=ct.turn.city.name))
        return
    named = ", ".join(part for part in (place.title, place.address) if part)
    draft.data.update(
        latitude=place.latitude, longitude=place.longitude, address=named[:ADDRESS_MAX] or None
    )
    await ct.say(ct.t("intake-location-saved"), main_menu(ct.turn.texts, ct.language))
    await advance(ct, draft)


async def take_address(ct: CitizenTurn, draft: Draft, text: str) -> None:
    typed = " ".join(text.split())
    if len(typed) < ADDRESS_MIN:
        await ct.say(ct.t("intake-address-short", min=ADDRESS_MIN))
        return
    if len(typed) > ADDRESS_MAX:
        await ct.say(ct.t("intake-address-long", count=len(typed), max=ADDRESS_MAX))
        return
    draft.data.update(latitude=None, longitude=None, address=typed)
    await ct.say(ct.t("intake-address-saved"), main_menu(ct.turn.texts, ct.language))
    await advance(ct, draft)


async def skip_location(ct: CitizenTurn, draft: Draft) -> None:
    draft.data.update(latitude=None, longitude=None, address=None)
    await ct.say(ct.t("intake-location-skipped"), main_menu(ct.turn.texts, ct.language))
    await advance(ct, draft)


async def on_contact(ct: CitizenTurn, draft: Draft) -> None:
    contact = ct.incoming.contact
    if draft.step != "contact" or contact is None:
        await not_now(ct, draft)
        return
    if contact.user_id != ct.incoming.user_id:
        await ct.say(ct.t("intake-contact-not-own"))
        return
    await keep_phone(ct, draft, contact.phone_number)


async def on_contact_text(ct: CitizenTurn, draft: Draft, text: str) -> None:
    if means_skip(ct.turn.texts, text):
        draft.data["phone"] = None
        await ct.say(ct.t("intake-contact-skipped"), main_menu(ct.turn.texts, ct.language))
        await advance(ct, draft)
    elif PHONE.fullmatch(text.strip()):
        await keep_phone(ct, draft, text)
    else:
        await ct.say(ct.t("hint-contact"))


async def keep_phone(ct: CitizenTurn, draft: Draft, raw: str) -> None:
    digits = re.sub(r"[^\d+]", "", raw)[:32]
    draft.data["phone"] = digits
    await ct.say(ct.t("intake-contact-saved"), main_menu(ct.turn.texts, ct.language))
    await advance(ct, draft)
