"""What a test needs from the machine (PostgreSQL, a browser): missing on a laptop, the test
is skipped with the reason; missing in CI, or where the variable asks for it, it fails."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def required(variable: str) -> bool:
    """In CI (`CI` set and not false), or with `variable=1`, nothing may be skipped."""
    ci = os.environ.get("CI", "").strip().lower()
    return ci not in ("", "0", "false", "no") or os.environ.get(variable) == "1"


def unavailable(reason: str, *, variable: str) -> NoReturn:
    if required(variable):
        pytest.fail(f"{reason} (required here: CI or {variable}=1 is set)")
    pytest.skip(reason)
