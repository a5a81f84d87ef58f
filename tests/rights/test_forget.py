"""`/forget`: after the citizen confirms, no table holds their name, username, phone,
Telegram id or anything they wrote; their open complaints are withdrawn and the agencies told;
a stale or forged confirmation erases nothing; a second request changes nothing; coming back
starts fresh. Searched in every column of every table, reflected from the database."""

from __future__ import annotations

from datetime import timedelta

from domain.evidence import sha256_of
from domain.outbound import Outbound
from domain.status import TicketStatus
from handlers.buttons import FORGET
from handlers.callbacks import CALLBACKS
from handlers.turn import Turn
from scheduler.retention import purge_evidence
from storage.tables import OutboxMessageRow, table_of
from tests.rights.city import (
    MARKERS,
    NAME,
    OTHER_TEXT,
    SHARED_PHOTO,
    TEXTS,
    TG_ID,
    City,
    uow_of,
)
from tests.rights.search import find

OUTBOX = table_of(OutboxMessageRow)


def confirmation_buttons(turn: Turn) -> dict[str, str]:
    """The /forget question's buttons: answer word -> callback data."""
    [question] = [m for m in turn.queued if m.keyboard is not None]
    assert question.keyboard is not None
    buttons = [b for row in question.keyboard.rows for b in row]
    return {str(CALLBACKS.unpack(b.data)[1][-1]): str(b.data) for b in buttons}


async def forget(c: City) -> Turn:
    asked = await c.command("/forget")
    assert "2" in (asked.queued[0].text or "")  # two complaints still open
    return await c.press(confirmation_buttons(asked)["yes"])


async def everywhere(c: City) -> list[tuple[str, str, str]]:
    async with uow_of(c) as uow:
        return await find(uow, MARKERS, [TG_ID])


async def test_nothing_about_them_is_left_in_any_table(city: City) -> None:
    c = city
    before = await everywhere(c)
    assert {t for t, _, _ in before} >= {
        "citizen",
        "ticket",
        "ticket_event",
        "attachment",
        "evidence_file",
        "evidence_download",
        "evidence_blob",
        "inbox_update",
        "outbox_message",
        "message_link",
        "draft",
        "flood_count",
        "report_request",
        "upload",
        "open311_request",
    }  # fmt: skip  (the markers really were everywhere)

    done = await forget(c)
    assert done.callback_answer is not None
    assert done.callback_answer.text == TEXTS.plain("id", "forget-toast")
    assert all(m.personal for m in done.queued)  # what we tell them is not kept either
    await c.deliver()  # Telegram took the confirmation: its row goes
    assert await purge_evidence(c.w.factory, c.store) == 3  # QZFILE-1, -2, -3

    assert await everywhere(c) == []
    async with uow_of(c) as uow:
        kept = await find(uow, ["KEEPOTHER"])
        assert ("ticket", "description", "KEEPOTHER") in kept  # the search does find things
        assert await c.store.get(sha256_of(SHARED_PHOTO)) == SHARED_PHOTO  # still someone's
        citizen = await uow.citizens.get(c.citizen.id or 0)
        assert citizen is not None and citizen.erased_at is not None
        assert (citizen.name, citizen.telegram_id, citizen.chat_id) == ("[dihapus]", None, None)


async def test_open_complaints_are_withdrawn_and_the_agencies_told(city: City) -> None:
    c = city
    async with uow_of(c) as uow:
        seen = {r.payload.get("text") for r in await uow.session.execute(OUTBOX.select())}
    await forget(c)
    w = c.w
    assert (await w.ticket(c.in_work.id or 0)).status == TicketStatus.CANCELLED
    assert (await w.ticket(c.queued.id or 0)).status == TicketStatus.CANCELLED
    closed = await w.ticket(c.closed.id or 0)
    assert closed.status == TicketStatus.CLOSED and closed.rating == 4  # kept for statistics
    assert (closed.latitude, closed.longitude) == (-7.568, 110.812)  # about 100 m
    async with uow_of(c) as uow:
        rows = await uow.session.execute(OUTBOX.select())
        told = [(r.chat_id, Outbound.from_json(r.payload).text or "") for r in rows]
    told = [(chat, text) for chat, text in told if text not in seen]
    withdrawn = TEXTS.text("id", "staff-under-withdrawn", code=c.in_work.code)
    assert (w.chat_of(w.roads), str(withdrawn)) in told  # the agency working on it
    unit_note = TEXTS.text("id", "staff-under-withdrawn", code=c.queued.code)
    assert (w.chat_of(w.unit), str(unit_note)) in told  # still in the unit's queue
    assert not any(chat == TG_ID and "withdrawn" in text for chat, text in told)
    assert all(NAME not in text and "QZ" not in text for _, text in told)


async def test_a_stale_or_forged_confirmation_erases_nothing(city: City) -> None:
    c = city
    asked = await c.command("/forget")
    buttons = confirmation_buttons(asked)
    _, (minute, complaints, _) = CALLBACKS.unpack(buttons["yes"])
    c.w.clock.advance(timedelta(minutes=16))
    stale = await c.press(buttons["yes"])
    assert stale.callback_answer is not None and stale.callback_answer.alert
    forged = await c.press(FORGET.pack(int(minute) + 100_000, int(complaints), "yes"))
    assert forged.callback_answer is not None and forged.callback_answer.alert
    miscounted = await c.press(FORGET.pack(int(minute) + 16, int(complaints) + 1, "yes"))
    assert miscounted.callback_answer is not None and miscounted.callback_answer.alert
    garbage = await c.press("fg1:1:2:maybe")
    assert garbage.callback_answer is not None and garbage.callback_answer.alert
    kept = await c.press(confirmation_buttons(await c.command("/forget"))["no"])
    assert [m.text for m in kept.queued] == [TEXTS.text("id", "forget-kept")]
    async with uow_of(c) as uow:
        citizen = await uow.citizens.get(c.citizen.id or 0)
    assert citizen is not None and citizen.erased_at is None and citizen.name == NAME


async def test_erasure_is_idempotent_and_a_returning_citizen_starts_fresh(city: City) -> None:
    c = city
    await forget(c)
    again = await c.press(FORGET.pack(0, 0, "yes"))  # an old button: no citizen any more
    assert again.callback_answer is not None and again.callback_answer.alert
    async with uow_of(c) as uow:
        assert await uow.citizens.get_by_telegram_id(TG_ID) is None  # pressing made no one
    back = await c.command("/start")
    assert back.queued
    async with uow_of(c) as uow:
        fresh = await uow.citizens.get_by_telegram_id(TG_ID)
        assert fresh is not None and fresh.id != c.citizen.id and fresh.erased_at is None
        assert await uow.tickets.count_for_citizen(fresh.id or 0) == 0
        old = await uow.citizens.get(c.citizen.id or 0)
        assert old is not None and old.telegram_id is None
    # The same person forgetting the fresh row leaves the old tombstone as it was.
    await c.press(confirmation_buttons(await c.command("/forget"))["yes"])
    async with uow_of(c) as uow:
        assert (await uow.citizens.get(c.citizen.id or 0)) == old
        audit = await uow.audit.recent(
            c.w.clock.now().replace(year=2000), c.w.clock.now().replace(year=2100)
        )
    erasures = [e for e in audit if e.action == "data.erase"]
    assert [(e.actor_role, e.target) for e in erasures] == [
        ("citizen", f"citizen:{fresh.id}"),
        ("citizen", f"citizen:{c.citizen.id}"),
    ]
    assert all(OTHER_TEXT not in str(e.after) and NAME not in str(e.after) for e in audit)


async def test_a_blocked_account_cannot_forge_its_way_to_a_fresh_start(city: City) -> None:
    c = city
    buttons = confirmation_buttons(await c.command("/forget"))
    async with uow_of(c) as uow:
        citizen = await uow.citizens.get(c.citizen.id or 0)
        assert citizen is not None
        citizen.banned = True
        await uow.citizens.save(citizen)
        await uow.commit()
    refused = await c.press(buttons["yes"])
    assert refused.callback_answer is not None and refused.callback_answer.alert
    async with uow_of(c) as uow:
        still = await uow.citizens.get(c.citizen.id or 0)
    assert still is not None and still.erased_at is None and still.telegram_id == TG_ID
