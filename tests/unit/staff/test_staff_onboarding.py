"""Invite links work once, for 72 hours; SUPERADMIN_IDS are always superadmins."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.model import Invite, Staff
from domain.roles import Role
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, UserRef
from handlers.staff.bootstrap import ensure_superadmins
from handlers.staff.onboarding import INVITE_TTL, accept_invite
from handlers.texts import default_catalogue
from handlers.turn import Turn
from tests.fakes import InMemoryStore
from tests.usecases.world import World, build_world

TEXTS = default_catalogue()


@pytest.fixture
async def w() -> World:
    return await build_world(InMemoryStore().uow)


async def invite(w: World, token: str = "tok-" + "x" * 18, **kw: Any) -> Invite:
    now = w.clock.now()
    async with w.factory() as uow:
        made = await uow.invites.add(
            Invite(
                token,
                w.roads.id or 0,
                kw.pop("role", Role.OFFICER),
                w.admin.id,
                now,
                kw.pop("expires_at", now + INVITE_TTL),
            )
        )
        await uow.commit()
    return made


async def open_link(w: World, user_id: int, token: str, name: str = "Joko") -> list[str]:
    """/start s_<token> in the user's private chat; returns what the bot said to them."""
    async with w.factory() as uow:
        turn = Turn(
            incoming=Incoming(
                update_id=1,
                kind=IncomingKind.COMMAND,
                chat=ChatRef(user_id, ChatType.PRIVATE),
                user=UserRef(user_id, name, language_code="id"),
                command="start",
                args=f"s_{token}",
            ),
            uow=uow,  # type: ignore[arg-type]
            life=w.life,
            texts=TEXTS,
        )
        await accept_invite(turn, token)
        await uow.commit()
    return [m.text or "" for m in turn.queued if m.chat_id == user_id]


async def staff_of(w: World, telegram_id: int) -> Staff | None:
    async with w.factory() as uow:
        return await uow.staff.get_by_telegram_id(telegram_id)


def said(key: str, **args: Any) -> list[str]:
    return [TEXTS.text("id", key, **args)]


async def test_an_invite_makes_its_opener_staff_once(w: World) -> None:
    made = await invite(w, role=Role.SUPERVISOR)
    (welcome,) = await open_link(w, 7001, made.token)
    assert welcome.startswith("Selamat datang")
    joined = await staff_of(w, 7001)
    assert joined is not None and joined.role == Role.SUPERVISOR
    assert (joined.agency_id, joined.chat_id, joined.name) == (w.roads.id, 7001, "Joko")
    async with w.factory() as uow:
        now = w.clock.now()
        (entry,) = await uow.audit.between(now - timedelta(days=1), now + timedelta(days=1))
    assert (entry.action, entry.target, entry.actor_id) == (
        "staff.join",
        f"staff:{joined.id}",
        joined.id,
    )
    assert entry.after == {
        "role": "supervisor",
        "agency": w.roads.code,
        "invite": made.id,
        "invited_by": w.admin.id,
    }
    assert await open_link(w, 7002, made.token) == said("staff-invite-used")
    assert await staff_of(w, 7002) is None


async def test_expired_and_forged_links_change_nothing(w: World) -> None:
    made = await invite(w, expires_at=w.clock.now() + timedelta(hours=1))
    w.clock.advance(timedelta(hours=1))
    assert await open_link(w, 7001, made.token) == said("staff-invite-expired")
    assert await open_link(w, 7001, "forged-" + "y" * 15) == said("staff-invite-invalid")
    assert await open_link(w, 7001, "") == said("staff-invite-invalid")
    assert await staff_of(w, 7001) is None
    async with w.factory() as uow:
        stored = await uow.invites.get_by_token(made.token)
    assert stored is not None and stored.used_by is None


async def test_active_staff_cannot_take_a_second_identity(w: World) -> None:
    made = await invite(w)
    officer = w.roads_officer.telegram_id
    assert await open_link(w, officer, made.token) == said("staff-invite-already-staff")
    async with w.factory() as uow:
        stored = await uow.invites.get_by_token(made.token)
    assert stored is not None and stored.used_by is None  # still usable by the right person


async def test_superadmin_ids_are_created_and_restored(w: World) -> None:
    async with w.factory() as uow:
        roads_officer = await uow.staff.get(w.roads_officer.id or 0)
        assert roads_officer is not None
        roads_officer.active = False
        await uow.staff.save(roads_officer)
        changed = await ensure_superadmins(
            uow, [9001, w.roads_officer.telegram_id, 9001], w.clock.now()
        )
        await uow.commit()
    assert changed == 2
    created, restored = await staff_of(w, 9001), await staff_of(w, w.roads_officer.telegram_id)
    assert (
        created is not None and created.role == Role.SUPERADMIN and created.agency_id == w.unit.id
    )
    assert restored is not None and restored.role == Role.SUPERADMIN and restored.active
    assert restored.agency_id == w.unit.id
    async with w.factory() as uow:
        assert await ensure_superadmins(uow, [9001], w.clock.now()) == 0
        now = w.clock.now()
        log = await uow.audit.between(now - timedelta(days=1), now + timedelta(days=1))
    assert [(e.actor_role, e.actor_name, e.action, e.target, e.before) for e in log] == [
        ("operator", "SUPERADMIN_IDS", "staff.role", f"staff:{created.id}", None),
        (
            "operator",
            "SUPERADMIN_IDS",
            "staff.role",
            f"staff:{restored.id}",
            {"role": "officer", "active": False},
        ),
    ]
