"""The review: Edit turns its buttons into a step menu, the step answered goes straight back
to the review; Cancel asks first; a category gone meanwhile is asked again."""

from __future__ import annotations

from domain.outbound import OutboundKind
from handlers.intake.kinds import Step
from tests.unit.citizen.intake_bot import DESCRIPTION, CitizenBot, labels, plain, shown

NEW_DESCRIPTION = "Lubang makin lebar setelah hujan; dua pengendara motor sudah jatuh di sana."


async def at_review(bot: CitizenBot) -> int:
    await bot.text("/new")
    await bot.press("Jalan rusak")
    await bot.text(DESCRIPTION)
    await bot.press(plain("btn-skip"))
    await bot.press(plain("btn-continue"))
    await bot.text(plain("btn-skip"))
    await bot.contact("+62 812-3456-7890")
    return bot.message_with(plain("btn-submit"))


async def test_an_edit_from_the_review_returns_to_the_review(bot: CitizenBot) -> None:
    review = await at_review(bot)
    menu = await bot.press(plain("btn-edit"), review)
    assert menu.last.kind is OutboundKind.EDIT_TEXT and menu.last.edit_message_id == review
    assert plain("btn-edit-description") in labels(menu.last)
    back = await bot.press(plain("btn-back"), review)
    assert plain("btn-submit") in labels(back.last)
    await bot.press(plain("btn-edit"), review)
    asked = await bot.press(plain("btn-edit-description"), review)
    assert plain("step-title-description") in shown(asked.last)  # the review became the question
    again = await bot.text(NEW_DESCRIPTION)
    assert len(again.said) == 1 and NEW_DESCRIPTION in shown(again.last)
    convo = await bot.conversation()
    assert convo and convo.intake and convo.intake.step is Step.REVIEW
    assert not convo.intake.editing


async def test_editing_the_location_brings_the_main_menu_back_before_the_review(
    bot: CitizenBot,
) -> None:
    review = await at_review(bot)
    await bot.press(plain("btn-edit"), review)
    asked = await bot.press(plain("btn-edit-location"), review)
    assert asked.last.kind is OutboundKind.TEXT  # a reply keyboard: a new message
    answered = await bot.text("Gang Mawar 3, belakang Masjid Agung")
    saved, summary = answered.said
    assert shown(saved) == plain("intake-address-saved") and plain("menu-new") in labels(saved)
    assert "Gang Mawar 3" in shown(summary)


async def test_cancel_asks_first_and_keep_continues(bot: CitizenBot) -> None:
    review = await at_review(bot)
    confirm = await bot.press(plain("btn-cancel"), review)
    assert shown(confirm.last) == plain("intake-cancel-confirm")
    kept = await bot.press(plain("btn-keep"), review)
    assert plain("btn-submit") in labels(kept.last)
    await bot.text("/cancel")
    gone = await bot.press(plain("btn-discard"))
    assert shown(gone.last) == plain("intake-discarded")
    assert plain("menu-new") in labels(gone.last)
    assert await bot.conversation() is None


async def test_a_category_withdrawn_meanwhile_is_asked_again(bot: CitizenBot) -> None:
    review = await at_review(bot)
    async with bot.store.uow() as uow:
        road = bot.w.road_category
        road.active = False
        await uow.categories.save(road)
        await uow.commit()
    asked = await bot.press(plain("btn-submit"), review)
    assert shown(asked.last).startswith(plain("intake-category-gone"))
    await bot.press("Sampah")
    convo = await bot.conversation()
    assert convo and convo.intake and convo.intake.step is Step.REVIEW
