"""/mydata: the request is recorded and audited, the scheduler builds one ZIP whose JSON holds
the citizen's profile and every complaint of theirs (and nobody else's) and whose photos are
the archive's bytes; it waits for a photo still being archived; once Telegram has the file,
neither the file nor its message is kept."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from domain.evidence import sha256_of
from domain.outbound import OutboundKind
from domain.usecases import add_citizen_info
from scheduler.weekly import serve_report_requests
from storage.queries.uploads import load_upload
from storage.tables import OutboxMessageRow, ReportRequestRow, UploadRow, table_of
from tests.rights.city import NAME, PHONE, TEXTS, TG_ID, City, uow_of

OUTBOX = table_of(OutboxMessageRow)
REQUESTS = table_of(ReportRequestRow)


async def serve(c: City) -> Any:
    return await serve_report_requests(
        c.w.factory, c.w.life, TEXTS, c.w.clock.now(), evidence=c.store
    )


async def archive_of(c: City) -> tuple[Any, zipfile.ZipFile]:
    """The document queued to the citizen, and its ZIP."""
    async with uow_of(c) as uow:
        rows = await uow.session.execute(OUTBOX.select().where(OUTBOX.c.chat_id == TG_ID))
        documents = [r for r in rows if r.payload["kind"] == OutboundKind.DOCUMENT]
        document = max(documents, key=lambda r: r.id)  # the city's own queued one is older
        upload = await load_upload(uow, document.payload["upload_id"])
    assert upload is not None and upload.name.endswith(".zip")
    return document, zipfile.ZipFile(io.BytesIO(upload.data))


async def test_the_archive_holds_every_complaint_and_the_archived_photos(city: City) -> None:
    c = city
    async with uow_of(c) as uow:  # the machinery's own queued /mydata row is not ours
        await uow.session.execute(REQUESTS.delete())
        await uow.commit()
    asked = await c.command("/mydata")
    assert asked.queued[0].text == TEXTS.text("id", "mydata-preparing")
    again = await c.command("/mydata")
    assert again.queued[0].text == TEXTS.text("id", "mydata-pending")
    assert (await serve(c)).served

    document, archive = await archive_of(c)
    assert document.payload["personal"] is True
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["name"] == NAME and data["profile"]["phone"] == PHONE
    codes = [complaint["code"] for complaint in data["complaints"]]
    assert sorted(codes) == sorted([c.closed.code, c.in_work.code, c.queued.code])
    assert c.other.code not in codes
    closed = next(x for x in data["complaints"] if x["code"] == c.closed.code)
    assert [e["action"] for e in closed["timeline"]][:2] == ["submit", "verify"]
    assert data["complaint_being_written"]["data"]["description"].startswith("QZDRAFT")
    photos = [p for x in data["complaints"] for p in x["photos"]]
    assert len(photos) == 4  # QZFILE-1, the shared one, QZFILE-2, QZFILE-3; not the officer's
    async with uow_of(c) as uow:
        archived = {
            a.sha256
            for t in (c.closed, c.in_work, c.queued)
            for a in await uow.attachments.for_ticket(t.id or 0)
            if a.uploaded_by_role == "citizen"
        }
    for photo in photos:
        content = archive.read(photo["file"])
        assert sha256_of(content) == photo["sha256"]
        assert photo["sha256"] in archived
        assert await c.store.get(photo["sha256"]) == content

    async with uow_of(c) as uow:
        assert (await uow.session.execute(REQUESTS.select())).all() == []  # not kept
        entries = await uow.audit.between(
            c.w.clock.now() - timedelta(days=1), c.w.clock.now() + timedelta(days=1)
        )
    exports = [(e.action, e.actor_role, e.target, e.after) for e in entries]
    target = f"citizen:{c.citizen.id}"
    assert exports == [
        ("data.export", "citizen", target, {"step": "asked"}),
        ("data.export", "citizen", target, {"step": "sent", "complaints": 3, "photos": 4}),
    ]
    await c.deliver()  # Telegram took it: the file and its message go
    async with uow_of(c) as uow:
        assert (await uow.session.execute(table_of(UploadRow).select())).all() == []
        left = await uow.session.execute(OUTBOX.select().where(OUTBOX.c.chat_id == TG_ID))
        assert all(r.payload["kind"] != "document" for r in left)


async def test_the_archive_waits_for_a_photo_still_being_archived(city: City) -> None:
    c = city
    async with uow_of(c) as uow:
        await uow.session.execute(REQUESTS.delete())
        await uow.commit()
    await c.w.act(
        add_citizen_info,
        c.me,
        c.in_work.id or 0,
        "satu foto lagi",
        [c.photo("QZFILE-late")],
    )
    await c.command("/mydata")
    await serve(c)
    async with uow_of(c) as uow:
        assert len((await uow.session.execute(REQUESTS.select())).all()) == 1  # waits
    c.w.clock.advance(timedelta(minutes=11))  # the archive is slow: send what there is
    await serve(c)
    _, archive = await archive_of(c)
    data = json.loads(archive.read("data.json"))
    late = [p for x in data["complaints"] for p in x["photos"] if p["sha256"] is None]
    assert [p["note"] for p in late] == ["not in the archive"]
