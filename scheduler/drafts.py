"""Draft upkeep: a citizen who stopped half-way through a complaint gets one reminder after a
day, and the draft is discarded after a week.

The rules and the words belong to the citizen conversation (handlers/citizen/draft_upkeep.py);
this job only runs them on time, each in its own committed unit of work.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from handlers.citizen.draft_upkeep import discard_old_drafts, remind_stale_drafts
from handlers.texts import Catalogue
from scheduler.common import UowFactory

log = logging.getLogger(__name__)

Upkeep = Callable[[Any, Catalogue, datetime], Awaitable[int]]


@dataclass
class DraftResult:
    reminded: int = 0
    discarded: int = 0


async def draft_upkeep(
    uow_factory: UowFactory,
    texts: Catalogue,
    now: datetime,
    *,
    upkeep: tuple[Upkeep, Upkeep] | None = None,
) -> DraftResult:
    """Remind, then discard; two transactions so a failing reminder never blocks cleanup."""
    remind, discard = upkeep or (remind_stale_drafts, discard_old_drafts)
    result = DraftResult()
    async with uow_factory() as uow:
        result.reminded = await remind(uow, texts, now)
        await uow.commit()
    async with uow_factory() as uow:
        result.discarded = await discard(uow, texts, now)
        await uow.commit()
    return result
