"""Every admin command: its happy path, its usage text, and a bad argument named in the
error. One table, run in order in the admin's private chat (and a few in groups)."""

from __future__ import annotations

import html
import re
from typing import Any

from domain.status import TicketStatus
from tests.e2e.harness import Harness
from tests.e2e.staff.city import TEXTS, WAIT, staffed_city


def plain(key: str, **args: Any) -> str:
    """A catalogue text as Telegram shows it: tags gone, entities unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.text("id", key, **args)))


async def test_admin_commands(bot: Harness) -> None:
    city = await staffed_city(bot)
    c, admin = city.client, city.admin
    ticket = await city.file()
    code = ticket.code
    async with bot.db.uow(read_only=True) as uow:
        reporter = await uow.citizens.get(ticket.citizen_id)
    assert reporter is not None
    await c.start(admin["id"])
    await c.wait_for_messages(admin["id"], 1, timeout=WAIT)
    err = "staff-err-"

    # (command, arguments, what the answer starts with, or contains if prefixed with "~")
    table: list[tuple[str, str, str]] = [
        # usage when called bare
        *[
            (cmd, "", plain(f"staff-usage-{cmd}"))
            for cmd in (
                "invite",
                "ticket",
                "audit",
                "assign",
                "transfer",
                "ban",
                "unban",
                "agency",
                "category",
                "template",
                "link",
            )
        ],
        # queue and ticket views
        ("pending", "", plain("staff-pending-title", count=1)),
        ("ticket", code, f"~{plain('staff-ticket-history')}"),
        ("ticket", "XYZ", plain(err + "code", value="XYZ")),
        ("ticket", "ADU-222222", plain(err + "no-ticket", value="ADU-222222")),
        ("audit", code.lower(), plain("staff-audit-title", code=code, count=1)),
        ("audit", f"{code} extra", plain(err + "extra", value="extra")),
        # routing by hand
        ("assign", f"{code} nowhere", plain(err + "agency", value="nowhere")),
        ("assign", code, plain(err + "missing-agency")),
        (
            "assign",
            f"{code} dpupr",
            plain(
                "staff-assigned",
                code=code,
                agency="Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR)",
            ),
        ),
        ("transfer", f"{code} ulas", plain(err + "agency", value="ulas")),
        (
            "transfer",
            f"{code} pdam Pipa, bukan jalan",
            plain("staff-transferred", code=code, agency="Perumda Air Minum Toya Wening (PDAM)"),
        ),
        # reporters
        ("ban", "abc", plain(err + "reporter", value="abc")),
        ("ban", str(reporter.id), plain("staff-banned", reporter=reporter.reporter_label)),
        ("unban", f"#{reporter.id}", plain("staff-unbanned", reporter=reporter.reporter_label)),
        # agencies and categories
        ("agencies", "", "~dpupr"),
        ("agency", "add Bad-Code Dinas", plain(err + "new-code", value="Bad-Code")),
        ("agency", "add dpupr Dinas Lain", plain(err + "code-taken", value="dpupr")),
        ("agency", "remove dpupr", plain(err + "subcommand", value="remove")),
        ("agency", "add dinkop", plain(err + "missing-name")),
        (
            "agency",
            "add dinkop Dinas Koperasi",
            plain("staff-agency-added", code="dinkop", name="Dinas Koperasi"),
        ),
        ("categories", "", "~jalan"),
        ("category", "add koperasi nowhere Koperasi", plain(err + "agency", value="nowhere")),
        (
            "category",
            "add koperasi dinkop Koperasi dan UMKM",
            plain(
                "staff-category-added",
                code="koperasi",
                name="Koperasi dan UMKM",
                agency="Dinas Koperasi",
            ),
        ),
        # canned responses
        ("template", "add dpupr bad! teks", plain(err + "template-name", value="bad!")),
        ("template", "add nowhere cek teks", plain(err + "agency", value="nowhere")),
        ("template", "add dpupr cek", plain(err + "missing-text")),
        (
            "template",
            "add dpupr cek Kami akan mengecek lokasi hari ini.",
            plain("staff-template-saved", name="cek", scope="dpupr"),
        ),
        # SLA
        ("sla", "", plain("staff-sla-title")),
        ("sla", "resolve 5days", plain(err + "duration", value="5days")),
        ("sla", "nowhere resolve 1wd", plain(err + "sla-target", value="nowhere")),
        ("sla", "jalan forever 1wd", plain(err + "stage", value="forever")),
        ("sla", "resolve 4wd", plain("staff-sla-set", stage="resolve", value="4wd")),
        (
            "sla",
            "jalan first-response 24h",
            plain("staff-sla-set-category", category="jalan", stage="first_response", value="24h"),
        ),
        # staff
        ("staff", "", "~Rina Test"),
        ("staff", "remove 999", plain(err + "staff-id", value="999")),
        ("staff", f"remove {city.staff_ids[city.officer_a2['id']]}", "~Rina Test"),
        ("invite", "nowhere", plain(err + "agency", value="nowhere")),
        ("invite", "dpupr boss", plain(err + "role", value="boss")),
        ("link", "dpupr", plain("staff-link-in-group")),
    ]
    # Sent back to back: the bot handles one chat's commands in order and answers in order,
    # one message each.
    before = len(await c.messages(admin["id"]))
    for command, args, _ in table:
        await c.send_command(admin["id"], command, args, mention=command == "categories")
    answers = (await c.wait_for_messages(admin["id"], before + len(table), timeout=60))[before:]
    for (command, args, expected), message in zip(table, answers, strict=True):
        answer = message["text"]
        if expected.startswith("~"):
            assert expected[1:] in answer, (command, args, answer)
        else:
            assert answer.startswith(expected), (command, args, answer)

    # What the commands changed is in the database.
    async with bot.db.uow(read_only=True) as uow:
        moved = await uow.tickets.get_by_code(code)
        koperasi = await uow.categories.get_by_code("koperasi")
        jalan = await uow.categories.get_by_code("jalan")
        templates = await uow.templates.list_for_agency(city.ids["dpupr"])
        sla = await uow.settings.get("sla")
        removed = await uow.staff.get(city.staff_ids[city.officer_a2["id"]])
        citizen = await uow.citizens.get(ticket.citizen_id)
    assert moved is not None and moved.status == TicketStatus.DISPATCHED
    assert koperasi is not None and jalan is not None
    assert jalan.sla_overrides["first_response"] == "24h" and sla["resolve"] == "4wd"
    assert [t.agency_id for t in templates if t.name == "cek"] == [city.ids["dpupr"]]
    assert removed is not None and not removed.active
    assert citizen is not None and not citizen.banned

    # In the admin group they work too; in an agency group, and for officers, they do not.
    await c.send_command(admin["id"], "pending", chat_id=city.admin_group)
    await city.message_with(city.admin_group, plain("staff-pending-empty"))
    await c.add_member(city.group_b, admin["id"])
    await c.send_command(admin["id"], "agencies", chat_id=city.group_b)
    await city.message_with(city.group_b, plain("staff-command-where"))
    await c.send_command(city.officer_b["id"], "pending", chat_id=city.group_b)
    await city.message_with(city.group_b, plain("staff-denied"))
