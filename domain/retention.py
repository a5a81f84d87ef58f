"""How long aduan keeps what, and what erasing a person's data means (UU PDP No. 27/2022).

This module is the one place every retention period is written down. Three of them are
settings (bot/settings.py: RETENTION_UPDATES_DAYS, RETENTION_OUTBOX_DAYS,
RETENTION_PERSONAL_MONTHS); the others are fixed here, each with the reason for its length.
The scheduler's `retention` and `cleanup` jobs apply them; `/privacy` states them.

Personal data, and what erasing it does (one shared function, storage.erasure, used both by
the retention job and by `/forget`):
- erased: the citizen's name, username and phone, their link to Telegram (telegram_id,
  chat_id, external_id), every text they typed (description, address, added information,
  comments, reopen and cancel reasons, their texts in ticket events, drafts, raw updates and
  queued messages) and their own photos (the attachment's file ids, the archived bytes once no
  other attachment needs them, and the file ids known for those bytes). Texts that must stay
  non-empty become `ERASED`; the rest become NULL; each erased row is stamped `erased_at`.
- kept, for the city's statistics: category, agencies, timestamps, statuses, rating, what the
  agencies replied and how they fixed it, and the location rounded to about 100 m.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Protocol

from domain.ports import UnitOfWork

ERASED = "[dihapus]"  # "erased": what an erased text reads, wherever it is shown
LOCATION_DECIMALS = 3  # 0.001° is about 111 m: the public site's rounding, kept for statistics
DAYS_PER_MONTH = 30.44  # a calendar month on average (365.25 / 12)


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, LOCATION_DECIMALS)


@dataclass(frozen=True)
class RetentionPolicy:
    """Every retention period, with its default. Times are measured from when the thing
    stopped being needed: an update from when it was handled, a message from when it was
    sent, a complaint's personal data from when the complaint was closed."""

    # RETENTION_UPDATES_DAYS. A raw update holds the sender's name, id and whatever they
    # wrote; once handled, it is only needed to look into a recent problem.
    updates_days: int = 7
    # RETENTION_OUTBOX_DAYS. A sent message is only needed to look into a delivery problem;
    # the message ids it got stay in message links.
    outbox_days: int = 30
    # RETENTION_PERSONAL_MONTHS. A closed complaint's personal data: long enough for the
    # citizen to come back about it and for the city's appeals and audits.
    personal_months: int = 24
    # Dead letters (updates no handler could take, messages Telegram refused, downloads that
    # failed): long enough for an operator to look into them, then they go too.
    dead_letter_days: int = 90
    # A finished download of a photo into the evidence archive; the bytes stay in the store.
    downloads_days: int = 30
    # The message ids of a closed complaint's cards and notices, after which a reply to them
    # no longer needs to reach the complaint.
    links_days: int = 90
    # Files the bot uploaded (charts, exports, posters): long enough for any retry. A
    # citizen's /mydata archive is deleted as soon as Telegram has it (`Outbound.personal`).
    uploads_days: int = 14
    # "This job is done" markers and finished report requests: longer than any window a job
    # looks back over.
    marks_days: int = 90
    # A citizen's half-written complaint (handlers/citizen/draft_upkeep.py): a reminder after
    # a day, discarded after a week.
    drafts_days: int = 7
    # How fast a citizen was sending: the burst window is seconds.
    flood_hours: int = 1

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) < 1:
                raise ValueError(f"{f.name} must be at least 1")

    @property
    def personal(self) -> timedelta:
        return timedelta(days=round(self.personal_months * DAYS_PER_MONTH))

    def days(self, name: str) -> timedelta:
        return timedelta(days=getattr(self, f"{name}_days"))

    def personal_cutoff(self, now: datetime) -> datetime:
        """Complaints closed before this lose their personal data."""
        return now - self.personal


@dataclass
class ErasedCounts:
    """What one erasure touched (rows), for the job's log, the bench and the confirmations."""

    tickets: int = 0
    citizens: int = 0
    texts: int = 0  # ticket events whose citizen text was erased
    photos: int = 0  # the citizen's attachments
    blobs: int = 0  # archived files queued for deletion (no other attachment needs them)
    traces: int = 0  # machinery rows: drafts, links, raw updates, queued messages, ...

    def add(self, other: ErasedCounts) -> ErasedCounts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


class Erasure(Protocol):
    """The storage side of erasure; `storage.erasure.SqlErasure` on the unit of work."""

    async def ticket_ids_of(self, citizen_id: int) -> list[int]: ...

    async def erase(
        self,
        *,
        ticket_ids: Sequence[int] = (),
        citizen_ids: Sequence[int] = (),
        at: datetime,
        traces: bool = False,
    ) -> ErasedCounts:
        """Erase the personal data of these tickets and these citizens, in this unit of work.

        Idempotent: what is already erased is left as it is. `traces` also sweeps the
        short-lived machinery (raw updates, sent messages) for the citizens' ids and ticket
        codes: only a citizen erased on request can still have any (the retention job erases
        people long after the machinery forgot them).
        """
        ...


class ErasureUnitOfWork(UnitOfWork, Protocol):
    erasure: Erasure
