"""The scheduler inside the real runtime, against the emulator, for both libraries and both
databases: SLA reminders land under the ticket's card in the right chats, exactly once each;
/report and /export come back as text, chart photos and CSV/XLSX documents."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from openpyxl import load_workbook

from domain.model import Citizen, Staff, Ticket, TicketEvent
from domain.outbound import Outbound
from domain.ports import UnitOfWork
from domain.roles import Role
from domain.usecases import Actor, Lifecycle, submit_ticket, verify_ticket
from tests.e2e.harness import Harness
from tests.scheduler.test_report import png_size

PNG = b"\x89PNG\r\n\x1a\n"


class QuietNotifier:
    """Setup only: the tickets are made directly, so nobody needs to be told about them."""

    async def on_event(self, uow: UnitOfWork, ticket: Ticket, event: TicketEvent) -> None:
        return None


async def link_group(h: Harness, code: str, title: str, members: list[int]) -> int:
    chat = await h.client.create_chat("group", title, members=members)
    async with h.db.uow() as uow:
        agency = await uow.agencies.get_by_code(code)
        assert agency is not None
        agency.group_chat_id, agency.group_active = chat["id"], True
        await uow.agencies.save(agency)
        await uow.commit()
    return int(chat["id"])


async def add_staff(h: Harness, user: dict[str, Any], role: Role, agency: str) -> Staff:
    async with h.db.uow() as uow:
        owner = await uow.agencies.get_by_code(agency)
        staff = await uow.staff.add(
            Staff(
                user["id"],
                user["first_name"],
                role,
                h.clock.now(),
                owner.id if owner else None,
                chat_id=user["id"],
            )
        )
        await uow.commit()
    return staff


async def queue(h: Harness, *messages: Outbound) -> None:
    async with h.db.uow() as uow:
        await uow.outbox.add_all(list(messages))
        await uow.commit()
    assert h.runtime is not None
    h.runtime.sender.wake()


async def test_sla_reminders_reply_to_the_card_once_per_threshold(bot: Harness) -> None:
    h, runtime = bot, bot.runtime
    assert runtime is not None
    officer, supervisor = await h.citizen("Budi"), await h.citizen("Dewi")
    admin, reporter = await h.citizen("Sari"), await h.citizen("Warga")
    await h.client.start(supervisor["id"])
    await h.client.wait_for_messages(supervisor["id"], 1)
    roads = await link_group(h, "dpupr", "DPUPR", [officer["id"]])
    unit = await link_group(h, "ulas", "ULAS admin", [admin["id"]])
    await add_staff(h, supervisor, Role.SUPERVISOR, "dpupr")
    admin_staff = await add_staff(h, admin, Role.ADMIN, "ulas")

    life = Lifecycle(h.clock, runtime.scheduler.life.sla, QuietNotifier())
    async with h.db.uow() as uow:
        citizen = await uow.citizens.add(
            Citizen(reporter["id"], reporter["id"], "Warga", h.clock.now())
        )
        category = await uow.categories.get_by_code("jalan")
        assert category is not None and category.id is not None
        ticket = await submit_ticket(
            uow,
            life,
            Actor.citizen(citizen),
            category_id=category.id,
            description="Lubang besar di Jalan Slamet Riyadi depan pasar.",
        )
        await verify_ticket(uow, life, Actor.staff(admin_staff), ticket.id or 0)
        await uow.commit()
    await queue(
        h, Outbound(roads, text=f"CARD {ticket.code}", ticket_id=ticket.id, link_purpose="card")
    )
    code = ticket.code

    async def ours(chat: int, count: int) -> list[dict[str, Any]]:
        """This ticket's messages in `chat` (a group also gets the bot's own greeting)."""
        return await wait_for(h, chat, count, lambda m: code in m.get("text", ""))

    card = (await ours(roads, 1))[0]

    async def scan_twice() -> None:
        await runtime.scheduler.run_job("sla_scan")
        await runtime.scheduler.run_job("sla_scan")  # idempotent: nothing more

    h.clock.advance(timedelta(hours=24))  # 50 % of 48 h
    await scan_twice()
    half = (await ours(roads, 2))[1]
    assert "separuh" in half["text"]
    assert half["reply_to_message"]["message_id"] == card["message_id"]

    h.clock.advance(timedelta(hours=24))  # 100 %
    await scan_twice()
    overdue = (await ours(roads, 3))[2]
    assert overdue["reply_to_message"]["message_id"] == card["message_id"]
    escalation = (await ours(supervisor["id"], 1))[0]
    assert "Eskalasi" in escalation["text"]
    assert "🔴" in (await ours(unit, 1))[0]["text"]

    h.clock.advance(timedelta(hours=48))  # 200 %
    await scan_twice()
    assert "🔴🔴" in (await ours(roads, 4))[3]["text"]
    assert "kedua" in (await ours(supervisor["id"], 2))[1]["text"]
    assert "🔴🔴" in (await ours(unit, 2))[1]["text"]

    # Nothing else was sent: a marker sent now is the very next message in every chat.
    await scan_twice()
    chats = (roads, unit, supervisor["id"])
    await queue(h, *(Outbound(c, text=f"END {code}", parse_mode=None) for c in chats))
    for chat, count in ((roads, 5), (unit, 3), (supervisor["id"], 3)):
        messages = await ours(chat, count)
        assert len(messages) == count and messages[-1]["text"] == f"END {code}"


async def wait_for(
    h: Harness, chat: int, count: int, keep: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    """Long-poll the emulator until `count` of the chat's bot messages satisfy `keep`."""
    total = count
    while True:
        messages = await h.client.wait_for_messages(chat, total)
        kept = [m for m in messages if keep(m)]
        if len(kept) >= count:
            return kept
        total = len(messages) + 1


async def test_report_and_export_commands_send_text_charts_and_files(bot: Harness) -> None:
    h, runtime = bot, bot.runtime
    assert runtime is not None
    admin = await h.citizen("Sari")
    unit = await link_group(h, "ulas", "ULAS admin", [admin["id"]])
    await add_staff(h, admin, Role.ADMIN, "ulas")

    def reporting(m: dict[str, Any]) -> bool:
        """The report's messages (the group also gets the bot's own greeting)."""
        return "2026-10-26" in (m.get("text") or m.get("caption") or "") or "document" in m

    await h.client.send_command(admin["id"], "report", "2026-10-26..2026-11-01", chat_id=unit)
    preparing = (await wait_for(h, unit, 1, reporting))[0]
    assert "2026-10-26 – 2026-11-01" in preparing["text"]
    await runtime.scheduler.run_job("report_requests")
    report = await wait_for(h, unit, 5, reporting)
    assert "Laporan pengaduan" in report[1]["text"]
    for photo in report[2:5]:
        data = await h.client.download(photo["photo"][-1]["file_id"])
        assert data.startswith(PNG) and png_size(data) == (900, 500)

    await h.client.send_command(admin["id"], "export", "2026-10-26 2026-11-01", chat_id=unit)
    await wait_for(h, unit, 6, reporting)
    await runtime.scheduler.run_job("report_requests")
    files = (await wait_for(h, unit, 8, reporting))[6:8]
    names = [f["document"]["file_name"] for f in files]
    assert names == ["aduan-2026-10-26_2026-11-01.csv", "aduan-2026-10-26_2026-11-01.xlsx"]
    csv_data = await h.client.download(files[0]["document"]["file_id"])
    header = next(csv.reader(io.StringIO(csv_data.decode("utf-8-sig"))))
    xlsx = load_workbook(io.BytesIO(await h.client.download(files[1]["document"]["file_id"])))
    assert header[0] == "code" and [c.value for c in xlsx["tickets"][1]] == header

    stranger = await h.citizen("Orang")
    await h.client.send_command(stranger["id"], "report")
    refusal = await h.client.wait_for_messages(stranger["id"], 1)
    assert "admin" in refusal[0]["text"]
