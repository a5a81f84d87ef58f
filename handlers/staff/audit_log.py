"""/auditlog [days]: who did what, and who saw whose data, for admins.

An admin opening the log wants the latest first, readable at a glance in their language: one
line per entry ("02/11 09:15 · Sari (admin) · blocked Reporter #12"). A chat message holds
about forty such lines; when the period has more, the newest ones are shown and the whole
period follows as a CSV file (made by the scheduler, like /export), which is what an auditor
files anyway. Opening the log is itself recorded.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from domain.audit import OPERATOR, AuditAction
from domain.model import AuditEntry
from domain.report_requests import ReportRequest
from domain.roles import Role
from handlers.auditing import audit
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.commanding import ArgError, staff_command
from handlers.staff.talk import lang, st
from handlers.texts import lines
from handlers.turn import Turn

router = Router()

DEFAULT_DAYS, MAX_DAYS = 7, 366
BUDGET = 3800  # characters of lines in one message (Telegram's 4096, less the header)
MAX_LINES = 40
DETAIL = 60  # characters of a before/after value shown in a line


@staff_command(router, "auditlog", usage=False)
async def audit_log(turn: Turn, person: Person, args: str) -> None:
    days = _days(args)
    now = turn.life.now()
    start, end = now - timedelta(days=days), now + timedelta(seconds=1)  # up to now, included
    total = await turn.uow.audit.count(start, end)
    entries = await turn.uow.audit.recent(start, end, limit=MAX_LINES)
    staff_names = {s.id: s.name for s in await turn.uow.staff.list(active_only=False)}
    shown: list[Markup] = []
    used = 0
    for entry in entries:
        line = render_line(turn, entry, staff_names)
        if used + len(line) + 1 > BUDGET:
            break
        shown.append(line)
        used += len(line) + 1
    await audit(turn, person.actor, AuditAction.AUDIT_VIEW, "audit_log", after={"days": days})
    if total == 0:
        await turn.say(st(turn, "staff-auditlog-empty", days=days))
        return
    head = st(turn, "staff-auditlog-title", days=days, count=total)
    tail: list[Markup] = []
    if total > len(shown):
        sent = await _send_file(turn, start, end, days)
        key = "staff-auditlog-more" if sent else "staff-auditlog-partial"
        tail = [Markup(""), st(turn, key, shown=len(shown), count=total)]
    await turn.say(lines([head, Markup(""), *shown, *tail]))


def _days(args: str) -> int:
    text = args.strip()
    if not text:
        return DEFAULT_DAYS
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise ArgError("staff-err-days", value=text[:20], max=MAX_DAYS)
    return int(text)


async def _send_file(turn: Turn, start: Any, end: Any, days: int) -> bool:
    """Ask the scheduler for the whole period as a CSV file in this chat."""
    if turn.incoming.chat is None:
        return False
    tz = ZoneInfo(turn.city.timezone)
    label = f"{start.astimezone(tz):%Y-%m-%d} – {end.astimezone(tz):%Y-%m-%d}"
    user = turn.incoming.user
    await turn.uow.report_requests.add(
        ReportRequest(
            kind="audit",
            chat_id=turn.incoming.chat.id,
            thread_id=turn.incoming.thread_id,
            requested_by=user.id if user else None,
            language=lang(turn),
            period_start=start,
            period_end=end,
            label=label,
        )
    )
    return True


def render_line(turn: Turn, entry: AuditEntry, staff_names: dict[int | None, str]) -> Markup:
    when = entry.at.astimezone(ZoneInfo(turn.city.timezone)).strftime("%d/%m %H:%M")
    key = "audit-" + entry.action.replace(".", "-").replace("_", "-")
    target = _target(turn, entry.target, staff_names)
    detail = _detail(entry)
    if key in turn.texts.keys(lang(turn)):
        what = st(turn, key, target=target, detail=detail or "-")
    else:  # an action added elsewhere without a text yet: still readable
        what = st(turn, "audit-unknown", action=entry.action, target=target, detail=detail)
    return st(turn, "staff-auditlog-line", when=when, who=_actor(turn, entry), what=what)


def _actor(turn: Turn, entry: AuditEntry) -> Markup:
    if entry.actor_role == OPERATOR:
        return st(turn, "audit-actor-operator", name=entry.actor_name or "?")
    if entry.actor_role == Role.CITIZEN.value:
        if entry.actor_id is None:
            return st(turn, "audit-actor-stranger")
        return st(turn, "audit-target-citizen", id=entry.actor_id)
    if entry.actor_role == Role.SYSTEM.value:
        return st(turn, "staff-actor-system")
    role = st(turn, f"staff-role-{entry.actor_role}")
    name = entry.actor_name or f"#{entry.actor_id}"
    return st(turn, "audit-actor-staff", name=name, role=role)


def _target(turn: Turn, target: str, staff_names: dict[int | None, str]) -> str:
    """A raw value (escaped by the catalogue), or a rendered text (Markup)."""
    kind, _, ref = target.partition(":")
    if kind == "citizen" and ref.isdigit():
        return st(turn, "audit-target-citizen", id=int(ref))
    if kind == "staff" and ref.isdigit():
        name = staff_names.get(int(ref))
        return f"{name} (#{ref})" if name else f"#{ref}"
    if kind == "city" and not ref:
        return st(turn, "audit-target-city")
    return ref or kind


def _detail(entry: AuditEntry) -> str:
    """What changed, compactly: `key: old → new`, or the new values alone."""
    before, after = entry.before or {}, entry.after or {}
    parts = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if key in before and key in after:
            if old != new:
                parts.append(f"{key}: {_short(old)} → {_short(new)}")
        elif key in after:
            parts.append(f"{key}: {_short(new)}")
    return "; ".join(parts)


def _short(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    text = "–" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= DETAIL else text[: DETAIL - 1] + "…"
