"""The citizen's conversation state, typed: the complaint being written and the follow-up
that may interrupt it, kept as versioned JSON in the `draft` row's data.

Nothing about a conversation lives in memory: each update reads this state, changes it and
saves it in the same transaction as the messages it causes, so a restart or another worker
carries on at exactly the same step. Version 1 was an untyped dict; it is migrated on read.
Anything else that cannot be read is dropped by the engine with a kind word (`Unreadable`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from handlers.intake.kinds import Step

VERSION = 2
FOLLOWUP = "followup"  # the row's step when only a follow-up is under way


class Unreadable(ValueError):
    """A stored draft this version cannot continue (unknown version, damaged data)."""


@dataclass
class Photo:
    file_id: str
    unique_id: str  # the same picture sent twice is kept once
    document: bool = False  # an image sent "as file": shown and stored as a document


@dataclass
class Place:
    """The answer to the location step; all None when the citizen skipped it."""

    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None


@dataclass
class Privacy:
    share_name: bool = False  # the agency sees "Reporter #n" unless the citizen says so
    public: bool = True


@dataclass
class IntakeDraft:
    """A complaint being written. `seq` is the step token every intake button carries: it
    changes whenever a new question is asked, so a button of an earlier one is stale."""

    step: Step = Step.CATEGORY
    category: str | None = None
    description: str | None = None
    photos: list[Photo] = field(default_factory=list)
    location: Place | None = None
    privacy: Privacy = field(default_factory=Privacy)
    phone: str | None = None
    seq: int = 0
    editing: bool = False  # answering an Edit from the review: back to the review next
    album: str | None = None  # the album last acknowledged: its other parts go quietly
    refused_album: str | None = None  # the album last refused: refused once, not per part
    page: int = 0  # the category keyboard's page

    def photo_ids(self, *, documents: bool) -> list[str]:
        return [p.file_id for p in self.photos if p.document is documents]


class DetourKind(StrEnum):
    ADD_INFO = "addinfo"  # what the citizen sends next is added to a filed ticket
    COMMENT = "comment"  # an optional comment to go with the rating just given
    REOPEN = "reopen"  # what is still wrong, before the ticket goes back to the agency


@dataclass
class Detour:
    """A short follow-up about a filed ticket; the intake resumes when it ends. `sticky` (the
    Add info button) lasts until Done; a reply only collects the rest of its album."""

    kind: DetourKind
    ticket_id: int
    code: str
    sticky: bool = False
    album: str | None = None
    rating: int | None = None


@dataclass
class Conversation:
    """Everything the citizen's draft row holds."""

    intake: IntakeDraft | None = None
    detour: Detour | None = None

    @property
    def row_step(self) -> str:
        return self.intake.step.value if self.intake is not None else FOLLOWUP

    def empty(self) -> bool:
        return self.intake is None and self.detour is None


def dump(conversation: Conversation) -> dict[str, Any]:
    """The row's data: the step lives in the row's own `step` column (the upkeep reads it)."""
    intake = None
    if conversation.intake is not None:
        intake = asdict(conversation.intake)
        del intake["step"]
    detour = asdict(conversation.detour) if conversation.detour is not None else None
    return {"v": VERSION, "intake": intake, "detour": detour}


def load(step: str, data: dict[str, Any]) -> Conversation:
    """The row's step and data, read back (version 1 migrated); raises `Unreadable`."""
    try:
        if "v" not in data:
            return _from_v1(step, data)
        if data["v"] != VERSION:
            raise Unreadable(f"draft version {data['v']}")
        intake = data.get("intake")
        detour = data.get("detour")
        return Conversation(
            _intake(step, intake) if intake is not None else None,
            _detour(detour) if detour is not None else None,
        )
    except (KeyError, TypeError, ValueError) as damaged:
        raise Unreadable(str(damaged)) from damaged


def _intake(step: str, raw: dict[str, Any]) -> IntakeDraft:
    location = raw.get("location")
    return IntakeDraft(
        **{
            **raw,
            "step": Step(step),
            "photos": [Photo(**p) for p in raw.get("photos", [])],
            "location": Place(**location) if location is not None else None,
            "privacy": Privacy(**raw.get("privacy", {})),
        }
    )


def _detour(raw: dict[str, Any]) -> Detour:
    return Detour(**{**raw, "kind": DetourKind(raw["kind"])})


def _from_v1(step: str, data: dict[str, Any]) -> Conversation:
    """Version 1: one dict of loose keys (photos and documents as two id lists, the location
    as three keys present once answered, the detour nested)."""
    detour = data.get("detour")
    converted = Conversation(detour=_detour(detour) if isinstance(detour, dict) else None)
    if step == FOLLOWUP:
        return converted
    uids = iter(data.get("photo_uids", []))
    photos = [Photo(f, next(uids, f)) for f in data.get("photos", [])]
    photos += [Photo(f, next(uids, f), document=True) for f in data.get("documents", [])]
    answered = any(k in data for k in ("latitude", "longitude", "address"))
    location = Place(data.get("latitude"), data.get("longitude"), data.get("address"))
    converted.intake = IntakeDraft(
        step=Step(step),
        category=data.get("category"),
        description=data.get("description"),
        photos=photos,
        location=location if answered else None,
        privacy=Privacy(bool(data.get("share_name")), bool(data.get("public", True))),
        phone=data.get("phone"),
        seq=int(data.get("seq", 0)),
        editing=bool(data.get("editing")),
        album=data.get("album"),
        refused_album=data.get("refused_album"),
        page=int(data.get("page", 0)),
    )
    return converted
