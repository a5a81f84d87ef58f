"""Draft upkeep: a citizen who stopped half-way through a complaint gets one reminder after a
day, and the draft is discarded after a week.

The rules and the words belong to the citizen conversation (handlers/citizen/draft_upkeep.py);
this job only runs them on time, each in its own committed unit of work.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from handlers.texts import Catalogue
from scheduler.common import UowFactory

log = logging.getLogger(__name__)

Upkeep = Callable[[Any, Catalogue, datetime], Awaitable[int]]
UPKEEP_MODULE = "handlers.citizen.draft_upkeep"


@dataclass
class DraftResult:
    reminded: int = 0
    discarded: int = 0
    available: bool = True  # False while the citizen conversation's upkeep has not landed


def citizen_upkeep() -> tuple[Upkeep, Upkeep] | None:
    """The citizen engineer's (remind_stale_drafts, discard_old_drafts), if present."""
    try:
        module = importlib.import_module(UPKEEP_MODULE)
    except ImportError:
        return None
    return module.remind_stale_drafts, module.discard_old_drafts


async def draft_upkeep(
    uow_factory: UowFactory,
    texts: Catalogue,
    now: datetime,
    *,
    upkeep: tuple[Upkeep, Upkeep] | None = None,
) -> DraftResult:
    """Remind, then discard; two transactions so a failing reminder never blocks cleanup."""
    functions = upkeep or citizen_upkeep()
    if functions is None:
        log.warning("draft upkeep skipped: %s is not available", UPKEEP_MODULE)
        return DraftResult(available=False)
    remind, discard = functions
    result = DraftResult()
    async with uow_factory() as uow:
        result.reminded = await remind(uow, texts, now)
        await uow.commit()
    async with uow_factory() as uow:
        result.discarded = await discard(uow, texts, now)
        await uow.commit()
    return result
