"""Time travel: one press moves the bot's clock a day ahead and the scheduler catches up at
once, so an SLA reminder shows up in the agency's group without waiting a real day.

Street lighting is auto-verified in the demo city, so the complaint goes straight to Dishub
(the forum group, one topic per complaint) with a 48 h first-response clock: a day later
half of it is used up, which is the 50 % reminder.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.playground.driver import Playground

pytestmark = [pytest.mark.xdist_group("playground")]

CODE = re.compile(r"ADU-[0-9A-Z]{6}")


def test_time_travel_brings_an_sla_reminder_to_the_agency_group(playground: Playground) -> None:
    citizen, agency = playground.pane(0), playground.pane(2).show("agency_b")
    citizen.root.get_by_role("button", name="START").click()
    citizen.key("New complaint")
    citizen.press("Street Lighting")
    citizen.type("The street light at the corner of Jl. Slamet Riyadi and Jl. Honggowongso is out.")
    citizen.press("Skip")  # photos
    citizen.message("Step 4 of 6")
    citizen.press("Continue")  # privacy
    citizen.message("Step 5 of 6")
    citizen.key("Skip")  # location
    citizen.message("Step 6 of 6")
    citizen.key("Skip")  # contact
    citizen.press("Submit complaint")
    receipt = citizen.message("sent it straight to")
    code = CODE.search(receipt.inner_text())
    assert code, "the receipt names no tracking code"
    card = agency.message(code.group())
    expect(card).to_contain_text("New, not claimed yet")
    agency.expect_no_message("Reminder")

    before = datetime.now(UTC)
    playground.travel()
    reminder = agency.message(
        re.compile(rf"Reminder: half of the first response time.*{code.group()}")
    )
    playground.screenshot("sla-reminder")
    expect(playground.page.locator("#clock .offset")).to_have_text("+1 day")
    moved = playground.server.demo.clock.now() - before
    assert timedelta(days=1) <= moved < timedelta(days=1, minutes=5)
    assert abs(datetime.now(UTC) - before) < timedelta(minutes=5)  # the machine's clock stayed
    expect(reminder).to_be_visible()
