"""The demo's cast: four people, three group chats, and the database rows that make them staff.

A newcomer should see the whole complaint round trip in a minute, so nothing has to be set up
by hand: the admin group is the complaint unit's linked group, and each officer sits in their
agency's linked group (one of them a forum supergroup, to show topics). The chats are created
straight in the emulator's state, without service messages, and the Agency/Staff rows straight
in the database: it is the state `/link` and `/invite` would leave, without depending on those
conversations. Ids are fixed so a reset gives the page the same people and chats back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domain.clock import Clock
from domain.model import Staff
from domain.ports import UnitOfWork
from domain.roles import Role
from playground.emulator.state import EmulatorState


@dataclass(frozen=True)
class Persona:
    """Someone the person at the browser can act as."""

    key: str
    user_id: int
    first_name: str
    last_name: str
    role: Role
    agency: str | None  # agency code, for staff
    label: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class DemoGroup:
    """A staff group chat, linked to its agency."""

    key: str
    chat_id: int
    kind: str  # "supergroup" or "forum"
    title: str
    agency: str
    members: tuple[str, ...]  # persona keys; the first is who the page acts as by default


PERSONAS = (
    Persona("citizen", 7_100_001, "Sari", "Wulandari", Role.CITIZEN, None, "Citizen"),
    Persona("admin", 7_100_002, "Rina", "Setyowati", Role.ADMIN, "ulas", "Admin (ULAS)"),
    Persona("officer_a", 7_100_003, "Budi", "Santoso", Role.OFFICER, "dpupr", "Officer A"),
    Persona("officer_b", 7_100_004, "Dewi", "Lestari", Role.OFFICER, "dishub", "Officer B"),
)
GROUPS = (
    DemoGroup("admin_group", -1_001_000_000_101, "supergroup", "ULAS admins", "ulas", ("admin",)),
    DemoGroup(
        "agency_a",
        -1_001_000_000_102,
        "supergroup",
        "DPUPR officers",
        "dpupr",
        ("officer_a", "admin"),
    ),
    DemoGroup(
        "agency_b", -1_001_000_000_103, "forum", "Dishub officers", "dishub", ("officer_b", "admin")
    ),
)
ADMIN_GROUP = GROUPS[0]
# What an empty chat says, so a newcomer knows where to start and what will show up where.
CITIZEN_HINT = "Press START, then 📝 New complaint, to file a complaint as the citizen."
STAFF_HINT = "The bot writes here privately to staff: escalations, invites, reports."
UNIT_HINT = "New complaints arrive here as cards: the admin verifies, holds or rejects them."
AGENCY_HINT = "Verified complaints for this agency arrive here: officers claim and resolve them."


def persona(key: str) -> Persona:
    return next(p for p in PERSONAS if p.key == key)


def populate_emulator(state: EmulatorState, language: str) -> None:
    """Users and groups, the bot an administrator in each (it must read replies and open
    forum topics), created silently: no join updates reach the bot for chats already linked."""
    bot = state.bot()
    for p in PERSONAS:
        state.add_user(
            p.user_id, first_name=p.first_name, last_name=p.last_name, language_code=language
        )
    for group in GROUPS:
        chat = state.new_chat(group.kind, group.title, chat_id=group.chat_id)
        chat.members.update(persona(key).user_id for key in group.members)
        chat.bots[bot.id] = True


async def populate_database(uow_factory: Callable[[], UnitOfWork], clock: Clock) -> None:
    """Link each group to its agency and make each staff persona a member of their agency."""
    async with uow_factory() as uow:
        for group in GROUPS:
            agency = await uow.agencies.get_by_code(group.agency)
            if agency is None:
                raise RuntimeError(f"the city file has no agency {group.agency!r}")
            agency.group_chat_id = group.chat_id
            agency.group_is_forum = group.kind == "forum"
            agency.group_active = True
            await uow.agencies.save(agency)
        for p in PERSONAS:
            if p.agency is None:
                continue
            agency = await uow.agencies.get_by_code(p.agency)
            assert agency is not None
            staff = Staff(
                telegram_id=p.user_id,
                name=p.full_name,
                role=p.role,
                created_at=clock.now(),
                agency_id=agency.id,
                chat_id=p.user_id,
            )
            await uow.staff.add(staff)
        await uow.commit()


def describe(bot: dict[str, Any]) -> dict[str, Any]:
    """The cast as the page needs it: who can act, which chats exist, who is in each."""
    people = [
        {
            "key": p.key,
            "id": p.user_id,
            "name": p.full_name,
            "first_name": p.first_name,
            "role": p.role.value,
            "agency": p.agency,
            "label": p.label,
        }
        for p in PERSONAS
    ]
    private = [
        {
            "key": f"private_{p.key}",
            "id": p.user_id,
            "kind": "private",
            "title": f"{p.label}: {p.first_name} ↔ {bot['first_name']}",
            "members": [p.user_id],
            "hint": CITIZEN_HINT if p.role is Role.CITIZEN else STAFF_HINT,
        }
        for p in PERSONAS
    ]
    groups = [
        {
            "key": g.key,
            "id": g.chat_id,
            "kind": g.kind,
            "title": g.title,
            "agency": g.agency,
            "members": [persona(k).user_id for k in g.members],
            "hint": UNIT_HINT if g is ADMIN_GROUP else AGENCY_HINT,
        }
        for g in GROUPS
    ]
    return {"bot": bot, "personas": people, "chats": private + groups}
