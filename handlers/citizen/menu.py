"""The citizen's front door: /start (and its deep links), the menu, /help, /lang, /new and
/cancel (/privacy is with the other data rights, in data_rights.py).

Deep links let posters and QR codes spread the service (DESIGN: few citizens know it exists):
- `c_<category>` starts a complaint in that category;
- `t_<code>` opens one of the citizen's own tickets;
- `s_<invite>` is a staff invitation, handed to `handlers.staff.onboarding.accept_invite`
  without making the person a citizen.
Anything else is refused kindly: a mistyped or outdated link should still lead somewhere.
"""

from __future__ import annotations

import re

from domain.codes import parse_code
from domain.errors import ValidationFailed
from domain.outbound import Button, Keyboard
from handlers.buttons import LANGUAGE
from handlers.citizen.buttons_check import unpack
from handlers.citizen.context import CitizenTurn
from handlers.citizen.identity import for_citizens
from handlers.citizen.intake_commands import ask_to_cancel, start_intake
from handlers.citizen.keyboards import main_menu
from handlers.citizen.tickets import show_my_tickets, show_status
from handlers.router import Router
from handlers.staff.onboarding import accept_invite
from handlers.turn import Turn

router = Router()

DEEP_LINK = re.compile(r"([cts])_([A-Za-z0-9_-]{1,62})")
CATEGORY_CODE = re.compile(r"[a-z0-9_]{1,20}")
INVITE_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@router.command("start")
async def start(turn: Turn) -> None:
    args = turn.incoming.args.strip()
    if args.startswith("s_") and turn.incoming.is_private:
        await staff_invite(turn, args[2:])
        return
    await start_citizen(turn)


@for_citizens
async def start_citizen(ct: CitizenTurn) -> None:
    """Greet (which also sets the menu keyboard), then follow the deep link if there is one."""
    args = ct.incoming.args.strip()
    await greet(ct)
    if not args:
        return
    link = DEEP_LINK.fullmatch(args)
    kind, value = link.groups() if link else ("", "")
    if kind == "c" and CATEGORY_CODE.fullmatch(value):
        category = await ct.uow.categories.get_by_code(value)
        if category is not None and category.active:
            await start_intake(ct, category)
            return
    elif kind == "t":
        try:
            code = parse_code(value)
        except ValidationFailed:
            pass
        else:
            await show_status(ct, code)
            return
    await ct.say(ct.t("start-link-invalid"))


async def greet(ct: CitizenTurn) -> None:
    user = ct.incoming.user
    name = user.first_name if user else ct.citizen.name
    await ct.say(
        ct.t("citizen-start", name=name[:64], city=ct.turn.city.name),
        main_menu(ct.turn.texts, ct.language),
    )


async def staff_invite(turn: Turn, token: str) -> None:
    """`accept_invite(turn, token)` in handlers/staff/onboarding.py does the work."""
    if not INVITE_TOKEN.fullmatch(token):
        await turn.say(turn.t("invite-not-found"))
        return
    await accept_invite(turn, token)


@router.command("new")
@for_citizens
async def new_command(ct: CitizenTurn) -> None:
    await start_intake(ct)


@router.command("cancel")
@for_citizens
async def cancel_command(ct: CitizenTurn) -> None:
    await ask_to_cancel(ct)


@router.command("help")
@for_citizens
async def help_command(ct: CitizenTurn) -> None:
    await show_help(ct)


async def show_help(ct: CitizenTurn) -> None:
    await ct.say(
        ct.t("citizen-help", city=ct.turn.city.name), main_menu(ct.turn.texts, ct.language)
    )


@router.command("lang")
@for_citizens
async def lang_command(ct: CitizenTurn) -> None:
    await choose_language(ct)


async def choose_language(ct: CitizenTurn) -> None:
    buttons = tuple(
        (Button(ct.label("language-name", code=lang), data=LANGUAGE.pack(lang)),)
        for lang in ct.turn.texts.languages
    )
    await ct.say(ct.t("language-choose"), Keyboard(buttons))


@router.callback(LANGUAGE.prefix)
@for_citizens
async def set_language(ct: CitizenTurn) -> None:
    values = unpack(ct, LANGUAGE)
    if values is None:
        return
    language = str(values[0])
    if language not in ct.turn.texts.languages:
        ct.alert("alert-forged")
        return
    ct.citizen.language = language
    await ct.uow.citizens.save(ct.citizen)
    staff = await ct.uow.staff.get_by_telegram_id(ct.citizen.telegram_id)
    if staff is not None and staff.language != language:
        staff.language = language  # what staff are sent in private follows it too
        await ct.uow.staff.save(staff)
    ct.turn.language = language  # this answer already speaks the new language
    await ct.say(ct.t("language-changed"), main_menu(ct.turn.texts, language))


async def run_menu(ct: CitizenTurn, action: str) -> None:
    """A tap on the reply-keyboard menu (its label arrives as text)."""
    match action:
        case "new":
            await start_intake(ct)
        case "my":
            await show_my_tickets(ct, 0)
        case "help":
            await show_help(ct)
        case _:
            await choose_language(ct)
