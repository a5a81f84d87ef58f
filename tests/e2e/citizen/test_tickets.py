"""After filing: a citizen sees their own tickets and nobody else's, adds information, confirms
a fix with a rating, and reopens one that is not fixed. The agency side is simulated through
the domain use cases (tests/e2e/citizen/agency.py)."""

from __future__ import annotations

from domain.status import TicketStatus
from tests.e2e.citizen.agency import Agency
from tests.e2e.citizen.chat import Chat, buttons, png, text_of
from tests.e2e.harness import Harness


async def test_a_citizen_sees_only_their_own_tickets_and_files_at_most_five_an_hour(
    bot: Harness,
) -> None:
    agency = await Agency.staff(bot)
    ani, budi = await Chat.open(bot, "Ani"), await Chat.open(bot, "Budi")
    for c in (ani, budi):
        await c.command("start")
        await c.one()
    ticket = await agency.file_for(ani)
    await ani.until(ticket.code)  # "received, with code ..."
    not_found = budi.t("ticket-not-found")
    await budi.set(unreachable=True)  # as the sender marks a citizen who blocked the bot

    await budi.command("status", ticket.code)
    assert text_of(await budi.one()) == not_found
    await budi.command("status", "ADU-ZZZZZZ")  # a code nobody has: the very same answer
    assert text_of(await budi.one()) == not_found
    await budi.command("start", f"t_{ticket.code}")
    assert text_of((await budi.expect(2))[1]) == not_found
    await budi.command("lang")
    picker = await budi.one()
    budi.forge(picker, f"st1:{ticket.code}")  # a button that was never sent to Budi
    answer = await budi.press(picker, buttons(picker)[0])
    assert answer["text"] == not_found and answer["show_alert"] is True
    assert (await budi.citizen()).unreachable is False  # writing again made them reachable

    await budi.command("privacy")
    privacy = text_of(await budi.one())  # what is kept, then for how long (RETENTION_*)
    assert privacy.startswith(budi.t("citizen-privacy"))
    assert privacy.endswith(budi.t("privacy-retention", updates=7, outbox=30, personal=24))
    await budi.set(banned=True)
    await budi.say(budi.t("menu-new"))
    assert text_of(await budi.one()) == budi.t("citizen-banned")
    assert await budi.draft() is None

    await ani.command("status", ticket.code.lower())  # typed in any case
    view = await ani.one()
    submitted = ani.t(
        "timeline-event", action="submit", agency="", text="", rating=0, reason="", photos=0
    )
    assert ticket.code in text_of(view) and submitted in text_of(view)
    await ani.press(view, ani.t("btn-cancel-ticket"))
    await ani.press(await ani.one(), ani.t("btn-cancel-yes"))
    await ani.until(ticket.code)  # "cancelled as you asked"
    assert (await ani.tickets())[0].status == TicketStatus.CANCELLED
    await ani.command("my")
    listing = await ani.one()
    assert ticket.code in text_of(listing) and any(ticket.code in b for b in buttons(listing))

    for _ in range(4):  # five complaints within the hour...
        filed = await agency.file_for(ani)
        await ani.until(filed.code)
    await ani.say(ani.t("menu-new"))  # ...so a sixth has to wait
    assert text_of(await ani.one()) == ani.t("citizen-too-many-complaints")
    assert await ani.draft() is None


async def test_add_information_then_confirm_the_fix_with_a_rating(bot: Harness) -> None:
    agency = await Agency.staff(bot)
    c = await Chat.open(bot, "Budi")
    await c.command("start")
    await c.one()
    ticket = await agency.file_for(c)
    await agency.to_officer(ticket)
    await agency.ask(ticket, "Tepatnya di RT berapa?")
    question = await c.until("Tepatnya di RT berapa?")

    await c.say("RT 05 RW 02, dekat pos ronda.", reply_to=question["message_id"])
    assert text_of(await c.one()) == c.t("addinfo-received", code=ticket.code)
    (fresh,) = await c.tickets()
    assert fresh.status == TicketStatus.IN_PROGRESS  # answered: the agency's clock runs again

    await c.command("status", ticket.code)
    view = await c.one()
    await c.press(view, c.t("btn-add-info"))
    asked = await c.one()
    assert text_of(asked) == c.t("addinfo-ask", code=ticket.code)
    await bot.client.send_photo(c.id, png(5))
    assert text_of(await c.one()) == c.t("addinfo-received", code=ticket.code)
    await c.press(asked, c.t("btn-done"))
    assert text_of(await c.one()) == c.t("addinfo-finished", code=ticket.code)
    assert await c.draft() is None
    async with bot.db.uow(read_only=True) as uow:
        events = await uow.events.for_ticket(fresh.id or 0)
    added = [e for e in events if e.action == "citizen_add_info"]
    assert [e.text for e in added] == ["RT 05 RW 02, dekat pos ronda.", None]
    assert len(await c.attachments(fresh)) == 1

    await agency.resolve(ticket, "Lubang sudah ditambal dan diaspal ulang.")
    resolved = await c.until("Lubang sudah ditambal")
    await c.press(resolved, c.t("btn-solved-yes"))
    closed = await c.one()
    assert "4⭐" in buttons(closed)
    await c.press(closed, "4⭐")
    assert text_of(await c.one()) == c.t("rating-comment-ask", rating=4)
    await c.say("Cepat dan rapi, terima kasih.")
    assert text_of(await c.one()) == c.t("rating-thanks", code=ticket.code)
    (done,) = await c.tickets()
    assert done.status == TicketStatus.CLOSED and done.solved is True
    assert (done.rating, done.rating_comment) == (4, "Cepat dan rapi, terima kasih.")
    assert await c.draft() is None


async def test_not_fixed_reopens_the_ticket_with_the_citizens_reason(bot: Harness) -> None:
    agency = await Agency.staff(bot)
    c = await Chat.open(bot, "Sari")
    await c.command("start")
    await c.one()
    ticket = await agency.file_for(c)
    await agency.to_officer(ticket)
    await agency.resolve(ticket, "Sudah diperbaiki.")
    resolved = await c.until("Sudah diperbaiki.")

    await c.press(resolved, c.t("btn-solved-no"))
    assert text_of(await c.one()) == c.t("reopen-ask", code=ticket.code)
    await c.say("Masih ada lubang besar di sisi kiri jalan.")
    assert ticket.code in text_of(await c.one())  # "reopened and sent back to the officer"
    (reopened,) = await c.tickets()
    assert reopened.status == TicketStatus.IN_PROGRESS and reopened.reopen_count == 1
    stale = await c.press(resolved, c.t("btn-solved-yes"))  # the old question
    assert stale["text"] == c.t("alert-feedback-stale")
    assert await c.draft() is None
