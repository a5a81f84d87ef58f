"""Drive the playground page the way a person would: panes, typing, buttons, the map.

Every wait is Playwright's `expect(...)` with a timeout (it polls the DOM, the page updates
from the SSE stream), never a sleep. A missing text or button fails with Playwright's message
naming the locator, which says exactly which step of a story broke.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Locator, Page, expect

from tests.playground.server import DemoThread

TIMEOUT = 10_000  # ms; the bot answers in well under a second, this only bounds a failure
Text = str | re.Pattern[str]


class PaneDriver:
    def __init__(self, page: Page, index: int) -> None:
        self.page = page
        self.root = page.locator(f'[data-pane="{index}"]')

    # --- what the pane shows -------------------------------------------------------------

    def show(self, chat_key: str) -> PaneDriver:
        self.root.locator(".chat-select").select_option(chat_key)
        expect(self.root).to_have_attribute("data-chat", chat_key)
        return self

    def act_as(self, first_name: str) -> PaneDriver:
        select = self.root.locator(".persona-select")
        option = select.locator("option", has_text=first_name)
        select.select_option(option.get_attribute("value"))
        return self

    def topic(self, name: str) -> PaneDriver:
        select = self.root.locator(".topic-select")
        expect(select.locator("option", has_text=name)).to_have_count(1, timeout=TIMEOUT)
        select.select_option(label=name)
        return self

    @property
    def messages(self) -> Locator:
        return self.root.locator(".messages .msg")

    def message(self, text: Text) -> Locator:
        """The newest bubble containing `text`, once it is there."""
        found = self.messages.filter(has_text=text).last
        expect(found).to_be_visible(timeout=TIMEOUT)
        return found

    def expect_no_message(self, text: Text) -> None:
        expect(self.messages.filter(has_text=text)).to_have_count(0)

    # --- acting --------------------------------------------------------------------------

    def type(self, text: str) -> PaneDriver:
        box = self.root.locator(".composer .text")
        box.fill(text)
        box.press("Enter")
        expect(box).to_have_value("")
        return self

    def press(self, label: Text, *, within: Locator | None = None) -> PaneDriver:
        """Press the newest inline button labelled `label` (in `within`, if given)."""
        scope = within if within is not None else self.root
        button = scope.locator(".inline-kb button").filter(has_text=label).last
        expect(button).to_be_enabled(timeout=TIMEOUT)
        button.click()
        return self

    def key(self, label: Text) -> PaneDriver:
        """Press a reply-keyboard button."""
        button = self.root.locator(".reply-keyboard button").filter(has_text=label)
        expect(button).to_be_visible(timeout=TIMEOUT)
        button.first.click()
        return self

    def attach(self, action: str) -> PaneDriver:
        self.root.locator(".composer .attach").click()
        self.root.locator(f'.attach-menu button[data-act="{action}"]').click()
        return self

    def share_location(self, x: float = 0.5, y: float = 0.5, *, key: Text | None = None) -> None:
        """Pick the point at (x, y) of the map (fractions of its size), then send it."""
        if key is not None:
            self.key(key)
        else:
            self.attach("location")
        dialog = self.page.locator("#map-dialog")
        expect(dialog).to_be_visible()
        canvas = dialog.locator("canvas")
        box = canvas.bounding_box()
        assert box is not None
        canvas.click(position={"x": box["width"] * x, "y": box["height"] * y})
        dialog.get_by_role("button", name="Send location").click()
        expect(dialog).to_be_hidden()

    def upload(self, files: list[Path]) -> PaneDriver:
        """Photos from disk: one is a photo, several an album."""
        self.root.locator(".composer .files").set_input_files([str(f) for f in files])
        return self

    def reply(self, bubble: Locator, text: str) -> PaneDriver:
        self._reply_to(bubble)
        return self.type(text)

    def reply_with_photos(self, bubble: Locator, caption: str, files: list[Path]) -> PaneDriver:
        """A photo (or album) whose caption answers `bubble`, as in Telegram: the caption is
        typed first, then the files are attached."""
        self._reply_to(bubble)
        box = self.root.locator(".composer .text")
        box.fill(caption)
        self.upload(files)
        expect(box).to_have_value("")  # the caption went with the photo
        return self

    def _reply_to(self, bubble: Locator) -> None:
        bubble.click(position={"x": 12, "y": 8})
        self.root.locator(".msg-menu button", has_text="Reply").click()
        expect(self.root.locator(".reply-bar")).to_be_visible()


class Playground:
    def __init__(self, page: Page, server: DemoThread, shots: Path) -> None:
        self.page = page
        self.server = server
        self.shots = shots
        self._shot = 0

    def open(self) -> None:
        self.page.goto(self.server.url)
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true", timeout=TIMEOUT)
        expect(self.page.locator(".pane")).to_have_count(3)

    def pane(self, index: int) -> PaneDriver:
        return PaneDriver(self.page, index)

    def screenshot(self, name: str, *, settle: bool = False) -> Path:
        """`settle`: first let pop-up notes and edit highlights fade (for docs/)."""
        if settle:
            expect(self.page.locator(".toast, .msg.flash")).to_have_count(0)
        self._shot += 1
        path = self.shots / f"{self._shot:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def travel(self) -> None:
        before = self.page.locator("#clock").inner_text()
        self.page.locator("#travel").click()
        expect(self.page.locator("#clock")).not_to_have_text(before, timeout=TIMEOUT)
        expect(self.page.locator("#travel")).to_be_enabled(timeout=TIMEOUT)

    def reset(self) -> None:
        self.page.locator("#reset").click()
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true", timeout=TIMEOUT)

    def sent(self, chat_id: int, sender: str = "user") -> list[dict[str, Any]]:
        """What reached "Telegram" in a chat, from the emulator's user API."""
        response = httpx.get(
            f"{self.server.url}/_emulator/chats/{chat_id}/messages", params={"sender": sender}
        )
        body = response.json()
        assert body["ok"], body
        return list(body["result"])

    def bot_api(self, method: str, **params: Any) -> dict[str, Any]:
        """Call the Bot API as the demo bot would (to make it say something specific)."""
        token = self.server.demo.emulator.token
        response = httpx.post(f"{self.server.url}/bot{token}/{method}", json=params)
        body = response.json()
        assert body["ok"], body
        return dict(body["result"])
