"""`/report [week|month|YYYY-MM-DD..YYYY-MM-DD]` and `/export FROM TO`, for admins, in the admin
group or in private.

The handler checks the sender's role in the database (never trusting the chat), parses the
period, says what will come, and records the request; the scheduler's leader builds the report
(text and charts) or the CSV/XLSX files and sends them to this chat within seconds.
"""

from __future__ import annotations

from domain.audit import AuditAction
from domain.model import Staff
from domain.report_requests import ReportRequest
from domain.roles import UNIT_ROLES
from domain.usecases import Actor
from handlers.auditing import audit, audit_refusal
from handlers.reports.periods import BadPeriod, parse_period
from handlers.router import Router
from handlers.turn import Turn

router = Router()


async def unit_admin(turn: Turn) -> Staff | None:
    user = turn.incoming.user
    if user is None:
        return None
    staff = await turn.uow.staff.get_by_telegram_id(user.id)
    return staff if staff is not None and staff.active and staff.role in UNIT_ROLES else None


async def _request(turn: Turn, kind: str) -> None:
    admin = await unit_admin(turn)
    if admin is None:
        await audit_refusal(turn, await asker(turn), kind)
        await turn.say(turn.chat_t("report-admins-only"))
        return
    try:
        period = parse_period(turn.incoming.args or None, turn.life.now(), turn.city.timezone)
    except BadPeriod:
        await turn.say(turn.chat_t(f"{kind}-usage"))
        return
    user = turn.incoming.user
    await turn.uow.report_requests.add(
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
    action = AuditAction.EXPORT_REQUEST if kind == "export" else AuditAction.REPORT_REQUEST
    after = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    await audit(turn, Actor.staff(admin), action, f"period:{period.label}", after=after)
    await turn.say(turn.chat_t(f"{kind}-preparing", period=period.label))


async def asker(turn: Turn) -> Actor | None:
    """Whoever was refused, for the audit log (inactive staff and citizens by row id)."""
    user = turn.incoming.user
    if user is None:
        return None
    staff = await turn.uow.staff.get_by_telegram_id(user.id)
    if staff is not None and staff.active:
        return Actor.staff(staff)
    citizen = await turn.uow.citizens.get_by_telegram_id(user.id)
    return Actor.citizen(citizen) if citizen is not None else None


@router.command("report", roles=UNIT_ROLES, record="audit_log")
@router.command("report", private=False, roles=UNIT_ROLES, record="audit_log")
async def report(turn: Turn) -> None:
    await _request(turn, "report")


@router.command("export", roles=UNIT_ROLES, record="audit_log")
@router.command("export", private=False, roles=UNIT_ROLES, record="audit_log")
async def export(turn: Turn) -> None:
    await _request(turn, "export")
