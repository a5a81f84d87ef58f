"""A citizen's data rights over Telegram, on the real bot: /mydata sends one ZIP whose JSON
lists every complaint of theirs and whose photos hash to the archive (and to what they sent);
/forget, once confirmed, leaves nothing of them in any column of any table; coming back, they
start fresh."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from domain.usecases import Actor, submit_ticket
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import outbox_rows, wait_until
from tests.rights.search import find

TG_ID = 7314159265
FIRST, LAST, USERNAME = "Qzfirst", "Qzlast", "qz_e2e_user"
DESCRIPTION = "QZDESC lubang dalam di depan rumah nomor 12, sudah tiga minggu."
WAIT = 40.0


def photo(n: int) -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00QZPHOTO" + n.to_bytes(4, "big") * 200


async def file_ids(h: Harness, count: int) -> list[str]:
    """Real file ids: the citizen posts photos in a group the bot is not in."""
    scratch = await h.client.create_chat("group", "scratch", members=[TG_ID], bots=[])
    sent = [await h.client.send_photo(TG_ID, photo(n), chat_id=scratch["id"]) for n in range(count)]
    return [m["photo"][-1]["file_id"] for m in sent]


async def next_message(h: Harness, after: int, keep: Any = lambda m: True) -> dict[str, Any]:
    """The first bot message in the citizen's chat after the first `after` that `keep`s."""
    total = after + 1
    while True:
        messages = await h.client.wait_for_messages(TG_ID, total, WAIT)
        kept = [m for m in messages[after:] if keep(m)]
        if kept:
            return kept[0]
        total = len(messages) + 1


async def file_complaints(h: Harness) -> list[str]:
    """Two complaints through the runtime's own lifecycle, one with two photos."""
    runtime = h.runtime
    assert runtime is not None
    photos = await file_ids(h, 2)
    codes = []
    async with h.db.uow() as uow:
        citizen = await uow.citizens.get_by_telegram_id(TG_ID)
        category = await uow.categories.get_by_code("jalan")
        assert citizen is not None and category is not None and category.id is not None
        for extra in (photos, []):
            ticket = await submit_ticket(
                uow,
                runtime.worker.conversations.life,
                Actor.citizen(citizen),
                category_id=category.id,
                description=DESCRIPTION,
                address="QZADDR Jalan Kenanga",
                photo_file_ids=extra,
            )
            codes.append(ticket.code)
        await uow.commit()
    runtime.sender.wake()
    return codes


async def archived(h: Harness) -> dict[str, str] | None:
    """file id -> sha256 of the citizen's photos, once all are in the archive."""
    async with h.db.uow(read_only=True) as uow:
        citizen = await uow.citizens.get_by_telegram_id(TG_ID)
        assert citizen is not None
        found = {}
        for ticket in await uow.tickets.list_for_citizen(citizen.id or 0):
            for a in await uow.attachments.for_ticket(ticket.id or 0):
                if a.sha256 is None:
                    return None
                found[a.file_id] = a.sha256
    return found


async def queue_drained(h: Harness) -> bool:
    rows = await outbox_rows(h.db)
    return not any(r.status in ("pending", "sending") for r in rows)


async def test_mydata_then_forget(bot: Harness) -> None:
    h = bot
    runtime = h.runtime
    assert runtime is not None
    await h.client.create_user(FIRST, user_id=TG_ID, last_name=LAST, username=USERNAME)
    await h.client.start(TG_ID)
    await next_message(h, 0)
    codes = await file_complaints(h)
    hashes = await wait_until(lambda: archived(h), within=WAIT, what="the photos archived")
    assert len(hashes) == 2
    seen = len(await h.client.messages(TG_ID))

    await h.client.send_command(TG_ID, "mydata")
    await next_message(h, seen)  # "we are gathering your data"
    await runtime.scheduler.run_job("report_requests")
    document = await next_message(h, seen, lambda m: "document" in m)
    assert document["document"]["file_name"].endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(await h.client.download(document["document"]["file_id"])))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["name"] == f"{FIRST} {LAST}"
    assert sorted(c["code"] for c in data["complaints"]) == sorted(codes)
    photos = [p for c in data["complaints"] for p in c["photos"]]
    sent = {hashlib.sha256(photo(n)).hexdigest() for n in range(2)}
    assert {hashlib.sha256(archive.read(p["file"])).hexdigest() for p in photos} == sent
    assert {p["sha256"] for p in photos} == set(hashes.values()) == sent

    seen = len(await h.client.messages(TG_ID))
    await h.client.send_command(TG_ID, "forget")
    question = await next_message(h, seen, lambda m: "reply_markup" in m)
    buttons = [b for row in question["reply_markup"]["inline_keyboard"] for b in row]
    yes = next(b for b in buttons if b["callback_data"].endswith(":yes"))
    query = await h.client.press_button(TG_ID, question["message_id"], data=yes["callback_data"])
    await h.client.wait_for_callback_answer(query["id"], WAIT)
    done = await next_message(h, seen + 1, lambda m: "UU PDP" in (m.get("text") or ""))
    assert "2" in done["text"]  # two complaints
    await wait_until(lambda: queue_drained(h), within=WAIT, what="every message sent")
    await runtime.scheduler.run_job("evidence_purge")

    async with h.db.uow(read_only=True) as uow:
        left = await find(
            uow, [FIRST, LAST, USERNAME, "QZDESC", "QZADDR", "QZPHOTO", str(TG_ID)], [TG_ID]
        )
        withdrawn = [await uow.tickets.get_by_code(code) for code in codes]
    assert left == []
    assert [t.status for t in withdrawn if t] == ["cancelled", "cancelled"]

    seen = len(await h.client.messages(TG_ID))
    await h.client.send_command(TG_ID, "my")  # back again: a new citizen, with nothing
    await next_message(h, seen)
    async with h.db.uow(read_only=True) as uow:
        fresh = await uow.citizens.get_by_telegram_id(TG_ID)
        assert fresh is not None and await uow.tickets.count_for_citizen(fresh.id or 0) == 0
