"""/sla: show or change how long each stage may take, for the city or for one category.

Durations use the seed file's notation ("1wd" working days, "4wh" working hours, "48h" clock
hours). The city-wide values are the `sla` setting; a category's own values are its
`sla_overrides`. New deadlines use them from the next stage that starts; running clocks keep
the deadline they were given, as promised to the citizen.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.audit import AuditAction
from domain.errors import ValidationFailed
from domain.sla import SlaDuration
from domain.status import SlaStage
from handlers.auditing import audit
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.commanding import ArgError, fit, staff_command
from handlers.staff.talk import st
from handlers.turn import Turn

router = Router()

RESET = ("default", "-")


def _stage(word: str) -> SlaStage | None:
    try:
        return SlaStage(word.lower().replace("-", "_"))
    except ValueError:
        return None


def _duration(word: str) -> SlaDuration:
    try:
        return SlaDuration.parse(word)
    except ValidationFailed:
        raise ArgError("staff-err-duration", value=word[:20]) from None


@staff_command(router, "sla", usage=False)
async def sla(turn: Turn, person: Person, args: str) -> None:
    parts = args.split()
    if not parts:
        await audit(turn, person.actor, AuditAction.SLA_VIEW, "sla")
        await _show(turn)
        return
    stage = _stage(parts[0])
    if stage is not None:
        if len(parts) != 2:
            raise ArgError("staff-err-sla-args")
        await _set_city(turn, person, stage, _duration(parts[1]))
        return
    category = await turn.uow.categories.get_by_code(parts[0].lower())
    if category is None:
        raise ArgError("staff-err-sla-target", value=parts[0][:20])
    if len(parts) != 3:
        raise ArgError("staff-err-sla-args")
    stage = _stage(parts[1])
    if stage is None:
        raise ArgError("staff-err-stage", value=parts[1][:20])
    overrides = dict(category.sla_overrides)
    before = {stage.value: overrides.get(stage.value)}
    if parts[2].lower() in RESET:
        overrides.pop(stage.value, None)
        shown = st(turn, "staff-sla-default")
    else:
        shown = str(_duration(parts[2]))
        overrides[stage.value] = shown
    category.sla_overrides = overrides
    await turn.uow.categories.save(category)
    after = {stage.value: overrides.get(stage.value)}
    target = f"category:{category.code}"
    await audit(turn, person.actor, AuditAction.SLA_SET, target, before=before, after=after)
    await turn.say(
        st(turn, "staff-sla-set-category", category=category.code, stage=stage.value, value=shown)
    )


async def _set_city(turn: Turn, person: Person, stage: SlaStage, duration: SlaDuration) -> None:
    stored = dict(await turn.uow.settings.get("sla") or {})
    before = {stage.value: str(turn.life.sla.defaults[stage])}
    stored[stage.value] = str(duration)
    await turn.uow.settings.set("sla", stored)
    after = {stage.value: str(duration)}
    await audit(turn, person.actor, AuditAction.SLA_SET, "city", before=before, after=after)
    # This process uses it at once; other worker processes reload the setting when this
    # commits (bot.runtime follows the settings' NOTIFY on PostgreSQL).
    turn.life.sla.defaults[stage] = duration
    await turn.say(st(turn, "staff-sla-set", stage=stage.value, value=str(duration)))


async def _show(turn: Turn) -> None:
    defaults = turn.life.sla.defaults
    lines = [st(turn, "staff-sla-title")]
    lines += [
        st(turn, "staff-sla-line", stage=stage.value, value=str(defaults[stage]))
        for stage in SlaStage
    ]
    for category in await turn.uow.categories.list():
        if category.sla_overrides:
            values = ", ".join(f"{k}={v}" for k, v in sorted(category.sla_overrides.items()))
            lines.append(st(turn, "staff-sla-category-line", code=category.code, values=values))
    lines += [Markup(""), st(turn, "staff-usage-sla")]
    await turn.say(fit(lines))
