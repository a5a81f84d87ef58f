"""The complaint domain's records, as plain dataclasses.

storage/ maps each to a SQLModel table with the same field names; the in-memory fakes in tests
store them as they are. Ids are `None` until the unit of work has saved the record. All
datetimes are timezone-aware UTC. Telegram ids are plain ints (BIGINT in storage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.roles import Role
from domain.status import AssignmentStatus, SlaStage, TicketStatus

TELEGRAM = "telegram"
OPEN311 = "open311"


@dataclass
class Citizen:
    """A person who files complaints, keyed by (channel, external id) (DESIGN, Wave 2).

    Telegram citizens keep `telegram_id`/`chat_id` (their external id is the Telegram id);
    reporters who arrive through another channel, e.g. the Open311 API (`open311`), have no
    Telegram chat: `chat_id` is None and nobody can message them in Telegram.
    """

    telegram_id: int | None
    chat_id: int | None
    name: str
    created_at: datetime
    username: str | None = None
    language: str = "id"
    phone: str | None = None
    banned: bool = False
    unreachable: bool = False
    channel: str = TELEGRAM
    external_id: str | None = None
    # Set when their personal data was erased (domain.retention): the row stays as a
    # tombstone so their complaints still count, but nothing links it to a person any more.
    erased_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.external_id is None and self.channel == TELEGRAM and self.telegram_id is not None:
            self.external_id = str(self.telegram_id)

    @property
    def reporter_label(self) -> str:
        """What agencies see when the citizen keeps their name private."""
        return f"Reporter #{self.id}"


@dataclass
class Agency:
    code: str
    name: str
    is_complaint_unit: bool = False
    group_chat_id: int | None = None
    group_is_forum: bool = False
    group_active: bool = False
    active: bool = True
    id: int | None = None


@dataclass
class Staff:
    telegram_id: int
    name: str
    role: Role
    created_at: datetime
    agency_id: int | None = None
    chat_id: int | None = None  # private chat, for escalations
    active: bool = True
    # What the bot writes to them in private: from Telegram's language_code when they first
    # use the bot, then /lang. None until known (the city's default is used meanwhile).
    language: str | None = None
    id: int | None = None


@dataclass
class Invite:
    token: str
    agency_id: int
    role: Role
    created_by: int | None
    created_at: datetime
    expires_at: datetime
    used_by: int | None = None
    used_at: datetime | None = None
    id: int | None = None


@dataclass
class Category:
    code: str
    name: str
    default_agency_id: int | None = None
    auto_verify: bool = False
    sla_overrides: dict[str, str] = field(default_factory=dict)  # stage -> "1wd" / "48h"
    name_en: str | None = None
    active: bool = True
    sort_order: int = 0
    id: int | None = None


@dataclass
class Ticket:
    code: str
    citizen_id: int
    category_id: int
    description: str
    status: TicketStatus
    created_at: datetime
    updated_at: datetime
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    share_name: bool = False
    public: bool = True
    contact_phone: str | None = None
    # The SLA clock of the stage the unit owns (verify, confirm); agencies' clocks are on
    # their assignments. Stored so the reminder scan is one indexed query.
    stage: SlaStage | None = None
    stage_started_at: datetime | None = None
    deadline: datetime | None = None
    paused_at: datetime | None = None
    reminded_pct: int = 0
    # When the scheduler must next look at this clock (its next 50/100/200 % reminder); kept
    # by SlaPolicy, None when no reminder is pending (stopped, paused, or all sent).
    next_reminder_at: datetime | None = None
    verified_at: datetime | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    reopen_count: int = 0
    solved: bool | None = None
    rating: int | None = None
    rating_comment: str | None = None
    reject_reason: str | None = None
    duplicate_of: str | None = None
    version: int = 0
    erased_at: datetime | None = None  # its personal data was erased (domain.retention)
    id: int | None = None


@dataclass
class Assignment:
    """One agency's share of a ticket, with its own status and clock."""

    ticket_id: int
    agency_id: int
    status: AssignmentStatus
    created_at: datetime
    officer_id: int | None = None
    stage: SlaStage | None = None
    stage_started_at: datetime | None = None
    deadline: datetime | None = None
    paused_at: datetime | None = None
    reminded_pct: int = 0
    next_reminder_at: datetime | None = None  # see Ticket.next_reminder_at
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution_note: str | None = None
    handback_reason: str | None = None
    version: int = 0
    id: int | None = None


@dataclass
class TicketEvent:
    """One row of the audit trail; public rows are also the citizen's timeline."""

    ticket_id: int
    at: datetime
    actor_role: Role
    action: str
    public: bool
    actor_id: int | None = None  # citizen id or staff id, per actor_role
    text: str | None = None
    from_status: TicketStatus | None = None
    to_status: TicketStatus | None = None
    agency_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass
class Attachment:
    ticket_id: int
    file_id: str
    created_at: datetime
    kind: str = "photo"  # photo | document
    file_unique_id: str | None = None
    event_id: int | None = None
    uploaded_by_role: Role = Role.CITIZEN
    # The evidence archive's record of the bytes (domain.evidence); None until downloaded.
    sha256: str | None = None
    size: int | None = None
    mime_type: str | None = None
    erased_at: datetime | None = None  # a citizen's photo, erased (domain.retention)
    id: int | None = None


@dataclass
class Template:
    """A canned response an agency's officers can send with /tpl."""

    name: str
    text: str
    agency_id: int | None = None  # None: every agency
    id: int | None = None


@dataclass
class AuditEntry:
    """One row of the admin audit log (domain.audit): an action outside a ticket's life, or a
    showing of a citizen's personal data. Append-only: never updated, never deleted.

    `actor_role` is a Role value, or "operator" for the command line; `actor_id` is the staff
    (or, for a citizen's own data request, the citizen) row id; `actor_name` is how the actor
    was known at the time. `target` names what was acted on, by internal id or code
    ("citizen:12", "staff:5", "agency:dpupr", "ticket:ADU-7K3Q9X"): never a citizen's name or
    phone, so the log itself holds no personal data to leak or to erase.
    """

    at: datetime
    actor_role: str
    action: str
    target: str
    actor_id: int | None = None
    actor_name: str = ""
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    id: int | None = None
