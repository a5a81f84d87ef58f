"""My complaints: the list (/my), one ticket's status (/status CODE, a button, a deep link).

A citizen only ever sees their own tickets. Someone else's code gets exactly the answer a code
that does not exist gets, so codes cannot be probed; a malformed code is simply explained.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.errors import NotFound, ValidationFailed
from domain.model import Ticket
from domain.outbound import Button, Keyboard
from domain.usecases import citizen_tickets, get_citizen_ticket
from handlers.buttons import MY_PAGE, STATUS
from handlers.citizen.buttons_check import unpack
from handlers.citizen.categories import category_name
from handlers.citizen.context import CitizenTurn
from handlers.citizen.format import short_when, shorten
from handlers.citizen.identity import for_citizens
from handlers.citizen.keyboards import main_menu
from handlers.citizen.timeline import show_ticket
from handlers.incoming import IncomingKind
from handlers.router import Router
from handlers.texts import blocks
from handlers.texts import lines as lines_of

router = Router()
PAGE_SIZE = 5


async def own_ticket(ct: CitizenTurn, code: str) -> Ticket | None:
    """The citizen's ticket with `code`, or None after saying it was not found."""
    assert ct.citizen.id is not None
    try:
        return await get_citizen_ticket(ct.uow, ct.citizen.id, code)
    except ValidationFailed:
        await _tell(ct, "status-bad-code")
    except NotFound:
        await _tell(ct, "ticket-not-found")
    return None


async def _tell(ct: CitizenTurn, key: str) -> None:
    if ct.incoming.kind is IncomingKind.CALLBACK:
        ct.alert(key)
    else:
        await ct.say(ct.t(key))


async def show_status(ct: CitizenTurn, code: str) -> None:
    ticket = await own_ticket(ct, code)
    if ticket is not None:
        await show_ticket(ct, ticket)


@router.command("status")
@for_citizens
async def status_command(ct: CitizenTurn) -> None:
    if not ct.incoming.args.strip():
        await ct.say(ct.t("status-usage"))
        return
    await show_status(ct, ct.incoming.args)


@router.callback(STATUS.prefix)
@for_citizens
async def status_button(ct: CitizenTurn) -> None:
    values = unpack(ct, STATUS)
    if values is not None:
        await show_status(ct, str(values[0]))


@router.command("my")
@for_citizens
async def my_command(ct: CitizenTurn) -> None:
    await show_my_tickets(ct, 0)


@router.callback(MY_PAGE.prefix)
@for_citizens
async def my_page(ct: CitizenTurn) -> None:
    values = unpack(ct, MY_PAGE)
    if values is not None:
        await show_my_tickets(ct, max(0, int(values[0])), ct.incoming.callback_message_id)


async def show_my_tickets(ct: CitizenTurn, page: int, edit_message_id: int | None = None) -> None:
    """Newest first, one button per ticket; ◀ ▶ rewrite the same message."""
    assert ct.citizen.id is not None
    tickets, total = await citizen_tickets(
        ct.uow, ct.citizen.id, limit=PAGE_SIZE, offset=page * PAGE_SIZE
    )
    if total == 0:
        await ct.say(ct.t("my-tickets-empty"), main_menu(ct.turn.texts, ct.language))
        return
    pages = -(-total // PAGE_SIZE)
    items: list[Markup] = []
    rows: list[tuple[Button, ...]] = []
    for ticket in tickets:
        category = await ct.uow.categories.get(ticket.category_id)
        name = category_name(ct, category) if category else "-"
        emoji = ct.t("status-emoji", status=ticket.status.value)
        items.append(
            ct.t(
                "my-tickets-line",
                emoji=emoji,
                code=ticket.code,
                category=shorten(name, 80),
                status=ct.t("status-name", status=ticket.status.value),
                date=short_when(ct.language, ticket.created_at, ct.turn.city.timezone),
            )
        )
        rows.append(
            (Button(f"{emoji} {ticket.code} · {name[:30]}", data=STATUS.pack(ticket.code)),)
        )
    nav: list[Button] = []
    if page > 0:
        nav.append(Button(ct.label("btn-page-back"), data=MY_PAGE.pack(page - 1)))
    if page < pages - 1:
        nav.append(Button(ct.label("btn-page-next"), data=MY_PAGE.pack(page + 1)))
    if nav:
        rows.append(tuple(nav))
    head = ct.t("my-tickets-head", total=total, page=page + 1, pages=pages)
    text = blocks(head, lines_of(items))
    if edit_message_id is not None:
        await ct.edit(edit_message_id, text, Keyboard(tuple(rows)))
    else:
        await ct.say(text, Keyboard(tuple(rows)))
