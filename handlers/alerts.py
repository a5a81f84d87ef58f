"""Telling the complaint unit that something needs a human: a dead letter, an unreachable chat,
a message Telegram refused for good.

Alerts go to the complaint unit's linked group when there is one, else to every active
superadmin and admin in private, so that an alert is never dropped because no group is linked.
"""

from __future__ import annotations

from typing import Any

from domain.outbound import Outbound
from domain.ports import UnitOfWork
from domain.roles import Role
from handlers.texts import Catalogue


async def admin_chats(uow: UnitOfWork) -> list[int]:
    unit = await uow.agencies.complaint_unit()
    if unit is not None and unit.group_chat_id is not None and unit.group_active:
        return [unit.group_chat_id]
    staff = await uow.staff.list(roles=[Role.SUPERADMIN, Role.ADMIN])
    return [s.chat_id or s.telegram_id for s in staff]


async def alert_admins(
    uow: UnitOfWork, texts: Catalogue, key: str, *, exclude_chat: int | None = None, **args: Any
) -> int:
    """Queue one alert per admin chat (in the default language); returns how many."""
    chats = [c for c in await admin_chats(uow) if c != exclude_chat]
    # Ids and counts as plain text: Fluent would group digits ("-4.000.000.002").
    plain = {
        k: str(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in args.items()
    }
    text = texts.text(texts.default, key, **plain)
    await uow.outbox.add_all([Outbound(chat_id=c, text=text, parse_mode=None) for c in chats])
    return len(chats)
