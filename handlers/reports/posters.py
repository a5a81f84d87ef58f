"""`/poster [category]`, for admins: an A4 QR poster of the bot's deep link, sent as a file.

Like /report, the handler only checks who asks and what for, and records the request; the
scheduler's leader renders the poster (a second or so of matplotlib, which must not hold a
chat's queue or SQLite's write lock) and sends the PDF and a PNG preview to this chat. The
request's label is the deep link the poster carries.
"""

from __future__ import annotations

import re

from domain.audit import AuditAction
from domain.report_requests import ReportRequest
from domain.roles import UNIT_ROLES
from domain.usecases import Actor
from handlers.auditing import audit, audit_refusal
from handlers.reports.commands import asker, unit_admin
from handlers.router import Router
from handlers.turn import Turn

router = Router()

CATEGORY_CODE = re.compile(r"[a-z0-9_]{1,20}")


def poster_link(bot: str, category: str | None) -> str:
    """The deep link `handlers/citizen/menu.py` follows (`c_<category>` starts a complaint)."""
    return f"https://t.me/{bot}" + (f"?start=c_{category}" if category else "")


async def _poster(turn: Turn) -> None:
    admin = await unit_admin(turn)
    if admin is None:
        await audit_refusal(turn, await asker(turn), "poster")
        await turn.say(turn.chat_t("poster-admins-only"))
        return
    bot = turn.city.bot_username
    if not bot:
        await turn.say(turn.chat_t("error-generic"))
        return
    code = turn.incoming.args.strip().lower() or None
    if code is not None:
        category = (
            await turn.uow.categories.get_by_code(code) if CATEGORY_CODE.fullmatch(code) else None
        )
        if category is None or not category.active:
            codes = ", ".join(c.code for c in await turn.uow.categories.list())
            await turn.say(turn.chat_t("poster-usage", codes=codes))
            return
    now = turn.life.now()
    user = turn.incoming.user
    link = poster_link(bot, code)
    await turn.uow.report_requests.add(
        ReportRequest(
            kind="poster",
            chat_id=turn.incoming.chat.id,
            thread_id=turn.incoming.thread_id,
            requested_by=user.id if user else None,
            language=turn.chat_language,
            period_start=now,
            period_end=now,
            label=link,
        )
    )
    await audit(turn, Actor.staff(admin), AuditAction.POSTER_REQUEST, f"poster:{code or 'all'}")
    await turn.say(turn.chat_t("poster-preparing", link=link))


@router.command("poster", roles=UNIT_ROLES, record="audit_log")
@router.command("poster", private=False, roles=UNIT_ROLES, record="audit_log")
async def poster(turn: Turn) -> None:
    await _poster(turn)
