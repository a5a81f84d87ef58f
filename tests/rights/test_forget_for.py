"""A superadmin's `/forget <reporter>` for a request received another way: superadmins only,
confirmed with buttons that re-check the role and go stale, audited both when asked and when
done, and the very same erasure as the citizen's own."""

from __future__ import annotations

from datetime import timedelta

from domain.model import Staff
from domain.roles import Role
from domain.status import TicketStatus
from handlers.buttons import FORGET_FOR
from handlers.callbacks import CALLBACKS
from tests.rights.city import MARKERS, TEXTS, TG_ID, City, uow_of
from tests.rights.search import find

SUPER = 105


async def superadmin(c: City) -> Staff:
    async with uow_of(c) as uow:
        staff = await uow.staff.add(
            Staff(SUPER, "Super Ani", Role.SUPERADMIN, c.w.clock.now(), c.w.unit.id)
        )
        await uow.commit()
    return staff


def erase_button(turn: object) -> str:
    [question] = [m for m in turn.queued if m.keyboard is not None]  # type: ignore[attr-defined]
    return next(
        str(b.data) for row in question.keyboard.rows for b in row if b.data.endswith(":yes")
    )


async def test_a_superadmin_erases_a_reporter_after_confirming(city: City) -> None:
    c = city
    boss = await superadmin(c)
    reporter = c.citizen.id
    asked = await c.command(f"/forget #{reporter}", user_id=SUPER)
    text = asked.queued[0].text or ""
    assert f"#{reporter}" in text and "QZ" not in text  # the number, never the person
    button = erase_button(asked)
    refused = await c.press(button, user_id=c.w.admin.telegram_id)  # an admin is not enough
    assert refused.callback_answer is not None and refused.callback_answer.alert
    done = await c.press(button, user_id=SUPER)
    assert done.queued[0].edit_message_id == 77  # the question becomes its outcome
    assert (await c.w.ticket(c.in_work.id or 0)).status == TicketStatus.CANCELLED
    await c.deliver()
    async with uow_of(c) as uow:
        left = await find(uow, MARKERS, [TG_ID])
        entries = await uow.audit.between(
            c.w.clock.now() - timedelta(days=1), c.w.clock.now() + timedelta(days=1)
        )
    assert {t for t, _, _ in left} <= {"evidence_blob"}  # the bytes go with the next purge
    mine = [(e.action, e.actor_id, e.actor_role) for e in entries if e.actor_id == boss.id]
    assert mine == [
        ("data.erase_request", boss.id, "superadmin"),
        ("data.erase", boss.id, "superadmin"),
    ]
    assert [e.target for e in entries if e.actor_id == boss.id] == [f"citizen:{reporter}"] * 2
    again = await c.command(f"/forget {reporter}", user_id=SUPER)
    assert again.queued[0].text == TEXTS.text("id", "forget-staff-already", id=str(reporter))


async def test_only_a_superadmin_may_and_old_buttons_do_nothing(city: City) -> None:
    c = city
    await superadmin(c)
    reporter = c.citizen.id or 0
    admin = await c.command(f"/forget {reporter}", user_id=c.w.admin.telegram_id)
    assert admin.queued[0].text == TEXTS.text("id", "forget-staff-only")
    citizen = await c.command(f"/forget {c.w.other_citizen.id}")  # a citizen typing a number
    assert citizen.queued[0].text == TEXTS.text("id", "forget-staff-only")
    unknown = await c.command("/forget 99999", user_id=SUPER)
    assert "99999" in (unknown.queued[0].text or "")
    button = erase_button(await c.command(f"/forget {reporter}", user_id=SUPER))
    c.w.clock.advance(timedelta(minutes=20))
    stale = await c.press(button, user_id=SUPER)
    assert stale.callback_answer is not None and stale.callback_answer.alert
    _, (_, minute, count, _) = CALLBACKS.unpack(button)
    changed = FORGET_FOR.pack(reporter, int(minute) + 20, int(count) - 1, "yes")
    assert (await c.press(changed, user_id=SUPER)).callback_answer.alert  # type: ignore[union-attr]
    async with uow_of(c) as uow:
        person = await uow.citizens.get(reporter)
        refusals = await uow.audit.between(
            c.w.clock.now() - timedelta(days=1), c.w.clock.now() + timedelta(days=1)
        )
    assert person is not None and person.erased_at is None
    assert sum(1 for e in refusals if e.action == "command.refused") == 2
