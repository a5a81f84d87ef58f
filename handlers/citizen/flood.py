"""The hourly complaint limit: more than 5 complaints in an hour are refused.

It is derived from the tickets table (their `created_at`) plus the one draft being started,
so it holds across restarts and workers. (The burst limit on updates is domain.flood's,
counted by the unit of work's `bursts`.)
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.ports import UnitOfWork

HOURLY_LIMIT = 5  # drafts + tickets started within an hour


async def too_many_recent(uow: UnitOfWork, citizen_id: int, now: datetime) -> bool:
    """Would one more complaint make more than HOURLY_LIMIT within the last hour?"""
    recent = await uow.tickets.list_for_citizen(citizen_id, limit=HOURLY_LIMIT)
    since = now - timedelta(hours=1)
    return sum(ticket.created_at >= since for ticket in recent) >= HOURLY_LIMIT
