"""Filing a complaint end to end: every step through Telegram, checked in the database and in
what the citizen received."""

from __future__ import annotations

from domain.status import TicketStatus
from tests.e2e.citizen.chat import (
    GOOD_DESCRIPTION,
    INSIDE,
    OUTSIDE,
    Chat,
    buttons,
    png,
    reply_keyboard,
    text_of,
)
from tests.e2e.harness import Harness

NEW_DESCRIPTION = "Lubang makin lebar setelah hujan; dua pengendara motor sudah jatuh di sana."


async def test_a_full_complaint_with_an_album_a_location_and_one_edit(bot: Harness) -> None:
    c = await Chat.open(bot, "Budi")
    await c.command("start")
    greeting = await c.one()
    assert "Halo Budi" in text_of(greeting)
    assert c.t("menu-new") in reply_keyboard(greeting)

    await c.say(c.t("menu-new"))  # the reply-keyboard button sends its label
    categories = await c.one()
    assert buttons(categories)[-1] == c.t("btn-page-next")
    page_two = await c.press_and_see_edit(categories, c.t("btn-page-next"))
    assert buttons(page_two)[-2:] == ["Lainnya", c.t("btn-page-back")]  # "Other" comes last
    described = await c.press_and_see_edit(page_two, "Lingkungan Hidup")  # edited in place
    assert c.t("intake-ask-description", category="Lingkungan Hidup") in text_of(described)

    await c.say("rusak")
    assert text_of(await c.one()) == c.t("intake-description-short", count=5, min=15)
    assert (await c.draft()).step == "description"  # type: ignore[union-attr]
    await c.say(GOOD_DESCRIPTION)
    photos_question = await c.one()
    assert buttons(photos_question) == [c.t("btn-skip")]

    await bot.client.send_album(c.id, [png(1), png(2), png(3)])
    acknowledged = await c.one()  # one answer for the whole album
    assert text_of(acknowledged) == c.t("intake-album-received", max=10)
    privacy = await c.press_and_see_edit(acknowledged, c.t("btn-done"))  # becomes the next step
    assert text_of(privacy).startswith(c.t("intake-photos-saved", count=3))
    privacy = await c.press_and_see_edit(privacy, c.t("btn-name-hidden"))
    assert c.t("btn-name-shared") in buttons(privacy)
    await c.press(privacy, c.t("btn-continue"))
    location_question = await c.one()  # not a second album answer: the album was answered once
    assert c.t("btn-send-location") in reply_keyboard(location_question)

    await bot.client.send_location(c.id, *INSIDE)
    contact_question = await c.one()
    assert text_of(contact_question).startswith(c.t("intake-location-saved"))
    assert c.t("btn-send-contact") in reply_keyboard(contact_question)

    await bot.client.send_contact(c.id, "+62 812-3456-7890", "Budi", contact_user_id=c.id)
    saved, summary = await c.expect(2)  # "saved" (with the main menu back), then the review
    assert text_of(saved) == c.t("intake-contact-saved")
    assert c.t("menu-new") in reply_keyboard(saved)
    assert GOOD_DESCRIPTION in text_of(summary) and "+6281234567890" in text_of(summary)

    edit_menu = await c.press_and_see_edit(summary, c.t("btn-edit"))
    asked = await c.press_and_see_edit(edit_menu, c.t("btn-edit-description"))
    assert c.t("step-title-description") in text_of(asked)  # the description question again
    await c.say(NEW_DESCRIPTION)
    review = await c.expect(1)  # straight back to the review
    assert NEW_DESCRIPTION in text_of(review[-1])

    answer = await c.press(review[-1], c.t("btn-submit"))
    assert answer["text"] == c.t("alert-submitted")
    notice = await c.one()
    (ticket,) = await c.tickets()
    assert ticket.code in text_of(notice)
    assert c.t("btn-see-status") in buttons(notice)
    assert ticket.status == TicketStatus.SUBMITTED
    assert ticket.description == NEW_DESCRIPTION
    assert (ticket.latitude, ticket.longitude) == INSIDE
    assert ticket.share_name is True and ticket.public is True
    assert ticket.contact_phone == "+6281234567890"
    attachments = await c.attachments(ticket)
    assert len(attachments) == 3 and {a.kind for a in attachments} == {"photo"}
    assert await c.draft() is None
    again = await c.press(review[-1], c.t("btn-submit"))  # a double tap, or an old message
    assert again["text"] == c.t("alert-stale") and again["show_alert"] is True
    assert len(await c.tickets()) == 1


async def to_location_step(bot: Harness, name: str, category: str = "bansos") -> Chat:
    """A QR poster's deep link straight into a category, a description, no photos."""
    c = await Chat.open(bot, name)
    await c.command("start", f"c_{category}")
    await c.expect(2)  # the greeting (with the menu), then the description question
    await c.say(GOOD_DESCRIPTION)
    privacy = await c.press_and_see_edit(await c.one(), c.t("btn-skip"))
    await c.press(privacy, c.t("btn-continue"))
    assert (await c.draft()).step == "location"  # type: ignore[union-attr]
    await c.one()
    return c


async def test_a_typed_address_an_outside_point_then_a_venue_and_a_skipped_location(
    bot: Harness,
) -> None:
    typed = await to_location_step(bot, "Ani")
    await typed.say("Gang Mawar 3, belakang Masjid Agung")
    assert text_of(await typed.one()).startswith(typed.t("intake-address-saved"))
    draft = await typed.intake()
    assert draft.step == "contact" and draft.location is not None
    assert draft.location.address == "Gang Mawar 3, belakang Masjid Agung"
    assert draft.location.latitude is None

    moved = await to_location_step(bot, "Dewi")
    before = await moved.draft()
    await bot.client.send_location(moved.id, *OUTSIDE)
    refusal = text_of(await moved.one())
    assert refusal == moved.t("intake-location-outside", city="Kota Surakarta")
    assert await moved.draft() == before  # refused: nothing changed
    await bot.client.send_venue(moved.id, *INSIDE, "Pasar Gede", "Jl. Urip Sumoharjo")
    assert text_of(await moved.one()).startswith(moved.t("intake-location-saved"))
    draft = await moved.intake()
    assert draft.step == "contact" and draft.location is not None
    assert (draft.location.latitude, draft.location.longitude) == INSIDE
    assert draft.location.address == "Pasar Gede, Jl. Urip Sumoharjo"

    skipped = await to_location_step(bot, "Sari")
    await skipped.say(skipped.t("btn-skip"))  # the reply keyboard's Skip
    assert text_of(await skipped.one()).startswith(skipped.t("intake-location-skipped"))
    draft = await skipped.intake()
    assert draft.step == "contact" and draft.location is not None
    assert draft.location.latitude is None and draft.location.address is None
