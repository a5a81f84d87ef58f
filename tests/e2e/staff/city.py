"""A staffed city for staff-side e2e tests: the complaint unit's group and two agency groups
with their officers, an outsider and a citizen, on the real bot against the emulator.

Staff rows and group links are written straight to the database (onboarding and /link have
their own tests); everything else goes through Telegram. Citizen actions use the domain use
cases with the runtime's own lifecycle, so the real notifier queues every message.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.ratelimit import Limits, SendLimiter
from domain.model import Attachment, Citizen, Staff, Ticket, TicketEvent
from domain.roles import Role
from domain.usecases import Actor, Lifecycle, add_citizen_info, submit_ticket
from handlers.texts import default_catalogue
from tests.e2e.harness import Harness

JSON = dict[str, Any]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") * 2 + b"\x08\x02pixels"
TEXTS = default_catalogue()
# Waits return as soon as the condition holds; the bound only matters on a loaded machine.
WAIT = 20.0
DESCRIPTION = "Lubang besar di Jalan Slamet Riyadi depan pasar, sudah dua minggu."


def t(key: str, **args: Any) -> str:
    """A staff group text as the bot writes it (groups use the default language)."""
    return TEXTS.text(TEXTS.default, key, **args)


@dataclass
class City:
    h: Harness
    admin: JSON
    admin_group: int
    officer_a: JSON  # dpupr
    officer_a2: JSON  # dpupr
    officer_b: JSON  # pdam
    officer_b2: JSON  # pdam
    outsider: JSON  # in every group, staff of nothing
    citizen: JSON  # files complaints; also sits in every group
    group_a: int
    group_b: int
    ids: dict[str, int] = field(default_factory=dict)  # agency codes -> ids
    staff_ids: dict[int, int] = field(default_factory=dict)  # telegram id -> staff id
    _cursor: int = 0

    @property
    def client(self) -> Any:
        return self.h.client

    @property
    def life(self) -> Lifecycle:
        assert self.h.runtime is not None
        return self.h.runtime.worker.conversations.life

    def wake(self) -> None:
        assert self.h.runtime is not None
        self.h.runtime.sender.wake()

    # --- citizen side (domain use cases, the runtime's notifier) --------------------------------

    async def photo(self, user_id: int) -> str:
        """A real file_id: the user posts a photo in a group the bot is not in."""
        scratch = await self.client.create_chat("group", "scratch", members=[user_id], bots=[])
        sent = await self.client.send_photo(user_id, PNG, chat_id=scratch["id"])
        return sent["photo"][-1]["file_id"]

    async def file(
        self,
        *,
        category: str = "jalan",
        share_name: bool = False,
        photos: Sequence[str] = (),
        contact_phone: str | None = None,
    ) -> Ticket:
        async with self.h.db.uow() as uow:
            citizen = await self._citizen(uow)
            found = await uow.categories.get_by_code(category)
            assert found is not None and found.id is not None
            ticket = await submit_ticket(
                uow,
                self.life,
                Actor.citizen(citizen),
                category_id=found.id,
                description=DESCRIPTION,
                photo_file_ids=list(photos),
                latitude=-7.5695,
                longitude=110.8250,
                address="Jl. Slamet Riyadi",
                share_name=share_name,
                contact_phone=contact_phone,
            )
            await uow.commit()
        self.wake()
        return ticket

    async def as_citizen(
        self, usecase: Callable[..., Awaitable[Any]], *args: Any, **kw: Any
    ) -> Any:
        async with self.h.db.uow() as uow:
            citizen = await self._citizen(uow)
            result = await usecase(uow, self.life, Actor.citizen(citizen), *args, **kw)
            await uow.commit()
        self.wake()
        return result

    async def as_staff(
        self, user: JSON, usecase: Callable[..., Awaitable[Any]], *args: Any, **kw: Any
    ) -> Any:
        """A staff member's use case (as their buttons would run it), with the real notifier."""
        async with self.h.db.uow() as uow:
            staff = await uow.staff.get_by_telegram_id(user["id"])
            assert staff is not None
            result = await usecase(uow, self.life, Actor.staff(staff), *args, **kw)
            await uow.commit()
        self.wake()
        return result

    async def add_info(self, ticket_id: int, text: str) -> None:
        await self.as_citizen(add_citizen_info, ticket_id, text)

    async def _citizen(self, uow: Any) -> Citizen:
        user = self.citizen
        found = await uow.citizens.get_by_telegram_id(user["id"])
        if found is None:
            found = await uow.citizens.add(
                Citizen(
                    telegram_id=user["id"],
                    chat_id=user["id"],
                    name=f"{user['first_name']} {user.get('last_name') or ''}".strip(),
                    created_at=self.h.clock.now(),
                )
            )
        return found

    # --- reading the database -------------------------------------------------------------------

    async def ticket(self, ticket_id: int) -> Ticket:
        async with self.h.db.uow(read_only=True) as uow:
            found = await uow.tickets.get(ticket_id)
        assert found is not None
        return found

    async def events(self, ticket_id: int) -> list[TicketEvent]:
        async with self.h.db.uow(read_only=True) as uow:
            return await uow.events.for_ticket(ticket_id)

    async def attachments(self, ticket_id: int) -> list[Attachment]:
        async with self.h.db.uow(read_only=True) as uow:
            return await uow.attachments.for_ticket(ticket_id)

    async def state(self, ticket_id: int) -> tuple[Any, ...]:
        """Everything an action could change (refused attempts aside)."""
        async with self.h.db.uow(read_only=True) as uow:
            ticket = await uow.tickets.get(ticket_id)
            shares = await uow.assignments.for_ticket(ticket_id)
            events = await uow.events.for_ticket(ticket_id)
        real = [(e.action, e.actor_id) for e in events if e.action != "denied_attempt"]
        return ticket, shares, real

    # --- reading Telegram -----------------------------------------------------------------------

    async def card(self, chat_id: int, code: str, *, within: float = WAIT) -> JSON:
        """The ticket's card in a chat, waiting for it to appear."""

        async def found() -> JSON | None:
            cards = [m for m in await self.client.messages(chat_id) if _is_card(m, code)]
            return cards[-1] if cards else None

        return await self.eventually(found, within=within)

    async def message_with(self, chat_id: int, text: str, *, within: float = WAIT) -> JSON:
        async def found() -> JSON | None:
            hits = [m for m in await self.client.messages(chat_id) if text in _text(m)]
            return hits[-1] if hits else None

        return await self.eventually(found, within=within)

    async def card_shows(
        self, chat_id: int, message_id: int, check: Callable[[JSON], bool], within: float = WAIT
    ) -> JSON:
        async def current() -> JSON | None:
            for m in await self.client.messages(chat_id):
                if m["message_id"] == message_id and check(m):
                    return m
            return None

        return await self.eventually(current, within=within)

    async def eventually(self, probe: Callable[[], Awaitable[Any]], *, within: float = WAIT) -> Any:
        """Re-check until `probe` returns something: after every emulator event, and at least
        every 0.2 s for changes only the database shows (a server-side wait, not a sleep)."""
        loop_deadline = _now() + within
        while True:
            result = await probe()
            if result:
                return result
            remaining = loop_deadline - _now()
            if remaining <= 0:
                raise TimeoutError(f"condition not met in {within}s")
            try:
                seen = await self.client.wait_for_events(
                    since=self._cursor, count=1, timeout=min(remaining, 0.2)
                )
                self._cursor = seen[-1]["seq"]
            except TimeoutError:
                pass

    async def linked(self, message: JSON, *, within: float = WAIT) -> JSON:
        """Wait until the sender has recorded this bot message's link to its ticket: a reply
        sent before that (no human is that fast) would find nothing to route to."""
        chat_id, message_id = message["chat"]["id"], message["message_id"]

        async def stored() -> bool:
            async with self.h.db.uow(read_only=True) as uow:
                return await uow.links.find(chat_id, message_id) is not None

        await self.eventually(stored, within=within)
        return message

    async def press(self, user: JSON, chat_id: int, message_id: int, data: str) -> JSON:
        """Press a button and return the bot's callback answer."""
        query = await self.client.press_button(user["id"], message_id, data=data, chat_id=chat_id)
        return await self.client.wait_for_callback_answer(query["id"], WAIT)

    async def reply(self, user: JSON, chat_id: int, to: int, text: str, **kw: Any) -> JSON:
        return await self.client.send_text(user["id"], text, chat_id=chat_id, reply_to=to, **kw)


def buttons(message: JSON) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


def button(message: JSON, prefix: str) -> str:
    found = [d for d in buttons(message) if d.startswith(prefix)]
    assert found, f"no button {prefix} in {buttons(message)}"
    return found[0]


def _text(message: JSON) -> str:
    return message.get("text") or message.get("caption") or ""


def _is_card(message: JSON, code: str) -> bool:
    text = _text(message)
    return code in text.split("\n", 1)[0] and text.startswith(("🆕", "📨"))


def _now() -> float:
    return time.monotonic()


async def staffed_city(h: Harness, *, forum_a: bool = False) -> City:
    """Users, groups, staff and links; waits until the bot greeted every new group."""
    assert h.runtime is not None
    # Many messages to few chats in a few seconds: lift our own rate limits (they have their
    # own tests) so the scenario is not paced by them.
    h.runtime.sender.limiter = SendLimiter(
        Limits(global_per_second=1000, private_burst=1000, group_per_minute=1000)
    )
    c = h.client
    names = ["Sari", "Andi", "Rina", "Bayu", "Dewi", "Tono", "Budi"]
    admin, a1, a2, b1, b2, outsider, citizen = [
        await c.create_user(n, language_code="id", last_name="Test") for n in names
    ]
    everyone = [outsider["id"], citizen["id"], b1["id"]]
    admin_group = await c.create_chat("group", "ULAS", members=[admin["id"], *everyone])
    group_a = await c.create_chat(
        "forum" if forum_a else "group", "DPUPR", members=[a1["id"], a2["id"], *everyone]
    )
    group_b = await c.create_chat(
        "group", "PDAM", members=[b1["id"], b2["id"], outsider["id"], citizen["id"], a1["id"]]
    )
    for chat in (admin_group, group_a, group_b):
        await c.wait_for_messages(
            chat["id"], 1, timeout=WAIT
        )  # the bot's hello: it processed the join
    city = City(
        h, admin, admin_group["id"], a1, a2, b1, b2, outsider, citizen, group_a["id"], group_b["id"]
    )
    async with h.db.uow() as uow:
        for code, chat in (("ulas", admin_group), ("dpupr", group_a), ("pdam", group_b)):
            agency = await uow.agencies.get_by_code(code)
            assert agency is not None and agency.id is not None
            agency.group_chat_id, agency.group_active = chat["id"], True
            agency.group_is_forum = chat.get("is_forum", False)
            await uow.agencies.save(agency)
            city.ids[code] = agency.id
        for user, role, code in (
            (admin, Role.ADMIN, "ulas"),
            (a1, Role.OFFICER, "dpupr"),
            (a2, Role.OFFICER, "dpupr"),
            (b1, Role.OFFICER, "pdam"),
            (b2, Role.SUPERVISOR, "pdam"),
        ):
            staff = await uow.staff.add(
                Staff(
                    telegram_id=user["id"],
                    name=f"{user['first_name']} Test",
                    role=role,
                    created_at=h.clock.now(),
                    agency_id=city.ids[code],
                    chat_id=user["id"],
                )
            )
            assert staff.id is not None
            city.staff_ids[user["id"]] = staff.id
        await uow.commit()
    await c.start(citizen["id"])  # the bot may write to them; /start registers them
    await c.wait_for_messages(citizen["id"], 1, timeout=WAIT)
    seen = await c.events()
    city._cursor = seen[-1]["seq"] if seen else 0
    return city
