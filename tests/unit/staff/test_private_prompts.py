"""A prompt answered in a private chat (no admin group linked) is handled by the staff side,
and only when the reply is to a staff prompt, by the person it waits for."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.model import Staff
from domain.status import TicketStatus
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, ReplyRef, UserRef
from handlers.staff.replies import staff_reply_in_private
from handlers.staff.talk import prompt_purpose
from handlers.texts import default_catalogue
from handlers.turn import Turn
from tests.backends import sqlite_backend
from tests.usecases.world import World, build_world


@pytest.fixture
async def w(tmp_path: Path) -> AsyncIterator[World]:
    async with sqlite_backend(tmp_path) as factory:
        yield await build_world(factory)


async def reply(w: World, who: Staff, to_message: int, text: str) -> tuple[bool, Turn]:
    chat = who.telegram_id
    async with w.factory() as uow:
        turn = Turn(
            incoming=Incoming(
                update_id=1,
                kind=IncomingKind.TEXT,
                chat=ChatRef(chat, ChatType.PRIVATE),
                user=UserRef(who.telegram_id, who.name, language_code="id"),
                message_id=99,
                text=text,
                reply_to=ReplyRef(chat, to_message, from_bot=True),
            ),
            uow=uow,  # type: ignore[arg-type]
            life=w.life,
            texts=default_catalogue(),
        )
        handled = await staff_reply_in_private(turn)
        await uow.commit()
    return handled, turn


async def test_the_admin_answers_a_hold_prompt_in_private(w: World) -> None:
    ticket = await w.submit()
    tid = ticket.id or 0
    async with w.factory() as uow:
        links = uow.links  # type: ignore[attr-defined]
        await links.add(
            chat_id=w.admin.telegram_id,
            message_id=10,
            ticket_id=tid,
            purpose=prompt_purpose("hold", w.admin.id or 0),
            agency_id=w.unit.id,
        )
        await links.add(
            chat_id=w.admin.telegram_id,
            message_id=11,
            ticket_id=tid,
            purpose="card",
            agency_id=w.unit.id,
        )
        await uow.commit()

    assert (await reply(w, w.admin, 11, "Bukan jawaban prompt."))[0] is False
    assert (await reply(w, w.admin, 12, "Tidak ada tautan."))[0] is False
    assert (await w.ticket(tid)).status == TicketStatus.SUBMITTED

    handled, _ = await reply(w, w.admin, 10, "Di RT berapa tepatnya?")
    assert handled
    held = await w.ticket(tid)
    assert held.status == TicketStatus.ON_HOLD
    assert [e.text for e in await w.events(tid) if e.action == "hold"] == ["Di RT berapa tepatnya?"]
