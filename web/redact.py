"""Contact details typed into free text are masked before a text is published.

A citizen may put their phone number in a description, an officer may quote it in a reply; the
public site and the Open311 API publish those texts, so runs of nine or more digits (phone
numbers, identity numbers) and e-mail addresses are replaced by a mark. Dates, house and
neighbourhood numbers (RT/RW) are shorter and stay.
"""

from __future__ import annotations

import re

PHONE = re.compile(r"\+?\d(?:[\s.\-]?\d){8,}")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
MASK = "[…]"


def redact(text: str | None) -> str:
    if not text:
        return ""
    return PHONE.sub(MASK, EMAIL.sub(MASK, text))
