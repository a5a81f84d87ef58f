"""Staff onboarding: one-time invite links, accepting them, listing and removing staff.

An admin never types someone's Telegram id: they send `/invite dpupr officer`, pass the
deep link on, and whoever opens it becomes staff (their private chat is where escalations
go). A link works once, for 72 hours; a used, expired or made-up token is refused and
changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from domain.audit import AuditAction
from domain.codes import new_token
from domain.model import Invite, Staff
from domain.roles import Role
from domain.usecases import Actor
from handlers.auditing import audit
from handlers.languages import Languages
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.commanding import ArgError, agency_arg, staff_command, words
from handlers.staff.talk import lang, st
from handlers.texts import lines as lines_of
from handlers.turn import Turn

router = Router()

INVITE_TTL = timedelta(hours=72)
INVITE_PREFIX = "s_"  # /start s_<token>; the citizen side owns the other /start payloads
INVITABLE = {"officer": Role.OFFICER, "supervisor": Role.SUPERVISOR, "admin": Role.ADMIN}


@runtime_checkable
class OnceOnlyInvites(Protocol):
    """Storage that can use an invite atomically (the SQL repository can)."""

    async def mark_used(self, invite_id: int, *, used_by: int, used_at: datetime) -> bool: ...


@staff_command(router, "invite")
async def invite(turn: Turn, person: Person, args: str) -> None:
    code, role_word, extra = words(args, 3)
    if extra:
        raise ArgError("staff-err-extra", value=extra[:40])
    agency = await agency_arg(turn, code, unit_ok=True)
    role = INVITABLE.get((role_word or "officer").lower())
    if role is None:
        raise ArgError("staff-err-role", value=role_word[:20])
    if (role == Role.ADMIN) != agency.is_complaint_unit:
        raise ArgError("staff-err-admin-unit")
    if role == Role.ADMIN and person.role != Role.SUPERADMIN:
        raise ArgError("staff-err-superadmin-only")
    now = turn.life.now()
    assert agency.id is not None and person.staff is not None
    created = await turn.uow.invites.add(
        Invite(
            token=new_token(),
            agency_id=agency.id,
            role=role,
            created_by=person.staff.id,
            created_at=now,
            expires_at=now + INVITE_TTL,
        )
    )
    link = f"https://t.me/{turn.city.bot_username}?start={INVITE_PREFIX}{created.token}"
    await audit(  # never the token: it is a credential until used
        turn,
        person.actor,
        AuditAction.STAFF_INVITE,
        f"agency:{agency.code}",
        after={
            "role": role.value,
            "invite": created.id,
            "expires_at": created.expires_at.isoformat(),
        },
    )
    await turn.say(
        st(
            turn,
            "staff-invite-created",
            link=link,
            role=st(turn, f"staff-role-{role.value}"),
            agency=agency.name,
            expires=turn.texts.when(lang(turn), created.expires_at, turn.city.timezone),
        )
    )


async def accept_invite(turn: Turn, token: str) -> None:
    """`/start s_<token>` in a private chat: make the sender staff, once.

    Called by the citizen side's /start handler with the token (without the `s_` prefix).
    """
    user = turn.incoming.user
    if user is None or not turn.incoming.is_private:
        return
    now = turn.life.now()
    found = await turn.uow.invites.get_by_token(token) if token else None
    agency = await turn.uow.agencies.get(found.agency_id) if found else None
    if found is None or agency is None or not agency.active:
        await turn.say(turn.t("staff-invite-invalid"))
        return
    if found.used_by is not None:
        await turn.say(turn.t("staff-invite-used"))
        return
    if found.expires_at <= now:
        await turn.say(turn.t("staff-invite-expired"))
        return
    existing = await turn.uow.staff.get_by_telegram_id(user.id)
    if existing is not None and existing.active:
        await turn.say(turn.t("staff-invite-already-staff"))
        return
    assert found.id is not None
    if not await _use(turn, found, user.id, now):
        await turn.say(turn.t("staff-invite-used"))
        return
    chat_id = turn.incoming.chat.id if turn.incoming.chat else user.id
    joined = await turn.uow.staff.add(
        Staff(
            telegram_id=user.id,
            name=user.full_name,
            role=found.role,
            created_at=now,
            agency_id=agency.id,
            chat_id=chat_id,
            language=turn.language,
        )
    )
    await audit(
        turn,
        Actor.staff(joined),
        AuditAction.STAFF_JOIN,
        f"staff:{joined.id}",
        after={
            "role": found.role.value,
            "agency": agency.code,
            "invite": found.id,
            "invited_by": found.created_by,
        },
    )
    role = turn.t(f"staff-role-{found.role.value}")
    await turn.say(turn.t("staff-invite-welcome", role=role, agency=agency.name))
    inviter = await turn.uow.staff.get(found.created_by) if found.created_by else None
    if inviter is not None and inviter.active:
        # The inviter reads it in their own language, not the newcomer's.
        their = await Languages(turn.uow, turn.texts).of_staff(inviter)
        await turn.say(
            turn.texts.text(
                their,
                "staff-invite-accepted",
                name=user.full_name,
                role=turn.texts.text(their, f"staff-role-{found.role.value}"),
                agency=agency.name,
            ),
            chat_id=inviter.chat_id or inviter.telegram_id,
        )


async def _use(turn: Turn, invite: Invite, user_id: int, now: datetime) -> bool:
    assert invite.id is not None
    invites = turn.uow.invites
    if isinstance(invites, OnceOnlyInvites):
        return await invites.mark_used(invite.id, used_by=user_id, used_at=now)
    invite.used_by, invite.used_at = user_id, now
    await invites.save(invite)
    return True


@staff_command(router, "staff", usage=False)
async def staff(turn: Turn, person: Person, args: str) -> None:
    """`/staff` lists everyone active; `/staff remove <id>` deactivates one."""
    sub, target, extra = words(args, 3)
    if not sub:
        await audit(turn, person.actor, AuditAction.STAFF_LIST, "staff")
        await _list_staff(turn)
        return
    if sub.lower() != "remove" or not target or extra:
        raise ArgError("staff-err-staff-args", value=args[:40])
    member = await turn.uow.staff.get(int(target)) if target.isdigit() else None
    if member is None or not member.active:
        raise ArgError("staff-err-staff-id", value=target[:20])
    if person.staff is not None and member.id == person.staff.id:
        raise ArgError("staff-err-remove-self")
    if member.role == Role.SUPERADMIN and person.role != Role.SUPERADMIN:
        raise ArgError("staff-err-superadmin-only")
    member.active = False
    await turn.uow.staff.save(member)
    await audit(
        turn,
        person.actor,
        AuditAction.STAFF_REMOVE,
        f"staff:{member.id}",
        before={"active": True, "role": member.role.value},
        after={"active": False},
    )
    await turn.say(st(turn, "staff-removed", name=member.name, id=str(member.id or 0)))


async def _list_staff(turn: Turn) -> None:
    agencies = {a.id: a for a in await turn.uow.agencies.list(active_only=False)}
    people = await turn.uow.staff.list()
    lines = [st(turn, "staff-list-title", count=len(people))]
    for member in people:
        agency = agencies.get(member.agency_id or 0)
        lines.append(
            st(
                turn,
                "staff-list-line",
                id=str(member.id),
                name=member.name,
                role=st(turn, f"staff-role-{member.role.value}"),
                agency=agency.code if agency else "-",
            )
        )
    await turn.say(lines_of(lines))  # every member: split into several messages if need be
