"""A whole complaint, played through the page alone, as a newcomer would click it.

The citizen files with photos (an album from disk) and a location (the offline map, via the
bot's "Send my location" button) and shares their number; the admin verifies and sends it
to DPUPR; officer A claims and resolves with a note, by replying to the bot's prompt; the
citizen confirms and rates. Every step waits for the text or button a person would look for,
so a missing one fails the test naming it. On the way, the admin (who sits in the agency's
group too) tries to claim it and is refused: the page acts as whoever is picked.
With UPDATE_SCREENSHOT=1, the last screenshot becomes docs/playground.png.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.playground.driver import PaneDriver, Playground
from tests.playground.images import photo_files

pytestmark = [pytest.mark.xdist_group("playground")]

DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "playground.png"
CODE = re.compile(r"ADU-[0-9A-Z]{6}")
DESCRIPTION = "There is a deep pothole in front of SD Negeri 5 on Jl. Slamet Riyadi since Monday."
NOTE = "Patched the pothole with hot asphalt this morning; the road is safe again."


def file_complaint(citizen: PaneDriver, playground: Playground, tmp_path: Path) -> str:
    """The citizen's six steps; returns the tracking code the bot gives."""
    citizen.root.get_by_role("button", name="START").click()
    citizen.message("official complaint service")
    citizen.key("New complaint")
    citizen.message("Step 1 of 6")
    citizen.press("Roads and Drainage")
    citizen.message("Step 2 of 6")
    citizen.type(DESCRIPTION)
    citizen.message("Step 3 of 6")
    citizen.upload(photo_files(tmp_path, 2))
    citizen.message("photos are received")
    citizen.press("Done")  # the answer becomes the privacy question, in place
    citizen.message("2 photos saved")
    citizen.message("Step 4 of 6")
    citizen.press("Continue")
    citizen.message("Step 5 of 6")
    citizen.share_location(0.55, 0.45, key="Send my location")
    citizen.message("Location saved")
    citizen.message("Step 6 of 6")
    citizen.key("Share my number")
    review = citizen.message("Please check your complaint")
    expect(review).to_contain_text("Photos: 2")
    playground.screenshot("citizen-review")
    citizen.press("Submit complaint", within=review)
    receipt = citizen.message("we have received your complaint")
    found = CODE.search(receipt.inner_text())
    assert found, "the receipt names no tracking code"
    return found.group()


def test_a_complaint_round_trip_through_the_page(playground: Playground, tmp_path: Path) -> None:
    citizen, admin, officer = (playground.pane(i) for i in range(3))
    code = file_complaint(citizen, playground, tmp_path)

    card = admin.message(code)
    expect(card).to_contain_text("Waiting for verification")
    admin.press("Verify", within=card)
    expect(card.locator(".inline-kb button", has_text="DPUPR")).to_contain_text("✅")
    playground.screenshot("admin-picks-agency")
    admin.press("Send", within=card)
    expect(card).to_contain_text("Sent to the agency")
    citizen.message("is verified and sent to")

    work = officer.message(code)
    officer.act_as("Rina")  # the admin sits in the agency's group too, but may not claim
    officer.press("Claim", within=work)
    alert = playground.page.locator("#alert-dialog")
    expect(alert).to_contain_text("authorised staff only")
    alert.get_by_role("button", name="OK").click()
    officer.act_as("Budi")
    officer.press("Claim", within=work)
    expect(work).to_contain_text("Budi Santoso")
    citizen.message("is being handled by an officer")
    officer.press("Resolve", within=work)
    prompt = officer.message("reply to this message with the resolution note")
    officer.reply(prompt, NOTE)
    officer.message("Marked resolved")
    playground.screenshot("officer-resolved")

    resolved = citizen.message("has been dealt with")
    expect(resolved).to_contain_text(NOTE)
    citizen.press("Yes, it's fixed", within=resolved)
    rating = citizen.message("Thank you for confirming")
    citizen.press("5⭐", within=rating)
    citizen.message("Any suggestion or comment")
    citizen.type("Fixed within a day, thank you!")
    citizen.message("Thank you for rating")
    officer.message("confirmed that")
    expect(admin.message(code)).to_contain_text("Closed")

    final = playground.screenshot("round-trip-done", settle=True)
    if os.environ.get("UPDATE_SCREENSHOT"):  # `UPDATE_SCREENSHOT=1 make test`: refresh the README's
        shutil.copyfile(final, DOCS_SCREENSHOT)
