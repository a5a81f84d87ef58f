"""What the intake refuses, it refuses kindly and without a change: stale and forged buttons,
wrong kinds of input, lengths, the photo limit, places outside the city, others' contacts."""

from __future__ import annotations

from handlers.buttons import INTAKE_ACTION
from tests.unit.citizen.intake_bot import DESCRIPTION, CitizenBot, labels, plain, shown


async def at_photos(bot: CitizenBot) -> None:
    await bot.text("/new")
    await bot.press("Jalan rusak")
    await bot.text(DESCRIPTION)


async def test_a_button_of_an_earlier_question_is_stale_and_changes_nothing(
    bot: CitizenBot,
) -> None:
    await bot.text("/new")
    categories = bot.message_with("Sampah")
    keyboard = bot.sent[categories].keyboard
    assert keyboard is not None
    trash = next(b.data for row in keyboard.rows for b in row if b.text == "Sampah")
    await bot.press("Jalan rusak")  # the step token moves on
    before = bot.store.drafts[bot.user]
    stale = await bot.press_data(trash or "", categories)
    assert stale.answer and stale.answer.alert and stale.answer.text == plain("alert-stale")
    assert stale.said == [] and bot.store.drafts[bot.user] == before
    forged = await bot.press_data(INTAKE_ACTION.pack(before.data["intake"]["seq"], "boom"), 1)
    assert forged.answer and forged.answer.text == plain("alert-forged")
    wrong_step = await bot.press_data(INTAKE_ACTION.pack(before.data["intake"]["seq"], "submit"), 1)
    assert wrong_step.answer and wrong_step.answer.text == plain("alert-stale")
    assert bot.store.drafts[bot.user] == before


async def test_wrong_inputs_are_explained_and_change_nothing(bot: CitizenBot) -> None:
    await bot.text("/new")
    await bot.press("Jalan rusak")
    before = bot.store.drafts[bot.user]
    short = await bot.text("rusak")
    assert shown(short.last) == plain("intake-description-short", count=5, min=15)
    sticker = await bot.sticker()
    what = plain("unsupported-what", kind="sticker")
    assert shown(sticker.last) == plain("intake-unsupported-description", what=what)
    pdf = await bot.document("surat.pdf", "application/pdf")
    assert shown(pdf.last) == plain("intake-document-refused", name="surat.pdf")
    place = await bot.location(-7.57, 110.82)
    assert shown(place.last) == plain("intake-not-now", hint=plain("hint-description"))
    assert bot.store.drafts[bot.user] == before


async def test_ten_photos_fit_and_the_rest_is_refused_once_per_album(bot: CitizenBot) -> None:
    await at_photos(bot)
    await bot.document("jalan.png", "image/png")  # an image sent as a file counts
    album = await bot.album(*range(10, 20))  # ten more: nine fit
    said = [shown(m) for r in album for m in r.said]
    assert said == [plain("intake-album-received", max=10), plain("intake-photo-limit", max=10)]
    assert labels(album[9].last) == [plain("btn-done")]  # the limit, with Done
    again = await bot.photo(99)
    assert shown(again.last) == plain("intake-photo-limit", max=10)
    convo = await bot.conversation()
    assert convo and convo.intake and len(convo.intake.photos) == 10
    assert convo.intake.photo_ids(documents=True) == ["doc-jalan.png"]
    same = await bot.photo(10)  # the same picture again: kept once, nothing to say
    assert same.said == []


async def test_places_outside_the_city_and_strangers_numbers_are_refused(
    bot: CitizenBot,
) -> None:
    await at_photos(bot)
    await bot.press(plain("btn-skip"))
    await bot.press(plain("btn-continue"))
    before = bot.store.drafts[bot.user]
    outside = await bot.location(-6.2, 106.8)  # Jakarta
    assert shown(outside.last) == plain("intake-location-outside", city="Kota Surakarta")
    assert outside.last.keyboard is None  # the location keyboard is still there
    assert shown((await bot.text("ab")).last) == plain("intake-address-short", min=5)
    assert bot.store.drafts[bot.user] == before
    await bot.text(plain("btn-skip"))
    before = bot.store.drafts[bot.user]
    stranger = await bot.contact("+62 811 000 111", own=False)
    assert shown(stranger.last) == plain("intake-contact-not-own")
    assert shown((await bot.text("halo")).last) == plain("hint-contact")
    assert bot.store.drafts[bot.user] == before
