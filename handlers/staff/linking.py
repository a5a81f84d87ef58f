"""Which group chat belongs to which agency: /link, the bot being removed, group upgrades.

An admin adds the bot to a group and sends `/link <agency code>` (or `/link admin` for the
complaint unit's own group). From then on that agency's cards are posted there, in one topic
per ticket if the group is a forum. If the bot is removed the link is marked inactive and the
admins are told, so no ticket is posted into a group nobody can read; if the group becomes a
supergroup (its id changes), the link follows it.
"""

from __future__ import annotations

from domain.audit import AuditAction
from domain.roles import UNIT_ROLES
from handlers.alerts import alert_admins
from handlers.auditing import audit
from handlers.incoming import IncomingKind
from handlers.router import Router
from handlers.staff.access import Person
from handlers.staff.commanding import ArgError, agency_arg, staff_command
from handlers.staff.talk import st
from handlers.turn import Turn

router = Router()

UNIT_WORD = "admin"


@staff_command(router, "link", roles=UNIT_ROLES, groups="any")
async def link(turn: Turn, person: Person, args: str) -> None:
    chat = turn.incoming.chat
    if chat is None or turn.incoming.is_private:
        await turn.say(st(turn, "staff-link-in-group"))
        return
    word = args.split()[0].lower()
    if word == UNIT_WORD:
        agency = await turn.uow.agencies.complaint_unit()
        if agency is None:
            raise ArgError("staff-err-agency", value=UNIT_WORD)
    else:
        agency = await agency_arg(turn, word, unit_ok=True)
    current = await turn.uow.agencies.get_by_group_chat(chat.id)
    before = {"group_chat_id": agency.group_chat_id, "group_active": agency.group_active}
    if current is not None and current.id != agency.id and current.group_active:
        raise ArgError("staff-err-linked-elsewhere", agency=current.name)
    if current is not None and current.id != agency.id:
        current.group_chat_id, current.group_active = None, False
        await turn.uow.agencies.save(current)
    agency.group_chat_id = chat.id
    agency.group_is_forum = chat.is_forum
    agency.group_active = True
    await turn.uow.agencies.save(agency)
    after = {"group_chat_id": chat.id, "group_active": True}
    if current is not None and current.id != agency.id:
        after["unlinked"] = current.code
    target = f"agency:{agency.code}"
    await audit(turn, person.actor, AuditAction.GROUP_LINK, target, before=before, after=after)
    key = "staff-linked-forum" if chat.is_forum else "staff-linked"
    await turn.say(st(turn, key, agency=agency.name))


@router.kind(IncomingKind.MEMBER_CHANGE, private=False)
async def membership(turn: Turn) -> None:
    change, chat = turn.incoming.member_change, turn.incoming.chat
    if change is None or chat is None:
        return
    agency = await turn.uow.agencies.get_by_group_chat(chat.id)
    if change.bot_removed:
        if agency is not None and agency.group_active:
            agency.group_active = False
            await turn.uow.agencies.save(agency)
            # Saved first: if this was the admin group, the alert goes to admins in private.
            await alert_admins(
                turn.uow,
                turn.texts,
                "staff-alert-unlinked",
                agency=agency.name,
                chat_id=chat.id,
            )
    elif change.bot_added and (agency is None or not agency.group_active):
        await turn.say(st(turn, "staff-hello-group"))


@router.kind(IncomingKind.MIGRATION, private=False)
async def migration(turn: Turn) -> None:
    """A group became a supergroup: both the old and the new chat say so; either moves it."""
    incoming, chat = turn.incoming, turn.incoming.chat
    if chat is None:
        return
    if incoming.migrate_to_chat_id:
        old, new = chat.id, incoming.migrate_to_chat_id
    elif incoming.migrate_from_chat_id:
        old, new = incoming.migrate_from_chat_id, chat.id
    else:
        return
    await turn.uow.chat_languages.move(old, new)  # the group keeps its language
    agency = await turn.uow.agencies.get_by_group_chat(old)
    if agency is None:
        return
    agency.group_chat_id = new
    agency.group_is_forum = False  # a fresh supergroup has no topics until an owner turns them on
    await turn.uow.agencies.save(agency)
