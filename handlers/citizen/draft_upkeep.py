"""Drafts nobody came back to: one reminder after a day, discarded after a week.

The scheduler runs the timer and calls these two functions (each in its own unit of work, which
it commits); the messages they queue go out through the outbox like any other. Only the
citizen's complaint drafts are reminded or announced; other conversations' drafts (follow-ups,
staff) are left to their owners, except that a week-old draft of any kind is abandoned.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.outbound import Outbound
from handlers.citizen.intake import CITIZEN_STEPS
from handlers.citizen.keyboards import main_menu
from handlers.intake.kinds import Step
from handlers.ports import ConversationUnitOfWork, Draft
from handlers.texts import Catalogue

REMIND_AFTER = timedelta(hours=24)
DISCARD_AFTER = timedelta(days=7)
BATCH = 200
INTAKE_STEPS = frozenset(s.value for s in Step)


async def _language(uow: ConversationUnitOfWork, texts: Catalogue, draft: Draft) -> str | None:
    """The citizen's language, or None when there is nobody to tell (or they can't be told)."""
    if draft.citizen_id is None:
        return None
    citizen = await uow.citizens.get(draft.citizen_id)
    if citizen is None or citizen.unreachable or citizen.banned:
        return None
    return citizen.language if citizen.language in texts.languages else texts.default


async def remind_stale_drafts(uow: ConversationUnitOfWork, texts: Catalogue, now: datetime) -> int:
    """Queue one reminder per complaint draft idle for 24 h; returns how many were queued.

    Each draft is reminded once (`mark_reminded`); any progress re-arms it.
    """
    reminded = 0
    for draft in await uow.drafts.list_stale(idle_since=now - REMIND_AFTER, limit=BATCH):
        if draft.step not in CITIZEN_STEPS:
            continue
        await uow.drafts.mark_reminded(draft.chat_id)
        language = await _language(uow, texts, draft)
        if draft.step not in INTAKE_STEPS or language is None:
            continue
        step = texts.text(language, f"step-name-{draft.step}")
        await uow.outbox.add(
            Outbound(chat_id=draft.chat_id, text=texts.text(language, "draft-reminder", step=step))
        )
        reminded += 1
    return reminded


async def discard_old_drafts(uow: ConversationUnitOfWork, texts: Catalogue, now: datetime) -> int:
    """Delete drafts idle for 7 days, telling the citizen when it was a complaint; returns how
    many drafts were deleted (at most one batch per call)."""
    deleted = 0
    stale = await uow.drafts.list_stale(
        idle_since=now - DISCARD_AFTER, limit=BATCH, include_reminded=True
    )
    for draft in stale:
        language = await _language(uow, texts, draft)
        if draft.step in INTAKE_STEPS and language is not None:
            await uow.outbox.add(
                Outbound(
                    chat_id=draft.chat_id,
                    text=texts.text(language, "draft-discarded"),
                    keyboard=main_menu(texts, language),
                )
            )
        if await uow.drafts.delete(draft.chat_id):
            deleted += 1
    return deleted
