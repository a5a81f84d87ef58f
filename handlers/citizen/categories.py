"""A category's name as the citizen reads it: in their language where the city gave one.

The intake's category keyboard, its order ("Other" last) and typed matching are the step
table's (handlers/intake/answers.py).
"""

from __future__ import annotations

from domain.model import Category
from handlers.citizen.context import CitizenTurn


def category_name(ct: CitizenTurn, category: Category) -> str:
    if ct.language == "en" and category.name_en:
        return category.name_en
    return category.name
