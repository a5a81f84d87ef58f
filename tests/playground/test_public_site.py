"""The public site, driven in the browser next to the playground: a complaint filed in the
page and verified shows on the public list and map (markers without any map tile: the tests
are offline); once the officer resolves it with a photo, its page shows the resolution note
and the photo (archived by the bot, served by the site: the image really loads); a complaint
filed with "public: no" never shows. With UPDATE_SCREENSHOT=1 the dashboard (with a year of
demo history) becomes docs/public-site.png."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from playground.demo_history import add_history
from storage.database import Database
from tests.e2e.runtime.support import wait_until
from tests.playground.driver import TIMEOUT, PaneDriver, Playground
from tests.playground.images import photo_files

pytestmark = [pytest.mark.xdist_group("playground")]

DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "public-site.png"
CODE = re.compile(r"ADU-[0-9A-Z]{6}")
NOTE = "Filled the pothole and compacted it; the lane is open again."


def file_complaint(citizen: PaneDriver, description: str, *, public: bool, round: int) -> str:
    """The six steps (no photo); `round` counts this citizen's complaints so far, so each
    step waits for this complaint's message, not the same step of an earlier one."""

    def step(text: str, count: int = round) -> Locator:
        bubbles = citizen.messages.filter(has_text=text)
        expect(bubbles).to_have_count(count, timeout=TIMEOUT)
        return bubbles.last

    citizen.key("New complaint")
    step("Step 1 of 6", 1)  # earlier rounds' category questions became their step 2
    citizen.press("Roads and Drainage")
    step("Step 2 of 6")
    citizen.type(description)
    step("Step 3 of 6", 1)  # earlier rounds' photo questions became their step 4
    citizen.press("Skip")
    privacy = step("Step 4 of 6")
    if not public:
        citizen.press("Public: yes", within=privacy)
        expect(privacy.locator(".inline-kb")).to_contain_text("Public: no")
    citizen.press("Continue", within=privacy)
    step("Step 5 of 6")
    citizen.share_location(0.5, 0.5, key="Send my location")
    step("Step 6 of 6")
    citizen.key("Skip")
    review = step("Please check your complaint")
    citizen.press("Submit complaint", within=review)
    found = CODE.search(step("we have received your complaint").inner_text())
    assert found, "the receipt names no tracking code"
    return found.group()


def verify(admin: PaneDriver, code: str) -> None:
    card = admin.message(code)
    admin.press("Verify", within=card)
    expect(card.locator(".inline-kb button", has_text="DPUPR")).to_contain_text("✅")
    admin.press("Send", within=card)
    expect(card).to_contain_text("Sent to the agency")


def site_page(playground: Playground) -> tuple[Page, str]:
    url = playground.server.demo.public.url  # type: ignore[union-attr]
    link = playground.page.locator("#public-site")
    expect(link).to_have_attribute("href", url)
    return playground.page.context.new_page(), url


def test_the_public_site_shows_public_complaints_only(
    playground: Playground, tmp_path: Path
) -> None:
    citizen, admin, officer = (playground.pane(i) for i in range(3))
    citizen.root.get_by_role("button", name="START").click()
    citizen.message("official complaint service")
    shown = file_complaint(
        citizen,
        "Deep pothole at the market entrance, bikes swerve into traffic.",
        public=True,
        round=1,
    )
    hidden = file_complaint(
        citizen,
        "Broken street light behind my house, please do not publish this.",
        public=False,
        round=2,
    )
    verify(admin, shown)
    verify(admin, hidden)

    site, url = site_page(playground)
    site.goto(f"{url}/complaints?lang=en")
    listed = site.locator("#complaint-list .complaint")
    expect(listed.filter(has_text=shown)).to_have_count(1)
    expect(site.locator(f'.complaint-marker[data-code="{shown}"]')).to_have_count(1)
    expect(site.locator("#map")).to_have_attribute("data-markers", re.compile(r"[1-9]"))
    expect(site.locator("body")).not_to_contain_text(hidden)

    work = officer.message(shown)
    officer.act_as("Budi")
    officer.press("Claim", within=work)
    expect(work).to_contain_text("Budi Santoso")
    officer.press("Resolve", within=work)
    prompt = officer.message("reply to this message with the resolution note")
    officer.reply_with_photos(prompt, NOTE, photo_files(tmp_path, 1))
    officer.message("Marked resolved")
    playground.server.call(_resolution_photo_archived(playground.server.demo, shown))

    site.goto(f"{url}/c/{shown}?lang=en")
    expect(site.locator("h1")).to_contain_text(shown)
    expect(site.locator(".timeline")).to_contain_text(NOTE)
    expect(site.locator(".facts")).to_contain_text("Resolved, awaiting confirmation")
    expect(site.locator(".facts")).not_to_contain_text("Budi")
    photo = site.locator(".timeline .event.resolve .photos img")
    expect(photo).to_have_count(1)
    photo.scroll_into_view_if_needed()
    site.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle(), timeout=TIMEOUT
    )
    full = site.request.get(url + (photo.locator("xpath=..").get_attribute("href") or ""))
    assert full.status == 200 and full.headers["content-type"] == "image/png"

    missing = site.goto(f"{url}/c/{hidden}")
    assert missing is not None and missing.status == 404
    for path in ("/complaints", "/open311/v2/requests.json", "/open311/v2/requests.xml"):
        site.goto(url + path)
        expect(site.locator("body")).not_to_contain_text(hidden)
    site.goto(f"{url}/open311/v2/requests.json?service_request_id={hidden}")
    expect(site.locator("body")).to_have_text("[]")

    demo = playground.server.demo
    playground.server.call(_with_history(demo))
    site.set_viewport_size({"width": 1280, "height": 900})
    site.goto(f"{url}/?lang=en")
    expect(site.locator("h1")).to_contain_text("complaint service")
    expect(site.locator("svg.chart")).to_have_count(3)
    shot = playground.shots / "public-site.png"
    site.screenshot(path=str(shot), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, DOCS_SCREENSHOT)


async def _resolution_photo_archived(demo: object, code: str) -> None:
    """Wait until the bot has archived the resolution's photo, then let the site see it at
    once (it looks for new data at most once a second)."""
    db = Database(demo.store.url)  # type: ignore[attr-defined]

    async def archived() -> bool:
        async with db.uow(read_only=True) as uow:
            ticket = await uow.tickets.get_by_code(code)
            assert ticket is not None and ticket.id is not None
            photos = await uow.attachments.for_ticket(ticket.id)
        return any(a.sha256 for a in photos if a.uploaded_by_role != "citizen")

    try:
        await wait_until(archived, within=25.0, what="the resolution photo archived")
    finally:
        await db.dispose()
    demo.public.site.probe.forget()  # type: ignore[attr-defined]


async def _with_history(demo: object) -> None:
    """A year of finished complaints in the demo's database, for a dashboard worth a look."""
    db = Database(demo.store.url)  # type: ignore[attr-defined]
    try:
        await add_history(db, demo.clock.now())  # type: ignore[attr-defined]
    finally:
        await db.dispose()
    demo.public.site.forget()  # type: ignore[attr-defined]
