"""Domain errors. Handlers turn each into a friendly message in the user's language."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every rule the lifecycle refuses; carries a catalogue key for the user text."""

    key = "error.generic"


class NotFound(DomainError):
    key = "error.not_found"


class Forbidden(DomainError):
    """The actor's role or agency may not do this. Nothing changes."""

    key = "error.forbidden"


class InvalidTransition(DomainError):
    """The ticket is not in a status where this action applies (e.g. a stale button)."""

    key = "error.invalid_transition"


class ValidationFailed(DomainError):
    """Input breaks a rule, e.g. a resolution without a note. `field` names what is wrong.

    `message` is for logs and APIs (English). What a person reads comes from the catalogue,
    in their language: `rule` names the broken rule (key `error-invalid-<rule>`) and `details`
    carry what the text names, e.g. the limit (`max=2000`) and what was sent (`count=2400`).
    """

    key = "error.validation"

    def __init__(self, field: str, message: str, *, rule: str = "other", **details: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.rule = rule
        self.details = details


class ConcurrentUpdate(DomainError):
    """Someone else changed the ticket first (optimistic concurrency lost)."""

    key = "error.concurrent"


class AlreadyClaimed(DomainError):
    """Two officers pressed Claim; this one lost. Names the winner so the loser is told who."""

    key = "error.already_claimed"

    def __init__(self, winner_staff_id: int, winner_name: str) -> None:
        super().__init__(f"already claimed by {winner_name}")
        self.winner_staff_id = winner_staff_id
        self.winner_name = winner_name
