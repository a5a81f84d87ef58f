"""Over Telegram, on both libraries and both databases: the officer who claimed a ticket gets
the reporter's phone with /ticket CODE in private, a colleague who did not claim it is
refused, no group card ever shows it, and the admin's /auditlog lists both."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from domain.usecases import claim_ticket, dispatch_ticket
from tests.e2e.harness import Harness
from tests.e2e.staff.city import TEXTS, WAIT, staffed_city

PHONE = "+6281298765432"


def plain(key: str, **args: Any) -> str:
    """A catalogue text as Telegram shows it: tags gone, entities unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.text("id", key, **args)))


async def test_the_phone_goes_only_to_the_claiming_officer_and_is_audited(bot: Harness) -> None:
    city = await staffed_city(bot)
    c = city.client
    ticket = await city.file(contact_phone=PHONE)
    assert ticket.id is not None
    await city.as_staff(city.admin, dispatch_ticket, ticket.id, [city.ids["dpupr"]])
    await city.as_staff(city.officer_a, claim_ticket, ticket.id)
    card = await city.card(city.group_a, ticket.code)

    claimer, colleague = city.officer_a, city.officer_a2
    for user in (claimer, colleague, city.admin):
        await c.start(user["id"])
        await c.wait_for_messages(user["id"], 1, timeout=WAIT)
    await c.send_command(claimer["id"], "ticket", ticket.code)
    shown = await city.message_with(claimer["id"], PHONE)
    assert ticket.code in shown["text"]
    await c.send_command(colleague["id"], "ticket", ticket.code)
    await city.message_with(colleague["id"], plain("staff-ticket-refused", code=ticket.code))

    await c.send_command(city.admin["id"], "auditlog")
    log = await city.message_with(city.admin["id"], plain("staff-auditlog-title", days=7, count=2))
    reporter = plain("audit-target-citizen", id=ticket.citizen_id)
    assert f"Andi Test (petugas) · melihat kontak {reporter} (" in log["text"]
    assert f"Rina Test (petugas) · ditolak untuk {ticket.code}" in log["text"]

    for chat in (city.group_a, city.admin_group, city.group_b):
        assert all(PHONE not in (m.get("text") or "") for m in await c.messages(chat))
    assert PHONE not in card["text"]
    async with bot.db.uow(read_only=True) as uow:
        now = bot.clock.now()
        entries = await uow.audit.between(now - timedelta(days=1), now + timedelta(days=1))
    assert [e.action for e in entries] == ["citizen.data_shown", "command.refused", "audit.view"]
    assert all(PHONE not in str(e.after) for e in entries)  # the log holds no phone either
