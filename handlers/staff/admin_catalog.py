"""The city's reference data from Telegram: agencies, categories and canned responses.

The TOML seed file sets a city up; these commands let the complaint unit add an agency, a
category or a template on the day it is needed, without shell access. Codes follow the seed
file's rule (lowercase a-z, 0-9 and _, at most 20) because they appear in deep links.
"""

from __future__ import annotations

import re

from domain.audit import AuditAction
from domain.model import Agency, Category, Template
from domain.usecases.steps import MAX_TEXT
from handlers.auditing import audit
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.commanding import ArgError, agency_arg, fit, staff_command, words
from handlers.staff.talk import st
from handlers.turn import Turn

router = Router()

CODE = re.compile(r"[a-z0-9_]{1,20}")
NAME_MAX = 120
TEMPLATE_NAME = re.compile(r"[a-z0-9_-]{1,32}")
TEMPLATE_MAX = MAX_TEXT  # a template is relayed like a reply: as long as a message can be


def _new_code(text: str) -> str:
    if not CODE.fullmatch(text):
        raise ArgError("staff-err-new-code", value=text[:40])
    return text


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise ArgError("staff-err-missing-name")
    if len(name) > NAME_MAX:
        raise ArgError("staff-err-too-long-name", max=NAME_MAX)
    return name


@staff_command(router, "agencies", usage=False)
async def agencies(turn: Turn, person: Person, args: str) -> None:
    lines = [st(turn, "staff-agencies-title")]
    for agency in await turn.uow.agencies.list():
        if agency.group_chat_id is None:
            group = st(turn, "staff-group-none")
        elif agency.group_active:
            group = st(turn, "staff-group-linked")
        else:
            group = st(turn, "staff-group-inactive")
        lines.append(
            st(
                turn,
                "staff-agency-line",
                code=agency.code,
                name=agency.name,
                unit="yes" if agency.is_complaint_unit else "no",
                group=group,
            )
        )
    await audit(turn, person.actor, AuditAction.AGENCY_LIST, "agencies")
    await turn.say(fit(lines))


@staff_command(router, "agency")
async def agency(turn: Turn, person: Person, args: str) -> None:
    sub, code, name = words(args, 3)
    if sub.lower() != "add":
        raise ArgError("staff-err-subcommand", value=sub[:20])
    code = _new_code(code)
    name = _name(name)
    if await turn.uow.agencies.get_by_code(code) is not None:
        raise ArgError("staff-err-code-taken", value=code)
    await turn.uow.agencies.add(Agency(code=code, name=name))
    await audit(turn, person.actor, AuditAction.AGENCY_ADD, f"agency:{code}", after={"name": name})
    await turn.say(st(turn, "staff-agency-added", code=code, name=name))


@staff_command(router, "categories", usage=False)
async def categories(turn: Turn, person: Person, args: str) -> None:
    names = {a.id: a.code for a in await turn.uow.agencies.list(active_only=False)}
    lines = [st(turn, "staff-categories-title")]
    for category in await turn.uow.categories.list():
        extras = []
        if category.auto_verify:
            extras.append(st(turn, "staff-category-auto"))
        if category.sla_overrides:
            extras.append(", ".join(f"{k}={v}" for k, v in sorted(category.sla_overrides.items())))
        agency_code = names.get(category.default_agency_id or 0, "-")
        lines.append(
            st(
                turn,
                "staff-category-line-extras" if extras else "staff-category-line",
                code=category.code,
                name=category.name,
                agency=agency_code,
                extras="; ".join(extras),
            )
        )
    await audit(turn, person.actor, AuditAction.CATEGORY_LIST, "categories")
    await turn.say(fit(lines))


@staff_command(router, "category")
async def category(turn: Turn, person: Person, args: str) -> None:
    sub, code, agency_code, name = words(args, 4)
    if sub.lower() != "add":
        raise ArgError("staff-err-subcommand", value=sub[:20])
    code = _new_code(code)
    if not agency_code:
        raise ArgError("staff-err-missing-agency")
    target = await agency_arg(turn, agency_code, unit_ok=True)
    name = _name(name)
    if await turn.uow.categories.get_by_code(code) is not None:
        raise ArgError("staff-err-code-taken", value=code)
    order = len(await turn.uow.categories.list(active_only=False))
    await turn.uow.categories.add(
        Category(code=code, name=name, default_agency_id=target.id, sort_order=order)
    )
    after = {"name": name, "agency": target.code}
    await audit(turn, person.actor, AuditAction.CATEGORY_ADD, f"category:{code}", after=after)
    await turn.say(st(turn, "staff-category-added", code=code, name=name, agency=target.name))


@staff_command(router, "template")
async def template(turn: Turn, person: Person, args: str) -> None:
    sub, scope, name, text = words(args, 4)
    if sub.lower() != "add":
        raise ArgError("staff-err-subcommand", value=sub[:20])
    if not scope:
        raise ArgError("staff-err-missing-agency")
    agency_id = None
    if scope.lower() != "all":
        agency_id = (await agency_arg(turn, scope)).id
    if not TEMPLATE_NAME.fullmatch(name.lower()):
        raise ArgError("staff-err-template-name", value=name[:40])
    text = text.strip()
    if not text:
        raise ArgError("staff-err-missing-text")
    if len(text) > TEMPLATE_MAX:
        raise ArgError("staff-err-too-long-text", max=TEMPLATE_MAX)
    existing = await turn.uow.templates.list_for_agency(agency_id)
    same = next((t for t in existing if t.name == name.lower() and t.agency_id == agency_id), None)
    before = {"text": same.text} if same is not None else None
    if same is not None:
        same.text = text
        await turn.uow.templates.save(same)
    else:
        await turn.uow.templates.add(Template(name=name.lower(), text=text, agency_id=agency_id))
    target = f"template:{scope.lower()}/{name.lower()}"
    await audit(
        turn, person.actor, AuditAction.TEMPLATE_SAVE, target, before=before, after={"text": text}
    )
    await turn.say(st(turn, "staff-template-saved", name=name.lower(), scope=scope))
