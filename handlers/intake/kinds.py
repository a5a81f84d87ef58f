"""The intake's two enumerations, which the draft, the questions and the step table share."""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    """The intake steps, in the order they are asked (see steps.STEPS)."""

    CATEGORY = "category"
    DESCRIPTION = "description"
    PHOTOS = "photos"
    PRIVACY = "privacy"
    LOCATION = "location"
    CONTACT = "contact"
    REVIEW = "review"


class Want(StrEnum):
    """The kind of input a question asks for; CHOICE and TEXT need no special widget."""

    CHOICE = "choice"
    TEXT = "text"
    PICTURES = "pictures"
    LOCATION = "location"  # a "send my location" request button where the channel has one
    CONTACT = "contact"  # a "share my number" request button where the channel has one
