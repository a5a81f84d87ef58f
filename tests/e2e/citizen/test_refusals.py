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
    await c.press(categories, "Roads and Drainage")  # English names for English speakers
    await c.one()
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
    assert text_of(await c.one()) == c.t("intake-photo-received", count=1, max=5)
    await bot.client.send_album(c.id, [png(n) for n in range(10, 15)])
    album, limit = await c.expect(2)  # one answer for the album, one for what did not fit
    assert text_of(album) == c.t("intake-album-received", max=5)
    assert text_of(limit) == c.t("intake-photo-limit", max=5)
    full = await c.draft()
    assert full is not None
    assert len(full.data["photos"]) == 4 and len(full.data["documents"]) == 1
    await bot.client.send_photo(c.id, png(99))  # a sixth photo
    assert text_of(await c.one()) == c.t("intake-photo-limit", max=5)
    assert await c.draft() == full

    await c.press(limit, c.t("btn-done"))
    await c.one()
    located = await c.draft()
    await c.say("ab")
    assert text_of(await c.one()) == c.t("intake-address-short", min=5)
    assert await c.draft() == located
    await c.say(c.t("btn-skip"))
    _, privacy = await c.expect(2)
    await c.press(privacy, c.t("btn-continue"))
    await c.one()
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
    await c.press(categories, "Jalan dan Drainase")
    await c.one()
    moved_on = await c.draft()
    assert moved_on is not None and moved_on.data["category"] == "jalan"

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
    assert text_of(await c.one()) == c.t("intake-photo-received", count=1, max=5)
    await c.press(photos_question, c.t("btn-skip"))  # still the same question: still valid
    assert c.t("intake-photos-saved", count=1) in text_of(await c.one())
    draft = await c.draft()
    assert draft is not None and draft.step == "location" and len(draft.data["photos"]) == 1
