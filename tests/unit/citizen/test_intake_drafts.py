"""The stored draft: a follow-up interrupts the intake and gives it back; drafts written by
the previous version (an untyped dict) are migrated, anything unreadable is dropped kindly."""

from __future__ import annotations

from domain.conversation import Draft
from handlers.buttons import INTAKE_ACTION, TICKET_ACTION
from handlers.intake.draft import VERSION, DetourKind, Photo, dump
from handlers.intake.kinds import Step
from tests.unit.citizen.intake_bot import DESCRIPTION, CitizenBot, labels, plain, shown


async def test_adding_information_interrupts_the_intake_and_gives_it_back(
    bot: CitizenBot,
) -> None:
    ticket = await bot.w.submit()
    await bot.text("/new")
    await bot.press("Jalan rusak")
    question = bot.store.drafts[bot.user]
    await bot.press_data(TICKET_ACTION.pack(ticket.code, "addinfo"), 1)
    convo = await bot.conversation()
    assert convo and convo.detour and convo.detour.kind is DetourKind.ADD_INFO
    assert convo.intake and convo.intake.step is Step.DESCRIPTION  # kept underneath
    added = await bot.text("Lubangnya sekarang sudah sebesar ban mobil.")
    assert shown(added.last) == plain("addinfo-received", code=ticket.code)
    done = await bot.press_data(TICKET_ACTION.pack(ticket.code, "done"), 2)
    assert shown(done.last).startswith(plain("addinfo-finished", code=ticket.code))
    assert plain("step-title-description") in shown(done.last)  # the question, asked again
    convo = await bot.conversation()
    assert convo and convo.detour is None and convo.intake
    assert convo.intake.seq == question.data["intake"]["seq"] + 1
    await bot.text(DESCRIPTION)
    convo = await bot.conversation()
    assert convo and convo.intake and convo.intake.step is Step.PHOTOS


async def test_a_version_1_draft_is_migrated_and_its_buttons_still_work(bot: CitizenBot) -> None:
    old = {
        "seq": 3,
        "share_name": True,
        "public": True,
        "category": "road",
        "description": DESCRIPTION,
        "photos": ["p1"],
        "documents": ["d1"],
        "photo_uids": ["u1", "u2"],
        "album": "a1",
    }
    bot.store.drafts[bot.user] = Draft(bot.user, "photos", old, citizen_id=bot.w.citizen.id)
    privacy = await bot.press_data(INTAKE_ACTION.pack(3, "done"), 1)
    assert shown(privacy.last).startswith(plain("intake-photos-saved", count=2))
    assert plain("btn-name-shared") in labels(privacy.last)
    convo = await bot.conversation()
    assert convo and convo.intake
    assert convo.intake.photos == [Photo("p1", "u1"), Photo("d1", "u2", document=True)]
    assert convo.intake.step is Step.PRIVACY and convo.intake.privacy.share_name
    assert bot.store.drafts[bot.user].data["v"] == VERSION == dump(convo)["v"]


async def test_an_unreadable_draft_is_dropped_with_a_kind_word(bot: CitizenBot) -> None:
    unknown = {"v": VERSION + 1, "intake": {"something": "new"}}
    bot.store.drafts[bot.user] = Draft(bot.user, "photos", unknown, citizen_id=bot.w.citizen.id)
    reply = await bot.text("halo")
    assert shown(reply.said[0]) == plain("intake-draft-lost")
    assert plain("menu-new") in labels(reply.said[0])
    assert await bot.conversation() is None
    asked = await bot.text("/new")  # and a new complaint starts afresh
    assert plain("step-title-category") in shown(asked.last)
