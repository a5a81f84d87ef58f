"""The complaint categories as the citizen sees them: in their language, "Other" last, paged.

Cities have between a handful and a few dozen categories; six per page keeps the keyboard on
one phone screen, and "Other" (`lainnya`) is always the last choice so it is not picked just
because it came first.
"""

from __future__ import annotations

from domain.model import Category
from domain.outbound import Button, Keyboard
from handlers.buttons import INTAKE_CATEGORY, INTAKE_PAGE
from handlers.citizen.context import CitizenTurn

OTHER_CATEGORY = "lainnya"  # "Other" is always offered last
PAGE_SIZE = 6


async def categories(ct: CitizenTurn) -> list[Category]:
    """Active categories in the admin's order, with "Other" last."""
    listed = await ct.uow.categories.list()
    return sorted(listed, key=lambda c: c.code == OTHER_CATEGORY)


def category_name(ct: CitizenTurn, category: Category) -> str:
    if ct.language == "en" and category.name_en:
        return category.name_en
    return category.name


def category_keyboard(ct: CitizenTurn, listed: list[Category], seq: int, page: int) -> Keyboard:
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = listed[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows: list[tuple[Button, ...]] = [
        (Button(category_name(ct, c), data=INTAKE_CATEGORY.pack(seq, c.code)),) for c in shown
    ]
    nav: list[Button] = []
    if page > 0:
        nav.append(Button(ct.label("btn-page-back"), data=INTAKE_PAGE.pack(seq, page - 1)))
    if page < pages - 1:
        nav.append(Button(ct.label("btn-page-next"), data=INTAKE_PAGE.pack(seq, page + 1)))
    if nav:
        rows.append(tuple(nav))
    return Keyboard(tuple(rows))


def match_category(ct: CitizenTurn, listed: list[Category], typed: str) -> Category | None:
    """A category the citizen typed instead of tapping: its name (either language) or code,
    or the one category whose name contains what was typed."""
    said = " ".join(typed.split()).casefold()
    if len(said) < 3:
        return None
    for c in listed:
        if said in {c.code.casefold(), c.name.casefold(), (c.name_en or "").casefold()}:
            return c
    hits = [c for c in listed if said in c.name.casefold() or said in (c.name_en or "").casefold()]
    return hits[0] if len(hits) == 1 else None
