"""The intake's inline buttons: pick a category, page through them, Done/Skip, the privacy
toggles, and the review's Submit / Edit / Cancel.

Every press is checked first (buttons_check): forged data and buttons of an earlier question
get an alert and leave the draft exactly as it was.
"""

from __future__ import annotations

from domain.outbound import Keyboard
from domain.usecases import submit_ticket
from handlers.buttons import INTAKE_ACTION, INTAKE_CATEGORY, INTAKE_EDIT, INTAKE_PAGE
from handlers.citizen.buttons_check import live_draft, unpack
from handlers.citizen.categories import categories, category_keyboard
from handlers.citizen.context import CitizenTurn
from handlers.citizen.drafts import EDITABLE_STEPS, INTAKE_STEPS, save, step_token
from handlers.citizen.identity import for_citizens
from handlers.citizen.intake import advance, ask, ask_to_cancel, discard, jump_to
from handlers.citizen.intake_inputs import finish_photos
from handlers.citizen.questions import privacy_keyboard, privacy_text
from handlers.citizen.summary import edit_keyboard, review_keyboard
from handlers.incoming import IncomingKind
from handlers.ports import Draft
from handlers.router import Router

router = Router()

# Which step each action belongs to: a genuine button pressed at another step is stale.
ACTION_STEPS: dict[str, tuple[str, ...]] = {
    "done": ("photos",),
    "skip": ("photos",),
    "name": ("privacy",),
    "public": ("privacy",),
    "next": ("privacy",),
    "submit": ("review",),
    "edit": ("review",),
    "back": ("review",),
    "cancel": ("review",),
    "discard": INTAKE_STEPS,
    "keep": INTAKE_STEPS,
}


@router.kind(IncomingKind.CALLBACK)
@for_citizens
async def unknown_button(ct: CitizenTurn) -> None:
    """Data no button of ours could carry (other buttons have their own routes)."""
    ct.alert("alert-forged")


@router.callback(INTAKE_CATEGORY.prefix)
@for_citizens
async def pick_category(ct: CitizenTurn) -> None:
    values = unpack(ct, INTAKE_CATEGORY)
    if values is None:
        return
    seq, code = int(values[0]), str(values[1])
    draft = await live_draft(ct, seq, ("category",))
    if draft is None:
        return
    chosen = await ct.uow.categories.get_by_code(code)
    if chosen is None or not chosen.active:
        ct.alert("alert-stale")
        return
    draft.data["category"] = chosen.code
    draft.data.pop("page", None)
    await advance(ct, draft)


@router.callback(INTAKE_PAGE.prefix)
@for_citizens
async def turn_category_page(ct: CitizenTurn) -> None:
    """◀ ▶ change the buttons of the same message: no new message, same question."""
    values = unpack(ct, INTAKE_PAGE)
    if values is None:
        return
    draft = await live_draft(ct, int(values[0]), ("category",))
    if draft is None:
        return
    draft.data["page"] = max(0, int(values[1]))
    await save(ct, draft)
    keyboard = category_keyboard(ct, await categories(ct), step_token(draft), draft.data["page"])
    await _replace_buttons(ct, draft, keyboard)


@router.callback(INTAKE_EDIT.prefix)
@for_citizens
async def edit_step(ct: CitizenTurn) -> None:
    values = unpack(ct, INTAKE_EDIT)
    if values is None:
        return
    step = str(values[1])
    if step not in EDITABLE_STEPS:
        ct.alert("alert-forged")
        return
    draft = await live_draft(ct, int(values[0]), ("review",))
    if draft is not None:
        await jump_to(ct, draft, step)


@router.callback(INTAKE_ACTION.prefix)
@for_citizens
async def intake_action(ct: CitizenTurn) -> None:
    values = unpack(ct, INTAKE_ACTION)
    if values is None:
        return
    action = str(values[1])
    if action not in ACTION_STEPS:
        ct.alert("alert-forged")
        return
    draft = await live_draft(ct, int(values[0]), ACTION_STEPS[action])
    if draft is None:
        return
    match action:
        case "done" | "skip":
            await finish_photos(ct, draft)
        case "name" | "public":
            key = "share_name" if action == "name" else "public"
            draft.data[key] = not draft.data.get(key, key == "public")
            await save(ct, draft)
            await _show_privacy(ct, draft)
        case "next":
            await advance(ct, draft)
        case "submit":
            await submit(ct, draft)
        case "edit":
            await _replace_buttons(ct, draft, edit_keyboard(ct, draft))
        case "back":
            await _replace_buttons(ct, draft, review_keyboard(ct, draft))
        case "cancel":
            await ask_to_cancel(ct)
        case "discard":
            await discard(ct)
        case "keep":
            await ask(ct, draft)


async def _replace_buttons(ct: CitizenTurn, draft: Draft, keyboard: Keyboard) -> None:
    """Swap the buttons of the pressed message (pages, the edit menu): no new message."""
    if ct.incoming.callback_message_id is None:  # nothing to edit: ask again instead
        await ask(ct, draft)
    else:
        await ct.edit_buttons(ct.incoming.callback_message_id, keyboard)


async def _show_privacy(ct: CitizenTurn, draft: Draft) -> None:
    """A toggle rewrites the privacy question in place, so it always shows what will apply."""
    if ct.incoming.callback_message_id is None:
        await ask(ct, draft)
    else:
        await ct.edit(
            ct.incoming.callback_message_id, privacy_text(ct, draft), privacy_keyboard(ct, draft)
        )


async def submit(ct: CitizenTurn, draft: Draft) -> None:
    """The ticket is created and the draft deleted in this same unit of work, so a crash can
    leave either the draft or the ticket, never both or neither. The notifier tells the
    citizen the tracking code and what happens next."""
    data = draft.data
    category = await ct.uow.categories.get_by_code(data.get("category", ""))
    if category is None or not category.active or category.id is None:
        draft.step, data["editing"] = "category", True
        await ask(ct, draft, prefix=ct.t("intake-category-gone"))
        return
    await submit_ticket(
        ct.uow,
        ct.turn.life,
        ct.actor,
        category_id=category.id,
        description=data.get("description", ""),
        photo_file_ids=data.get("photos", []),
        document_file_ids=data.get("documents", []),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        address=data.get("address"),
        share_name=bool(data.get("share_name")),
        public=bool(data.get("public", True)),
        contact_phone=data.get("phone"),
    )
    await ct.uow.drafts.delete(ct.chat_id)
    ct.toast("alert-submitted")
