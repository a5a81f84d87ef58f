"""The outbox's dead letters: messages that should have left long ago.

The sender already retries 429s and 5xx with backoff and tells the admins about every message
Telegram refused for good. What it cannot see is itself being stuck: a row left `sending` by a
dead sender, or a chat whose queue has not moved for `stuck_after`. This job puts abandoned
rows back in the queue and tells the admins once per stuck row (a marker per row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.alerts import admin_chats, alert_admins
from handlers.texts import Catalogue
from scheduler.common import UowFactory
from scheduler.wording import age_text
from storage.queries.marks import claim_mark
from storage.queries.outbox_health import retry_abandoned, stuck_rows


@dataclass
class HealthResult:
    retried: int = 0
    reported: int = 0  # stuck rows newly reported
    alerts: int = 0


async def outbox_health(
    uow_factory: UowFactory,
    texts: Catalogue,
    now: datetime | None = None,
    *,
    stuck_after: timedelta = timedelta(minutes=30),
    lease_grace: timedelta = timedelta(minutes=5),
) -> HealthResult:
    """`now` is machinery time (the database clock) unless given."""
    result = HealthResult()
    async with uow_factory() as uow:
        at = now or uow.clock.now()
        result.retried = await retry_abandoned(uow, at - lease_grace, at)
        # Rows to the admin chats themselves are not reported: the report would be stuck
        # behind them, and then reported in turn, for ever.
        admins = set(await admin_chats(uow))
        fresh = []
        for row in await stuck_rows(uow, at - stuck_after):
            if row.chat_id in admins:
                continue
            if await claim_mark(uow, "outbox-stuck", str(row.id), at):
                fresh.append(row)
        if fresh:
            oldest = min(r.created_at for r in fresh)
            chats = ", ".join(str(c) for c in dict.fromkeys(r.chat_id for r in fresh[:5]))
            errors = "; ".join(dict.fromkeys(r.error for r in fresh if r.error)) or "–"
            result.alerts = await alert_admins(
                uow,
                texts,
                "sched-outbox-stuck",
                n=len(fresh),
                age=lambda lang: age_text(texts, lang, at - oldest),
                chats=chats,
                error=errors[:300],
            )
        result.reported = len(fresh)
        await uow.commit()
    return result
