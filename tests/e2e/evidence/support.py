"""Helpers for the evidence e2e tests: a complaint filed through Telegram with an album, and
reads of what the archive and the emulator hold."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select

from domain.model import Attachment, Ticket
from storage.database import Database
from storage.repositories.evidence import DOWNLOADS
from tests.e2e.citizen.chat import GOOD_DESCRIPTION, INSIDE, Chat, text_of


def jpeg(n: int) -> bytes:
    """A distinct JPEG-looking picture per `n` (the archive sniffs its MIME type)."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + n.to_bytes(4, "big") * 300


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def file_with_album(c: Chat, photos: list[bytes]) -> Ticket:
    """The whole intake through Telegram: category, description, the album, location, contact,
    submit. `c` has already been greeted (its cursor is past /start)."""
    client = c.h.client
    await c.say(c.t("menu-new"))
    await c.press_and_see_edit(await c.one(), "Jalan dan Drainase")  # the description question
    await c.say(GOOD_DESCRIPTION)
    await c.one()  # the photos question
    await client.send_album(c.id, photos)
    privacy = await c.press_and_see_edit(await c.one(), c.t("btn-done"))
    await c.press(privacy, c.t("btn-continue"))
    await c.one()  # the location question
    await client.send_location(c.id, *INSIDE)
    await c.one()  # the contact question
    await client.send_contact(c.id, "+62 812-3456-7890", "Budi", contact_user_id=c.id)
    review = await c.expect(2)  # "saved" (the main menu back), the summary
    assert c.t("btn-submit") in str(review[-1].get("reply_markup"))
    await c.press(review[-1], c.t("btn-submit"))
    notice = await c.one()
    (ticket,) = [t for t in await c.tickets() if t.code in text_of(notice)]
    return ticket


async def attachments(db: Database, ticket_id: int) -> list[Attachment]:
    async with db.uow(read_only=True) as uow:
        return await uow.attachments.for_ticket(ticket_id)


async def archived(db: Database, ticket_id: int, count: int) -> list[Attachment] | None:
    """The ticket's attachments once `count` of them carry their archive hash."""
    found = await attachments(db, ticket_id)
    done = [a for a in found if a.sha256]
    return found if len(done) >= count else None


async def download_rows(db: Database) -> list[Any]:
    async with db.uow(read_only=True) as uow:
        result = await uow.session.execute(select(DOWNLOADS).order_by(DOWNLOADS.c.id))
        return list(result.all())


def photo_file_id(message: dict[str, Any]) -> str:
    return str(message["photo"][-1]["file_id"])
