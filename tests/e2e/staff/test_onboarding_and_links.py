"""Staff join with one-time invite links; groups are linked with /link, unlinked when the bot
is removed, and followed when they become supergroups."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from domain.roles import Role
from tests.e2e.harness import Harness
from tests.e2e.staff.city import TEXTS, WAIT, City, staffed_city

LINK = re.compile(r"https://t\.me/\w+\?start=s_([A-Za-z0-9_-]+)")


def _id(key: str, **args: object) -> str:
    return TEXTS.text("id", key, **args)


async def _invite(city: City, args: str) -> str:
    """The admin asks for a link in private; returns its token."""
    c, admin = city.client, city.admin
    before = len(await c.messages(admin["id"]))
    await c.send_command(admin["id"], "invite", args)
    answer = (await c.wait_for_messages(admin["id"], before + 1, timeout=WAIT))[-1]
    match = LINK.search(answer["text"])
    assert match, answer["text"]
    return match.group(1)


async def _open(city: City, user: dict, token: str) -> str:
    """A user opens the deep link; returns what the bot answered."""
    c = city.client
    before = len(await c.messages(user["id"]))
    await c.start(user["id"], f"s_{token}")
    return (await c.wait_for_messages(user["id"], before + 1, timeout=WAIT))[-1]["text"]


async def test_invite_links_work_once(bot: Harness) -> None:
    city = await staffed_city(bot)
    c = city.client
    await c.start(city.admin["id"])
    await c.wait_for_messages(city.admin["id"], 1, timeout=WAIT)
    token = await _invite(city, "dpupr supervisor")

    newcomer = await c.create_user("Joko", language_code="id")
    welcome = await _open(city, newcomer, token)
    assert welcome.startswith("Selamat datang") and "Dinas Pekerjaan Umum" in welcome
    async with bot.db.uow(read_only=True) as uow:
        joined = await uow.staff.get_by_telegram_id(newcomer["id"])
        invite = await uow.invites.get_by_token(token)
    assert joined is not None and joined.role == Role.SUPERVISOR
    assert joined.agency_id == city.ids["dpupr"] and joined.chat_id == newcomer["id"]
    assert invite is not None and invite.used_by == newcomer["id"]
    await city.message_with(city.admin["id"], "Joko")  # the inviter hears who joined

    # Used twice, forged, expired: refused, and nobody else becomes staff.
    second = await c.create_user("Tuti", language_code="id")
    assert await _open(city, second, token) == _id("staff-invite-used")
    assert await _open(city, second, secrets.token_urlsafe(16)) == _id("staff-invite-invalid")
    late = await _invite(city, "pdam")
    bot.clock.advance(timedelta(hours=72, seconds=1))
    assert await _open(city, second, late) == _id("staff-invite-expired")
    async with bot.db.uow(read_only=True) as uow:
        assert await uow.staff.get_by_telegram_id(second["id"]) is None

    # Only the complaint unit invites; only a superadmin invites admins.
    officer = city.officer_a
    await c.start(officer["id"])
    await c.wait_for_messages(officer["id"], 1, timeout=WAIT)
    await c.send_command(officer["id"], "invite", "dpupr")
    await city.message_with(officer["id"], _id("staff-denied"))
    before = len(await c.messages(city.admin["id"]))
    await c.send_command(city.admin["id"], "invite", "ulas admin")
    refused = (await c.wait_for_messages(city.admin["id"], before + 1, timeout=WAIT))[-1]["text"]
    assert refused.startswith(_id("staff-err-superadmin-only"))


async def test_linking_unlinking_and_upgrades(bot: Harness) -> None:
    city = await staffed_city(bot)
    c, admin = city.client, city.admin
    group = await c.create_chat("group", "Dinsos", members=[admin["id"], city.outsider["id"]])
    await c.wait_for_messages(group["id"], 1, timeout=WAIT)  # hello

    await c.send_command(city.outsider["id"], "link", "dinsos", chat_id=group["id"])
    await city.message_with(group["id"], _id("staff-denied"))
    await c.send_command(admin["id"], "link", "dinsos", chat_id=group["id"])
    await city.message_with(group["id"], "Grup ini sekarang tertaut ke Dinas Sosial")
    async with bot.db.uow(read_only=True) as uow:
        dinsos = await uow.agencies.get_by_code("dinsos")
    assert dinsos is not None and dinsos.group_chat_id == group["id"] and dinsos.group_active

    # A group becoming a supergroup keeps its link under the new id.
    upgraded = await c.upgrade_group(group["id"], admin["id"])

    async def moved() -> bool:
        async with bot.db.uow(read_only=True) as uow:
            found = await uow.agencies.get_by_code("dinsos")
        return found is not None and found.group_chat_id == upgraded["id"]

    await city.eventually(moved)

    # The bot removed: the link goes inactive and the complaint unit's group is told.
    await c.remove_bot(upgraded["id"], admin["id"])
    await city.message_with(city.admin_group, "Dinas Sosial")
    async with bot.db.uow(read_only=True) as uow:
        dinsos = await uow.agencies.get_by_code("dinsos")
    assert dinsos is not None and not dinsos.group_active
