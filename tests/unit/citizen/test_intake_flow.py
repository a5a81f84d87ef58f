"""The intake engine on the in-memory unit of work: the benchmark's complaint message by
message, what is edited in place, and what each step stores."""

from __future__ import annotations

from domain.outbound import OutboundKind
from handlers.intake.draft import Place
from handlers.intake.kinds import Step
from tests.unit.citizen.intake_bot import DESCRIPTION, CitizenBot, labels, plain, shown


async def test_the_benchmark_complaint_takes_eight_messages(bot: CitizenBot) -> None:
    new = 0
    asked = await bot.text("/new")
    assert shown(asked.last).startswith(plain("intake-step", n=1, total=6, title="Kategori"))
    new += len(asked.new)

    described = await bot.press("Jalan rusak")  # the category question becomes the next one
    assert [m.kind for m in described.said] == [OutboundKind.EDIT_TEXT]
    assert plain("intake-ask-description", category="Jalan rusak") in shown(described.last)

    photos = await bot.text(DESCRIPTION)
    assert labels(photos.last) == [plain("btn-skip")]
    new += len(photos.new)
    album = await bot.album(1, 2)
    assert [len(r.said) for r in album] == [1, 0]  # one answer for the album
    assert shown(album[0].last) == plain("intake-album-received", max=10)
    new += 1

    privacy = await bot.press(plain("btn-done"))
    assert privacy.last.kind is OutboundKind.EDIT_TEXT
    assert shown(privacy.last).startswith(plain("intake-photos-saved", count=2))
    toggled = await bot.press(plain("btn-name-hidden"))
    assert toggled.last.kind is OutboundKind.EDIT_TEXT and toggled.last.edit_message_id
    assert plain("btn-name-shared") in labels(toggled.last)

    location = await bot.press(plain("btn-continue"))
    assert location.last.kind is OutboundKind.TEXT  # a reply keyboard cannot come by an edit
    assert location.last.keyboard and location.last.keyboard.rows[0][0].request_location
    new += len(location.new)
    contact = await bot.location(-7.57, 110.82)
    assert shown(contact.last).startswith(plain("intake-location-saved"))
    assert contact.last.keyboard and contact.last.keyboard.rows[0][0].request_contact
    new += len(contact.new)

    review = await bot.text(plain("btn-skip"))  # the reply keyboard's Skip
    saved, summary = review.said
    assert shown(saved) == plain("intake-contact-skipped")
    assert plain("menu-new") in labels(saved)  # this message brings the main menu back
    assert plain("btn-submit") in labels(summary)
    new += len(review.new)

    submitted = await bot.press(plain("btn-submit"))
    assert submitted.answer and submitted.answer.text == plain("alert-submitted")
    assert new == 7
    chat = [m for m in bot.store.outbox if m.chat_id == bot.user]
    assert sum(m.kind is not OutboundKind.EDIT_TEXT for m in chat) == 8  # and the receipt
    assert await bot.conversation() is None
    async with bot.store.uow() as uow:
        (ticket,) = await uow.tickets.list_for_citizen(bot.w.citizen.id or 0)
        attachments = await uow.attachments.for_ticket(ticket.id or 0)
    assert ticket.description == DESCRIPTION and ticket.share_name is True
    assert (ticket.latitude, ticket.longitude, ticket.contact_phone) == (-7.57, 110.82, None)
    assert [a.file_id for a in attachments] == ["photo-1", "photo-2"]


async def test_each_step_stores_its_typed_answer(bot: CitizenBot) -> None:
    await bot.text("/new")
    await bot.text("jalan rusak")  # a typed category name is a choice
    await bot.photo(1, caption=DESCRIPTION)  # a caption long enough is the description
    convo = await bot.conversation()
    assert convo and convo.intake
    draft = convo.intake
    assert (draft.step, draft.category, draft.description) == (Step.PHOTOS, "road", DESCRIPTION)
    assert [p.file_id for p in draft.photos] == ["photo-1"]
    await bot.text("selesai")  # typed "done"
    await bot.text("lanjut")  # not a privacy answer: the buttons are shown again
    convo = await bot.conversation()
    assert convo and convo.intake and convo.intake.step is Step.PRIVACY
    await bot.press(plain("btn-continue"))
    await bot.text("Gang Mawar 3, belakang Masjid Agung")
    await bot.text("0812 3456 7890")
    convo = await bot.conversation()
    assert convo and convo.intake
    draft = convo.intake
    assert draft.step is Step.REVIEW
    assert draft.location == Place(address="Gang Mawar 3, belakang Masjid Agung")
    assert draft.phone == "081234567890"
