"""/auditlog [days]: the newest entries as readable lines in the admin's language; a period
longer than one message also arrives whole as a CSV document, built by the scheduler."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from domain.audit import AuditAction, record_action
from domain.outbound import OutboundKind
from domain.usecases import Actor
from handlers.staff.audit_log import MAX_LINES
from handlers.texts import Catalogue
from scheduler.weekly import serve_report_requests
from storage.queries.uploads import load_upload
from tests.scheduler.conftest import outbox_after, outbox_mark
from tests.usecases.commands import CommandBot
from tests.usecases.world import World


async def test_the_newest_entries_read_as_sentences_in_the_admins_language(
    world: World, texts: Catalogue
) -> None:
    bot = CommandBot(world)
    admin = world.admin.telegram_id
    await bot.send(admin, f"/ban {world.citizen.id}")
    world.clock.advance(timedelta(minutes=5))
    await bot.send(admin, "/sla verify 2wd")
    world.clock.advance(timedelta(minutes=5))
    answer = await bot.send(admin, "/auditlog")
    lines = answer.text.splitlines()
    assert lines[0] == texts.text("en", "staff-auditlog-title", days=7, count=2)
    assert lines[2] == (
        "02/11 09:05 · Admin Sari (admin) · changed the SLA of the whole city (verify: 1wd → 2wd)"
    )
    assert lines[3] == f"02/11 09:00 · Admin Sari (admin) · blocked Reporter #{world.citizen.id}"
    assert len(lines) == 4  # all of it fits: no file
    async with world.factory() as uow:  # the admin chose Indonesian (/lang in private)
        staff = await uow.staff.get(world.admin.id or 0)
        assert staff is not None
        staff.language = "id"
        await uow.staff.save(staff)
        await uow.commit()
    indonesian = await bot.send(admin, "/auditlog 1")
    assert f"· Admin Sari (admin) · memblokir Pelapor #{world.citizen.id}" in indonesian.text
    opened = [e for e in await bot.audit() if e.action == AuditAction.AUDIT_VIEW]
    assert [e.after for e in opened] == [{"days": 7}, {"days": 1}]


async def test_a_long_period_comes_whole_as_a_csv_file(world: World, texts: Catalogue) -> None:
    bot = CommandBot(world)
    hostile = Actor.staff(world.roads_officer)
    hostile = Actor(hostile.role, hostile.id, hostile.agency_id, "=HYPERLINK(evil)")
    async with world.factory() as uow:
        for n in range(MAX_LINES + 20):
            await record_action(
                uow,
                hostile,
                AuditAction.STAFF_LIST,
                "staff",
                at=world.clock.now() - timedelta(hours=n),
            )
        await uow.commit()
    before = await outbox_mark(world)
    answer = await bot.send(world.admin.telegram_id, "/auditlog 30")
    total = MAX_LINES + 20
    assert texts.text("en", "staff-auditlog-more", shown=MAX_LINES, count=total) in answer.text
    assert len(answer.text) <= 4096
    result = await serve_report_requests(world.factory, world.life, texts, world.clock.now())
    assert len(result.served) == 1 and result.failed == []
    document = [m for m in await outbox_after(world, before) if m.kind == OutboundKind.DOCUMENT]
    assert len(document) == 1 and document[0].chat_id == world.admin.telegram_id
    async with world.factory() as uow:
        upload = await load_upload(uow, document[0].upload_id or 0)
    assert upload is not None and upload.name.startswith("aduan-audit-")
    rows = list(csv.reader(io.StringIO(upload.data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["id", "at (Asia/Jakarta)"]
    assert len(rows) - 1 == total + 1  # every entry of the period, and this very view last
    assert rows[-1][4:6] == ["Admin Sari", "audit.view"]
    assert {row[4] for row in rows[1:-1]} == {"'=HYPERLINK(evil)"}  # no formula in a sheet
    ids = [int(row[0]) for row in rows[1:]]
    assert ids == sorted(ids)


async def test_a_bad_number_of_days_is_named(world: World, texts: Catalogue) -> None:
    bot = CommandBot(world)
    answer = await bot.send(world.admin.telegram_id, "/auditlog lots")
    assert answer.text == texts.text("en", "staff-err-days", value="lots", max=366)
    assert not [e for e in await bot.audit() if e.action == AuditAction.AUDIT_VIEW]
