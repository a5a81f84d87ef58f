"""`/report [week|month|YYYY-MM-DD..YYYY-MM-DD]` and `/export FROM TO`, for admins, in the admin
group or in private.

The handler checks the sender's role in the database (never trusting the chat), parses the
period, says what will come, and records the request; the scheduler's leader builds the report
(text and charts) or the CSV/XLSX files and sends them to this chat within seconds.
"""

from __future__ import annotations

from typing import cast

from domain.roles import UNIT_ROLES
from handlers.reports.periods import BadPeriod, parse_period
from handlers.reports.ports import ReportRequest, ReportRequests
from handlers.router import Router
from handlers.turn import Turn

router = Router()


async def _is_admin(turn: Turn) -> bool:
    user = turn.incoming.user
    if user is None:
        return False
    staff = await turn.uow.staff.get_by_telegram_id(user.id)
    return staff is not None and staff.active and staff.role in UNIT_ROLES


def _requests(turn: Turn) -> ReportRequests | None:
    return cast(ReportRequests | None, getattr(turn.uow, "report_requests", None))


async def _request(turn: Turn, kind: str) -> None:
    if not await _is_admin(turn):
        await turn.say(turn.chat_t("report-admins-only"))
        return
    requests = _requests(turn)
    if requests is None:
        await turn.say(turn.chat_t("error-generic"))
        return
    try:
        period = parse_period(turn.incoming.args or None, turn.life.now(), turn.city.timezone)
    except BadPeriod:
        await turn.say(turn.chat_t(f"{kind}-usage"))
        return
    user = turn.incoming.user
    await requests.add(
        ReportRequest(
            kind=kind,
            chat_id=turn.incoming.chat.id,
            thread_id=turn.incoming.thread_id,
            requested_by=user.id if user else None,
            language=turn.chat_language,
            period_start=period.start,
            period_end=period.end,
            label=period.label,
        )
    )
    await turn.say(turn.chat_t(f"{kind}-preparing", period=period.label))


@router.command("report")
@router.command("report", private=False)
async def report(turn: Turn) -> None:
    await _request(turn, "report")


@router.command("export")
@router.command("export", private=False)
async def export(turn: Turn) -> None:
    await _request(turn, "export")
