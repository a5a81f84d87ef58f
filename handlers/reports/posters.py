"""`/poster [category]`, for admins: an A4 QR poster of the bot's deep link, sent as a file.

Like /report, the handler only checks who asks and what for, and records the request; the
scheduler's leader renders the poster (a second or so of matplotlib, which must not hold a
chat's queue or SQLite's write lock) and sends the PDF and a PNG preview to this chat. The
request's label is the deep link the poster carries.
"""

from __future__ import annotations

import re

from handlers.reports.commands import _is_admin, _requests
from handlers.reports.ports import ReportRequest
from handlers.router import Router
from handlers.turn import Turn

router = Router()

CATEGORY_CODE = re.compile(r"[a-z0-9_]{1,20}")


def poster_link(bot: str, category: str | None) -> str:
    """The deep link `handlers/citizen/menu.py` follows (`c_<category>` starts a complaint)."""
    return f"https://t.me/{bot}" + (f"?start=c_{category}" if category else "")


async def _poster(turn: Turn) -> None:
    if not await _is_admin(turn):
        await turn.say(turn.t("poster-admins-only"))
        return
    requests = _requests(turn)
    bot = turn.city.bot_username
    if requests is None or not bot:
        await turn.say(turn.t("error-generic"))
        return
    code = turn.incoming.args.strip().lower() or None
    if code is not None:
        category = (
            await turn.uow.categories.get_by_code(code) if CATEGORY_CODE.fullmatch(code) else None
        )
        if category is None or not category.active:
            codes = ", ".join(c.code for c in await turn.uow.categories.list())
            await turn.say(turn.t("poster-usage", codes=codes))
            return
    now = turn.life.now()
    user = turn.incoming.user
    link = poster_link(bot, code)
    await requests.add(
        ReportRequest(
            kind="poster",
            chat_id=turn.incoming.chat.id,
            thread_id=turn.incoming.thread_id,
            requested_by=user.id if user else None,
            language=turn.language,
            period_start=now,
            period_end=now,
            label=link,
        )
    )
    await turn.say(turn.t("poster-preparing", link=link))


@router.command("poster")
@router.command("poster", private=False)
async def poster(turn: Turn) -> None:
    await _poster(turn)
