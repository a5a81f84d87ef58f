"""Checking a pressed button before acting on it: is it one of ours, and is it still current?

Anyone can send any callback data, so the data is parsed strictly against the spec the handler
expects (a forged one gets an alert and changes nothing). Whether a genuine button is still
current (its step token) is the intake engine's check (handlers/citizen/intake.py).
"""

from __future__ import annotations

from handlers.callbacks import CALLBACKS, CallbackSpec
from handlers.citizen.context import CitizenTurn


def unpack(ct: CitizenTurn, spec: CallbackSpec) -> tuple[str | int, ...] | None:
    """The button's fields, or None after alerting that the data is not a button of ours."""
    values = CALLBACKS.fields(ct.incoming.callback_data, spec)
    if values is None:
        ct.alert("alert-forged")
    return values
