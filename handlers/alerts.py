"""Telling the complaint unit that something needs a human: a dead letter, an unreachable chat,
a message Telegram refused for good.

Alerts go to the complaint unit's linked group when there is one, else to every active
superadmin and admin in private, so that an alert is never dropped because no group is linked.
Each chat reads it in its own language (the group's, or the admin's own in private).
"""

from __future__ import annotations

from typing import Any

from domain.outbound import Outbound
from domain.ports import UnitOfWork
from domain.roles import Role
from handlers.languages import Languages
from handlers.ports import NoticeUnitOfWork
from handlers.texts import Catalogue, queue


async def admin_chats(uow: UnitOfWork) -> list[int]:
    unit = await uow.agencies.complaint_unit()
    if unit is not None and unit.group_chat_id is not None and unit.group_active:
        return [unit.group_chat_id]
    staff = await uow.staff.list(roles=[Role.SUPERADMIN, Role.ADMIN])
    return [s.chat_id or s.telegram_id for s in staff]


async def alert_admins(
    uow: NoticeUnitOfWork,
    texts: Catalogue,
    key: str,
    *,
    exclude_chat: int | None = None,
    **args: Any,
) -> int:
    """Queue one alert per admin chat, in that chat's language; returns how many.

    An argument that itself needs words (an age, "3 days") may be given as a function of the
    language."""
    chats = [c for c in await admin_chats(uow) if c != exclude_chat]
    # Ids and counts as plain text: Fluent would group digits ("-4.000.000.002").
    plain = {
        k: str(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in args.items()
    }
    languages = Languages(uow, texts)
    for chat in chats:
        lang = await languages.of_chat(chat)
        worded = {k: v(lang) if callable(v) else v for k, v in plain.items()}
        text = texts.text(lang, key, **worded)
        await queue(uow.outbox, Outbound(chat_id=chat, text=text))
    return len(chats)
