"""Fixtures for the browser tests: one demo per test session, one headless Chromium per test
module, a fresh demo story and a fresh page per test.

Playwright's sync API runs an event loop on the test thread for as long as it is started, and
pytest-asyncio cannot run async tests beside it ("Runner.run() cannot be called from a running
event loop"). Module scope ends it as soon as the next test comes from another module, so the
async tests that share an xdist worker with these never see it. The demo has its own thread.

The browser is Debian's /usr/bin/chromium (never a downloaded Playwright build). Without it
the tests are skipped locally, but fail in CI (`CI` or `ADUAN_REQUIRE_BROWSER=1`), where
.ci/run installs it: a browser suite that silently skips proves nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, ViewportSize, expect, sync_playwright

from tests.playground.driver import TIMEOUT, Playground
from tests.playground.server import DemoThread
from tests.requirements import unavailable

CHROMIUM = Path(os.environ.get("ADUAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1440, "height": 860}


def _missing(reason: str) -> NoReturn:
    """Skip on a laptop without Chromium; fail in CI, where it must be there."""
    unavailable(reason, variable="ADUAN_REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoThread]:
    server = DemoThread(tmp_path_factory.mktemp("demo") / "demo.db")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where a test's screenshots go (pytest keeps the last runs' tmp dirs for a look)."""
    path = tmp_path / "screenshots"
    path.mkdir()
    return path


@pytest.fixture
def playground(browser: Browser, demo_server: DemoThread, shots: Path) -> Iterator[Playground]:
    """A fresh demo story, and the page open on it."""
    demo_server.reset()
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    driver = Playground(page, demo_server, shots)
    driver.open()
    try:
        yield driver
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
