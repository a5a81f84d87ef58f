"""Auto-close: resolved tickets whose citizen did not answer within the confirmation window.

The domain decides (`tickets_due_for_auto_close`, `auto_close_ticket`) and its notifier tells
the citizen, in the same transaction; this job only walks the due ids, one unit of work each,
so one ticket changed meanwhile by the citizen does not undo the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from domain.errors import ConcurrentUpdate, DomainError
from domain.usecases.closing import auto_close_ticket, tickets_due_for_auto_close
from domain.usecases.context import Actor, Lifecycle
from handlers.texts import Catalogue
from scheduler.common import UowFactory, life_at

log = logging.getLogger(__name__)


@dataclass
class CloseResult:
    closed: int = 0
    skipped: int = 0


async def auto_close(
    uow_factory: UowFactory,
    life: Lifecycle,
    texts: Catalogue,
    now: datetime,
    *,
    batch: int = 100,
    max_batches: int = 20,
) -> CloseResult:
    """Close every ticket due at `now` (the citizen's notice is the notifier's)."""
    life = life_at(life, now)
    result = CloseResult()
    for _ in range(max_batches):
        async with uow_factory() as uow:
            ids = await tickets_due_for_auto_close(uow, life, limit=batch)
        for ticket_id in ids:
            try:
                async with uow_factory() as uow:
                    await auto_close_ticket(uow, life, Actor.system(), ticket_id)
                    await uow.commit()
                result.closed += 1
            except (ConcurrentUpdate, DomainError) as exc:
                # The citizen confirmed or reopened a moment ago: their answer wins.
                result.skipped += 1
                log.info("auto-close of ticket %s skipped: %s", ticket_id, type(exc).__name__)
        if len(ids) < batch or result.skipped:
            break
    return result
