"""Everything a citizen may get wrong is answered kindly and changes nothing: bad deep links,
stickers and voice notes instead of text, lengths, files, the photo limit, short addresses,
someone else's contact, stale and forged buttons. Each scenario stays under the burst limit
(20 updates in 10 s), like a person typing would."""

from __future__ import annotations

from tests.e2e.citizen.chat import GOOD_DESCRIPTION, Chat, buttons, png, text_of
from tests.e2e.harness import Harness


async def test_bad_links_and_bad_descriptions_are_answered_without_a_change(
    bot: Harness,
) -> None:
    c = await Chat.open(bot, "Rina")
    for link in ("xyz", "c_tidakada", "t_ADU-1", "c_JALAN!"):
        await c.command("start", link)
        _, refusal = await c.expect(2)
        assert text_of(refusal) == c.t("start-link-invalid")
    assert await c.draft() is None

    await c.command("lang")
    await c.press(await c.one(), "🇬🇧 English")
    c.language = "en"
    assert text_of(await c.one()) == c.t("language-changed")
    assert (await c.citizen()).language == "en"

    await c.command("new")
    categories = await c.one()
    await bot.client.send_file(c.id, "sticker")
    sticker = c.t("unsupported-what", kind="sticker")
    assert text_of(await c.one()) == c.t(
        "intake-unsupported", what=sticker, hint=c.t("hint-category")
    )
    await c.press_and_see_edit(categories, "Roads and Drainage")  # English names in English
    before = await c.draft()

    await c.say("x" * 2001)
    assert text_of(await c.one()) == c.t("intake-description-long", count=2001, max=2000)
    for kind in ("sticker", "voice", "animation", "video_note", "video"):
        await bot.client.send_file(c.id, kind)
        what = c.t("unsupported-what", kind=kind)
        assert text_of(await c.one()) == c.t("intake-unsupported-description", what=what)
    assert await c.draft() == before  # the same step, the same data, the same version


async def test_files_the_photo_limit_a_short_address_and_a_strangers_contact(
    bot: Harness,
) -> None:
    c = await Chat.open(bot, "Joko")
    await c.command("start", "c_jalan")
    await c.expect(2)
    await c.say(GOOD_DESCRIPTION)
    await c.one()

    await bot.client.send_document(
        c.id, b"%PDF-1.4", file_name="surat.pdf", mime_type="application/pdf"
    )
    assert text_of(await c.one()) == c.t("intake-document-refused", name="surat.pdf")
    await bot.client.send_document(c.id, png(7), file_name="jalan.png", mime_type="image/png")
    assert text_of(await c.one()) == c.t("intake-photo-received", count=1, max=10)
    await bot.client.send_album(c.id, [png(n) for n in range(10, 20)])
    album, limit = await c.expect(2)  # one answer for the album, one for what did not fit
    assert text_of(album) == c.t("intake-album-received", max=10)
    assert text_of(limit) == c.t("intake-photo-limit", max=10)
    # (an eleventh photo sent alone is refused too: tests/unit/citizen; the burst limit
    # leaves no room for it here)
    photos = (await c.intake()).photos
    assert len(photos) == 10 and [p.document for p in photos].count(True) == 1

    privacy = await c.press_and_see_edit(limit, c.t("btn-done"))
    await c.press(privacy, c.t("btn-continue"))
    await c.one()
    located = await c.draft()
    await c.say("ab")
    assert text_of(await c.one()) == c.t("intake-address-short", min=5)
    assert await c.draft() == located
    await c.say(c.t("btn-skip"))
    await c.one()  # the contact question
    contact_step = await c.draft()
    await bot.client.send_contact(c.id, "+62 811 000 111", "Tetangga", contact_user_id=None)
    assert text_of(await c.one()) == c.t("intake-contact-not-own")
    await c.say("halo")
    assert text_of(await c.one()) == c.t("hint-contact")
    assert await c.draft() == contact_step


async def test_stale_and_forged_buttons_get_an_alert_and_change_nothing(bot: Harness) -> None:
    c = await Chat.open(bot, "Tono")
    await c.command("new")
    categories = await c.one()
    await c.command("new")  # the same question again, under a new step token
    current = await c.one()
    await c.press_and_see_edit(current, "Jalan dan Drainase")  # it becomes the next question
    moved_on = await c.draft()
    assert moved_on is not None and (await c.intake()).category == "jalan"

    stale = await c.press(categories, "Perparkiran")  # an earlier question's button
    assert stale["text"] == c.t("alert-stale") and stale["show_alert"] is True
    first = buttons(categories)[0]
    for forged in ("ic1:abc:jalan", "ic1:1:jalan:extra", "zz9:1", "ia1:99:selfdestruct"):
        c.forge(categories, forged)
        answer = await c.press(categories, first)
        assert answer["text"] == c.t("alert-forged") and answer["show_alert"] is True
    assert await c.draft() == moved_on


async def test_a_restart_in_the_middle_of_a_draft_continues_at_the_same_step(
    h: Harness,
) -> None:
    from tests.e2e.citizen.conftest import start_fast

    await start_fast(h)
    c = await Chat.open(h, "Wati")
    await c.command("start", "c_pju")
    await c.expect(2)
    await c.say(GOOD_DESCRIPTION)
    photos_question = await c.one()
    await h.stop_bot()

    await start_fast(h)  # a new process: nothing but the database remembers the draft
    await h.client.send_photo(c.id, png(1))
    assert text_of(await c.one()) == c.t("intake-photo-received", count=1, max=10)
    # still the same question, so still valid: it becomes the next one
    privacy = await c.press_and_see_edit(photos_question, c.t("btn-skip"))
    assert c.t("intake-photos-saved", count=1) in text_of(privacy)
    draft = await c.intake()
    assert draft.step == "privacy" and len(draft.photos) == 1
