"""Tracking codes and invite tokens that cannot be guessed.

A citizen reads a code off a phone screen and may type it back, so the alphabet leaves out
characters that look alike (0/O, 1/I/L). The code is random rather than sequential so that
nobody can walk through other people's complaints by counting.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from domain.errors import ValidationFailed
from domain.ports import UnitOfWork

CODE_PREFIX = "ADU"
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 symbols: no 0, O, 1, I, L
CODE_LENGTH = 6  # 31**6 ≈ 887 million codes
MAX_CODE_ATTEMPTS = 10

_BODY = f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}"
_CODE_INPUT = re.compile(rf"(?:{CODE_PREFIX}[- ]?)?({_BODY})")


def random_code() -> str:
    """A fresh code, without checking whether it is taken."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{body}"


async def new_ticket_code(
    uow: UnitOfWork, draw: Callable[[], str] = random_code, attempts: int = MAX_CODE_ATTEMPTS
) -> str:
    """A code no ticket has yet. `draw` is injectable so tests can force collisions.

    With hundreds of millions of codes a collision is rare; running out of attempts means
    something is wrong (a broken random source), and failing loudly beats looping forever.
    """
    for _ in range(attempts):
        code = draw()
        if not await uow.tickets.code_exists(code):
            return code
    raise RuntimeError(f"no free ticket code after {attempts} attempts")


def parse_code(text: str) -> str:
    """The canonical `ADU-` code for what a citizen typed, or ValidationFailed.

    Accepts any case, surrounding spaces, and the code with or without its prefix; anything
    else is refused rather than guessed, so a typo never shows someone else's ticket.
    """
    candidate = (text or "").strip().upper()
    match = _CODE_INPUT.fullmatch(candidate) if len(candidate) <= 16 else None
    if match is None:
        raise ValidationFailed("code", "not a tracking code like ADU-7K3Q9X", rule="bad_code")
    return f"{CODE_PREFIX}-{match.group(1)}"


def is_code(text: str) -> bool:
    try:
        parse_code(text)
    except ValidationFailed:
        return False
    return True


def new_token(nbytes: int = 16) -> str:
    """A URL-safe secret for invite deep links (22 characters for 16 bytes, under Telegram's
    64-character /start payload limit)."""
    return secrets.token_urlsafe(nbytes)
