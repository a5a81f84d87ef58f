"""A group's chosen language and a staff member's language are stored on both databases."""

from __future__ import annotations

from datetime import timedelta

from domain.clock import FakeClock
from domain.model import Staff
from domain.roles import Role
from tests.backends import UowFactory
from tests.contract.builders import BIG_CHAT, BIG_USER

GROUP = -1_000_000_000_123  # supergroup ids are below -10^12


async def test_a_groups_language_is_set_changed_read_and_follows_a_migration(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    async with timed_uow_factory() as uow:
        assert await uow.chat_languages.get(GROUP) is None
        await uow.chat_languages.set(GROUP, "en", by=BIG_USER)
        await uow.commit()
    clock.advance(timedelta(minutes=1))
    async with timed_uow_factory() as uow:
        await uow.chat_languages.set(GROUP, "id", by=BIG_USER)  # an upsert, not a second row
        await uow.chat_languages.set(BIG_CHAT, "en")
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.chat_languages.get(GROUP) == "id"
        assert await uow.chat_languages.get_many([GROUP, BIG_CHAT, 42]) == {
            GROUP: "id",
            BIG_CHAT: "en",
        }
        await uow.chat_languages.move(GROUP, GROUP - 1)  # the group became a supergroup
        await uow.chat_languages.move(BIG_CHAT, GROUP - 1)  # the new id already has one: kept
        await uow.commit()
    async with timed_uow_factory() as uow:
        assert await uow.chat_languages.get(GROUP) is None
        assert await uow.chat_languages.get(BIG_CHAT) is None
        assert await uow.chat_languages.get(GROUP - 1) == "id"


async def test_a_staff_members_language_is_unknown_until_set(
    timed_uow_factory: UowFactory, clock: FakeClock
) -> None:
    async with timed_uow_factory() as uow:
        person = await uow.staff.add(Staff(BIG_USER, "Sari", Role.ADMIN, clock.now()))
        await uow.commit()
    assert person.language is None
    person.language = "en"
    async with timed_uow_factory() as uow:
        await uow.staff.save(person)
        await uow.commit()
    async with timed_uow_factory() as uow:
        found = await uow.staff.get_by_telegram_id(BIG_USER)
    assert found is not None and found.language == "en"
