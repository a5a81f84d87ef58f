"""What the intake says, in no messenger's terms: a text key with its arguments (`Say`), the
choices that answer it (`Choice`) and the kind of input it wants (`Want`).

A channel's renderer decides what a choice becomes (a Telegram inline button, a WhatsApp reply
button or list row) and whether a question replaces the message it answers (Telegram can edit,
WhatsApp cannot).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from handlers.intake.kinds import Step, Want


@dataclass(frozen=True)
class Say:
    """A catalogue text. An argument may be another `Say`: it is rendered first."""

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)


def say(key: str, **args: Any) -> Say:
    return Say(key, args)


@dataclass(frozen=True)
class Choice:
    """One answer a tap gives: `action` (and `value`) is what the tap sends back.

    `label` is a catalogue key, or the plain name of something (a category) when `plain`.
    """

    label: str
    action: str
    value: str = ""
    plain: bool = False


Choices = tuple[tuple[Choice, ...], ...]


@dataclass(frozen=True)
class Question:
    """What the bot says at a step: an acknowledgement of the last answer (`ack`), the
    "Step n of N" header (`number`, from the step table), the body and its choices.

    A `note` is said at the step without asking anew (a refusal, "photo received"): it
    repeats the step's choices where they are one tap away, but brings no new input widget.
    """

    step: Step
    body: Say
    want: Want
    choices: Choices = ()
    note: bool = False
    ack: Say | None = None
    number: int | None = None
    total: int = 0
