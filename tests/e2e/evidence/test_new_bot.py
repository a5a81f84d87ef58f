"""The city replaces its bot (a leaked token, a new name): the new bot is refused every file id
the old one stored, and still shows every photo, from the city's own archive.

Old bot: a citizen files a complaint with an album through Telegram; the unit dispatches it; an
officer replies with a photo. Every file is archived. New bot (another bot id, as after a new
token from @BotFather; the emulator refuses it the old file ids): the ticket moves on to another
agency, whose card comes with the citizen's album; an officer resolves it with a photo; the
citizen's /status timeline shows the officers' photos. Nothing is dead-lettered, every photo
Telegram shows hashes to the archive, and the old bot's cards, which the new one may not
edit, are posted again by it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from domain.usecases import Actor, dispatch_ticket
from domain.usecases.agency_work import claim_ticket, reply_to_citizen, resolve_ticket
from domain.usecases.rerouting import transfer_ticket
from tests.e2e.citizen.chat import Chat, text_of
from tests.e2e.citizen.conftest import fast_options
from tests.e2e.evidence.support import archived, file_with_album, jpeg, photo_file_id
from tests.e2e.harness import Harness
from tests.e2e.runtime.support import by_status, inbox_rows, outbox_rows, wait_until
from tests.e2e.staff.city import City, staffed_city

NEW_BOT = 5_550_001_234
NEW_TOKEN = f"{NEW_BOT}:AAnewTokenAfterTheOldOneLeaked"
WAIT = 40.0


async def as_staff(
    city: City, user: dict[str, Any], usecase: Callable[..., Awaitable[Any]], *args: Any, **kw: Any
) -> None:
    async with city.h.db.uow() as uow:
        staff = await uow.staff.get_by_telegram_id(user["id"])
        assert staff is not None
        await usecase(uow, city.life, Actor.staff(staff), *args, **kw)
        await uow.commit()
    city.wake()


async def everything_sent(h: Harness) -> bool:
    rows = await outbox_rows(h.db)
    return bool(rows) and set(by_status(rows)) == {"sent"}


async def sha_of(h: Harness, message: dict[str, Any]) -> str:
    return hashlib.sha256(await h.client.download(photo_file_id(message))).hexdigest()


async def photos_from(h: Harness, chat_id: int, *, bot_id: int | None = None) -> list[dict]:
    messages = await h.client.messages(chat_id, bot_id=bot_id)
    return [m for m in messages if "photo" in m and (m.get("from") or {}).get("id") == NEW_BOT]


async def test_a_new_bot_shows_every_photo_from_the_archive(bot: Harness) -> None:
    h = bot
    city = await staffed_city(h)
    citizen = city.citizen["id"]
    c = Chat(h, citizen, "id", seen=1)  # past the /start greeting
    ticket = await file_with_album(c, [jpeg(1), jpeg(2), jpeg(3)])
    assert ticket.id is not None
    await as_staff(city, city.admin, dispatch_ticket, ticket.id, [city.ids["dpupr"]])
    await as_staff(city, city.officer_a, claim_ticket, ticket.id)
    reply_photo = await city.photo(city.officer_a["id"])
    await as_staff(
        city, city.officer_a, reply_to_citizen, ticket.id, "Sudah kami cek.", [reply_photo]
    )
    before = await wait_until(
        lambda: archived(h.db, ticket.id, 4), within=WAIT, what="the 4 photos archived"
    )
    await wait_until(lambda: everything_sent(h), within=WAIT, what="the old bot's messages")
    citizen_shas = [a.sha256 for a in before if a.uploaded_by_role == "citizen"]
    reply_sha = next(a.sha256 for a in before if a.uploaded_by_role != "citizen")
    assert len(citizen_shas) == 3 and len(set(citizen_shas)) == 3
    await h.stop_bot()

    # The city's new bot: citizens start it, it is added to the staff groups.
    client = h.client
    await client.start(citizen, bot_id=NEW_BOT)
    joined = (
        (city.admin_group, city.admin),
        (city.group_a, city.officer_a),
        (city.group_b, city.officer_b),
    )
    for chat, by in joined:
        await client.add_bot(chat, by["id"], bot_id=NEW_BOT)
    async with httpx.AsyncClient(timeout=5.0) as http:  # what happened before it ran
        answer = await http.post(
            f"{h.emulator.base_url}/bot{NEW_TOKEN}/deleteWebhook",
            json={"drop_pending_updates": True},
        )
        assert answer.json()["ok"]
    old_file = before[0].file_id
    async with httpx.AsyncClient(timeout=5.0) as http:  # the emulator refuses it the old ids
        refused = await http.post(
            f"{h.emulator.base_url}/bot{NEW_TOKEN}/sendPhoto",
            json={"chat_id": citizen, "photo": old_file},
        )
        assert "wrong file identifier" in refused.json()["description"]
    runtime = await h.start_bot(fast_options(), BOT_TOKEN=NEW_TOKEN)
    assert runtime.me is not None and runtime.me.id == NEW_BOT

    # Not our authority: to PDAM, whose card comes with the citizen's album.
    await as_staff(
        city, city.officer_a, transfer_ticket, ticket.id, city.ids["pdam"], "Ini pipa PDAM."
    )
    card = await city.card(city.group_b, ticket.code, within=WAIT)
    assert card["from"]["id"] == NEW_BOT
    album = await photos_from(h, city.group_b)
    assert sorted([await sha_of(h, m) for m in album]) == sorted(citizen_shas)

    # PDAM resolves with a photo: the citizen's notice carries it.
    await as_staff(city, city.officer_b, claim_ticket, ticket.id)
    fix_photo = await city.photo(city.officer_b["id"])
    await as_staff(city, city.officer_b, resolve_ticket, ticket.id, "Pipa diganti.", [fix_photo])

    async def notice_photo() -> list[dict]:
        return await photos_from(h, citizen, bot_id=NEW_BOT)

    (resolution,) = await wait_until(notice_photo, within=WAIT, what="the resolution photo")
    fix_sha = await sha_of(h, resolution)

    # The citizen's timeline: the officers' photos, the old one from the archive.
    await client.send_command(citizen, "status", ticket.code, bot_id=NEW_BOT)

    async def timeline_album() -> list[dict] | None:
        found = await photos_from(h, citizen, bot_id=NEW_BOT)
        return found[1:] if len(found) >= 3 else None

    shown = await wait_until(timeline_album, within=WAIT, what="the timeline's photos")
    assert sorted([await sha_of(h, m) for m in shown]) == sorted([reply_sha, fix_sha])

    await wait_until(lambda: everything_sent(h), within=WAIT, what="every message sent")
    assert set(by_status(await inbox_rows(h.db))) == {"done"}  # no dead letters either
    assert runtime.sender.takeover is not None
    uploads = runtime.sender.takeover.reuploaded
    assert uploads >= 4  # the citizen's three and the officer's reply photo

    # The old cards, which the new bot may not edit, were posted again by it.
    unit_cards = [
        m
        for m in await client.messages(city.admin_group)
        if ticket.code in text_of(m) and m["from"]["id"] == NEW_BOT
    ]
    assert unit_cards

    # From now on the fast path: the new file ids are stored, nothing is uploaded again.
    after = await archived(h.db, ticket.id, 5)
    assert after is not None and all(
        a.file_id != b.file_id for a, b in zip(after[:4], before, strict=True)
    )
    await client.send_command(citizen, "status", ticket.code, bot_id=NEW_BOT)

    async def second_view() -> list[dict] | None:
        found = await photos_from(h, citizen, bot_id=NEW_BOT)
        return found if len(found) >= 5 else None

    await wait_until(second_view, within=WAIT, what="the timeline again")
    await wait_until(lambda: everything_sent(h), within=WAIT, what="every message sent")
    assert runtime.sender.takeover.reuploaded == uploads
