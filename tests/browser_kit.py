"""Fixtures of pages tested in a real browser: a headless Debian Chromium driven by Playwright, with the network closed: any request that is
not to the FVS server on loopback is refused and remembered, so a page that needs a CDN fails."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ARTIFACTS = Path(os.environ.get("FVS_TEST_ARTIFACTS", Path(__file__).resolve().parent / "artifacts"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (.ci/run installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class OfflinePage:
    """A page whose requests may only go to ``allowed_host``; every other one is aborted."""

    def __init__(self, page: Page, allowed_host: str):
        self.page, self.refused = page, []
        page.route("**/*", self._route)
        self.allowed_host = allowed_host

    def _route(self, route) -> None:
        url = route.request.url
        if urlparse(url).hostname == self.allowed_host or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    yield OfflinePage(page, "127.0.0.1")
    context.close()
