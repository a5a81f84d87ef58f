"""The intake engine: the only code that loads and saves the citizen's draft, advances it,
takes edits from the review, and bumps the step token. Starting a complaint and /cancel are
handlers/citizen/intake_commands.py; follow-ups on top of a draft (detours.py) are saved
through here too.

What each step asks and accepts is the step table's (handlers/intake/steps.py); how a
question looks is the renderer's (handlers/intake/telegram.py). The engine joins them for one
update: read the draft once, let the step judge the input, save, say what follows. The flow is
drawn in intake.mmd, generated from the table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.model import Category
from domain.usecases import submit_ticket
from handlers.citizen.context import CitizenTurn
from handlers.citizen.format import shorten
from handlers.citizen.keyboards import means_done, means_skip
from handlers.incoming import IncomingKind
from handlers.intake import draft as stored
from handlers.intake.answers import Accepted, Acceptor, Answer, Facts, Refused, finish_photos, hint
from handlers.intake.draft import (
    FOLLOWUP,
    Conversation,
    Detour,
    IntakeDraft,
    Photo,
    Place,
    Unreadable,
)
from handlers.intake.kinds import Step, Want
from handlers.intake.question import Choices, Question, Say, say
from handlers.intake.steps import (
    ANY_STEP_ACTIONS,
    EDITABLE,
    NUMBERED,
    SPECS,
    cancel_choices,
    edit_choices,
    next_step,
)
from handlers.intake.telegram import menu_message, render
from handlers.ports import Draft
from handlers.texts import queue

CITIZEN_STEPS = frozenset((*(s.value for s in Step), FOLLOWUP))
NAMED_STEPS = (Step.CATEGORY, Step.DESCRIPTION, Step.REVIEW)  # they name the category


@dataclass
class Session:
    """One update's hold on the chat's citizen conversation, read once."""

    ct: CitizenTurn
    convo: Conversation
    facts: Facts | None = None

    @property
    def intake(self) -> IntakeDraft | None:
        return self.convo.intake

    @property
    def detour(self) -> Detour | None:
        return self.convo.detour


# --- loading and saving -------------------------------------------------------------------


async def load(ct: CitizenTurn) -> Session:
    """The chat's conversation; a draft this version cannot read is dropped with a kind word
    (the citizen starts again) rather than failing every update they send."""
    row = await ct.uow.drafts.get(ct.chat_id)
    if row is None or row.step not in CITIZEN_STEPS:  # another conversation's draft
        return Session(ct, Conversation())
    try:
        return Session(ct, stored.load(row.step, row.data))
    except Unreadable:
        await ct.uow.drafts.delete(ct.chat_id)
        await say_with_menu(ct, say("intake-draft-lost"))
        return Session(ct, Conversation())


async def save(s: Session) -> None:
    """Store the conversation, or delete the row when nothing is left of it."""
    ct = s.ct
    if s.convo.empty():
        await ct.uow.drafts.delete(ct.chat_id)
        return
    data = stored.dump(s.convo)
    draft = Draft(chat_id=ct.chat_id, step=s.convo.row_step, data=data, citizen_id=ct.citizen.id)
    await ct.uow.drafts.save(draft)


async def say_with_menu(ct: CitizenTurn, said: Say) -> None:
    message = menu_message(ct.turn.texts, ct.language, ct.chat_id, said)
    ct.turn.queued.extend(await queue(ct.uow.outbox, message))


async def facts(s: Session) -> Facts:
    """What the steps need beyond the draft, read once per turn; categories only for the
    steps that show or match them."""
    if s.facts is None:
        ct, city = s.ct, s.ct.turn.city
        area = city.service_area
        listed: list[Category] = []
        if s.intake is not None and s.intake.step in NAMED_STEPS:
            listed = await ct.uow.categories.list()
        s.facts = Facts(
            categories=listed,
            language=ct.language,
            city=city.name,
            reporter=ct.citizen.id or 0,
            inside=(lambda lat, lon: area.contains(lon, lat)) if area else Facts.inside,
        )
    elif s.intake is not None and s.intake.step in NAMED_STEPS and not s.facts.categories:
        s.facts = replace(s.facts, categories=await s.ct.uow.categories.list())
    return s.facts


# --- asking ---------------------------------------------------------------------------------


async def question(
    s: Session, ack: Say | None = None, *, choices: Choices | None = None
) -> Question:
    draft = s.intake
    assert draft is not None
    spec = SPECS[draft.step]
    body, own = spec.ask(draft, await facts(s))
    number = NUMBERED.index(draft.step) + 1 if draft.step in NUMBERED else None
    return Question(
        draft.step,
        body,
        spec.want,
        own if choices is None else choices,
        ack=ack,
        number=number,
        total=len(NUMBERED),
    )


async def show(
    s: Session, q: Question, *, replace: int | None = None, after: Want | None = None
) -> None:
    ct, draft = s.ct, s.intake
    assert draft is not None
    texts, language = ct.turn.texts, ct.language
    said = render(texts, language, ct.chat_id, q, draft.seq, replace=replace, after=after)
    ct.turn.queued.extend(await queue(ct.uow.outbox, *said))


async def note(s: Session, said: Say) -> None:
    """Something said at the step without asking anew: its choices stay one tap away."""
    draft = s.intake
    assert draft is not None
    spec = SPECS[draft.step]
    _, choices = spec.ask(draft, await facts(s))
    await show(s, Question(draft.step, said, spec.want, choices, note=True))


async def ask(
    s: Session, ack: Say | None = None, *, replace: int | None = None, after: Want | None = None
) -> None:
    """Ask the current step under a new step token (the buttons of older questions go stale)."""
    draft = s.intake
    assert draft is not None
    draft.seq += 1
    if draft.step is Step.REVIEW:
        draft.editing = False
    await save(s)
    await show(s, await question(s, ack), replace=replace, after=after)


async def proceed(
    s: Session, outcome: Accepted, *, replace: int | None = None, after: Want | None = None
) -> None:
    """Act on an accepted answer: on to the next step, the same question again, or a note."""
    draft = s.intake
    assert draft is not None
    if outcome.next:
        draft.step = next_step(draft)
        await ask(s, outcome.ack, replace=replace, after=after)
    elif outcome.again:
        await ask(s, outcome.ack, replace=replace)
    else:
        await save(s)
        if outcome.ack is not None:
            await note(s, outcome.ack)


# --- what the citizen sends -----------------------------------------------------------------


def read(ct: CitizenTurn, step: Step) -> tuple[Answer, Acceptor | Refused]:
    """The update as an `Answer`, and the step's acceptor for its kind (or why not)."""
    incoming, spec = ct.incoming, SPECS[step]
    not_now = Refused("intake-not-now", {"hint": hint(step)})
    album, caption = incoming.media_group_id, incoming.text or ""
    match incoming.kind:
        case IncomingKind.TEXT:
            texts, typed = ct.turn.texts, caption
            answer = Answer(typed, skip=means_skip(texts, typed), done=means_done(texts, typed))
            return answer, spec.text or not_now
        case IncomingKind.PHOTO if incoming.photos:
            photo = incoming.photos[0]
            answer = Answer(caption, Photo(photo.file_id, photo.file_unique_id), album)
            return answer, spec.picture or not_now
        case IncomingKind.DOCUMENT if incoming.document is not None:
            doc = incoming.document
            answer = Answer(caption, album=album)
            if not doc.is_image:
                name = shorten(doc.file_name or doc.mime_type or "?", 80)
                refused = Refused("intake-document-refused", {"name": name})
                return answer, refused if spec.picture else not_now
            picture = Photo(doc.file_id, doc.file_unique_id, document=True)
            return replace(answer, picture=picture), spec.picture or not_now
        case IncomingKind.LOCATION if incoming.location is not None:
            point = incoming.location
            named = ", ".join(part for part in (point.title, point.address) if part)
            answer = Answer(place=Place(point.latitude, point.longitude, named or None))
            return answer, spec.place or not_now
        case IncomingKind.CONTACT if incoming.contact is not None:
            contact = incoming.contact
            own = contact.user_id == incoming.user_id
            return Answer(phone=contact.phone_number, own=own), spec.contact or not_now
    what = say("unsupported-what", kind=incoming.unsupported_what or "other")
    if step is Step.DESCRIPTION:
        return Answer(), Refused("intake-unsupported-description", {"what": what})
    return Answer(), Refused("intake-unsupported", {"what": what, "hint": hint(step)})


async def answer(s: Session) -> None:
    """A message at the current step: accepted (and on), or refused with the reason."""
    draft = s.intake
    assert draft is not None
    given, judge = read(s.ct, draft.step)
    outcome = judge if isinstance(judge, Refused) else judge(draft, given, await facts(s))
    if isinstance(outcome, Accepted):
        await proceed(s, outcome, after=SPECS[draft.step].want)
        return
    if given.album is not None:  # one refusal per album, not one per photo
        if draft.refused_album == given.album:
            return
        draft.refused_album = given.album
        await save(s)
    await note(s, Say(outcome.key, outcome.args))


# --- what the citizen presses ---------------------------------------------------------------


async def press(ct: CitizenTurn, seq: int, action: str, value: str = "") -> None:
    """An intake button: acted on only if it belongs to the current question (its step token
    and its step); a button of an earlier question gets an alert and changes nothing."""
    s = await load(ct)
    draft = s.intake
    if (
        draft is None
        or draft.seq != seq
        or action not in SPECS[draft.step].actions | ANY_STEP_ACTIONS
    ):
        ct.alert("alert-stale")
        return
    pressed = ct.incoming.callback_message_id
    match action:
        case "category":
            if (await facts(s)).category(value) is None:  # gone or deactivated meanwhile
                ct.alert("alert-stale")
                return
            draft.category, draft.page = value, 0
            await proceed(s, Accepted(), replace=pressed)
        case "page" | "name" | "public":  # the same question, redrawn in place
            if action == "page":
                draft.page = max(0, int(value))
            elif action == "name":
                draft.privacy.share_name = not draft.privacy.share_name
            else:
                draft.privacy.public = not draft.privacy.public
            await save(s)
            await show(s, await question(s), replace=pressed)
        case "done" | "skip":
            await proceed(s, finish_photos(draft), replace=pressed)
        case "next":
            await proceed(s, Accepted(), replace=pressed, after=Want.CHOICE)
        case "submit":
            await submit(s, pressed)
        case "edit" | "back":
            choices = edit_choices() if action == "edit" else None
            await show(s, await question(s, choices=choices), replace=pressed)
        case "jump":
            await jump_to(s, Step(value), pressed)
        case "cancel":
            await confirm_cancel(s, pressed)
        case "discard":
            await discard(s)
        case _:  # keep: the same question again
            await ask(s, replace=pressed)


async def jump_to(s: Session, step: Step, pressed: int | None) -> None:
    """Edit one step from the review; answering it returns to the review."""
    draft = s.intake
    assert draft is not None and step in EDITABLE
    draft.step, draft.editing = step, True
    draft.album = draft.refused_album = None
    if step is Step.PHOTOS:  # new photos replace the old ones
        draft.photos = []
    await ask(s, replace=pressed)


async def submit(s: Session, pressed: int | None) -> None:
    """The ticket is created and the draft deleted in this same unit of work, so a crash can
    leave either the draft or the ticket, never both or neither. The notifier tells the
    citizen the tracking code and what happens next."""
    ct, draft = s.ct, s.intake
    assert draft is not None
    category = (await facts(s)).category(draft.category)
    if category is None or category.id is None:
        draft.step, draft.editing = Step.CATEGORY, True
        await ask(s, say("intake-category-gone"), replace=pressed)
        return
    place = draft.location or Place()
    await submit_ticket(
        ct.uow,
        ct.turn.life,
        ct.actor,
        category_id=category.id,
        description=draft.description or "",
        photo_file_ids=draft.photo_ids(documents=False),
        document_file_ids=draft.photo_ids(documents=True),
        latitude=place.latitude,
        longitude=place.longitude,
        address=place.address,
        share_name=draft.privacy.share_name,
        public=draft.privacy.public,
        contact_phone=draft.phone,
    )
    await ct.uow.drafts.delete(ct.chat_id)
    ct.toast("alert-submitted")


# --- cancelling ---------------------------------------------------------------------------


async def confirm_cancel(s: Session, pressed: int | None) -> None:
    draft = s.intake
    assert draft is not None
    body = say("intake-cancel-confirm")
    await show(s, Question(draft.step, body, Want.CHOICE, cancel_choices()), replace=pressed)


async def discard(s: Session) -> None:
    ct = s.ct
    await ct.uow.drafts.delete(ct.chat_id)
    await say_with_menu(ct, say("intake-discarded"))
