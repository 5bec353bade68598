"""Console fixtures: the app with the console installed (TestClient, on the test's rolled-back
session) and a helper that signs a browser-like client in through the login form."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

os.environ.setdefault("FVS_CONSOLE_COOKIE_SECURE", "false")  # plain http in tests

from server.console import install_console
from tests.conftest import FIXED_NOW
from tests.console.world import PASSWORD, ConsoleWorld, build

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@pytest.fixture
def console_app(app):
    install_console(app)
    return app


@pytest.fixture
def cworld(session) -> ConsoleWorld:
    world = build(session, FIXED_NOW)
    session.commit()
    return world


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


class Browser:
    """A TestClient that behaves like a browser: cookies kept, forms posted with their token."""

    def __init__(self, client: TestClient):
        self.client = client

    def get(self, url: str, **kw):
        return self.client.get(url, **kw)

    def post_form(self, page_url: str, action: str, data: dict[str, str], **kw):
        token = csrf_of(self.client.get(page_url).text)
        return self.client.post(action, data={"csrf_token": token, **data}, follow_redirects=False, **kw)

    def login(self, username: str, password: str = PASSWORD):
        response = self.post_form("/console/login", "/console/login", {"username": username, "password": password})
        assert response.status_code == 303, response.text[:500]
        return response


@pytest.fixture
def browser_client(console_app, cworld) -> Iterator[Browser]:
    with TestClient(console_app, raise_server_exceptions=False, base_url="http://testserver") as client:
        yield Browser(client)


# --- the browser tests: a real server process, Debian's chromium, the network closed ----------------

from pathlib import Path

from playwright.sync_api import Page

from tests.browser_kit import ARTIFACTS, OfflinePage
from tests.console.live import committed_world, console_server
from tests.dbutil import fresh_database


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """(base URL, world) of a console server on a fresh committed database."""
    from server.console.ports import now_utc

    with fresh_database(tmp_path_factory.mktemp("console")) as url:
        world = committed_world(url, now_utc())
        with console_server(url, tmp_path_factory.mktemp("log") / "server.log") as base:
            yield base, world, url


@pytest.fixture
def page_for(browser):
    """``page_for(width=1280)`` → an OfflinePage (only loopback requests allowed); closed after the test."""
    contexts = []

    def make(width: int = 1280, height: int = 900) -> OfflinePage:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH",
                                      accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        return OfflinePage(page, "127.0.0.1")

    yield make
    for context in contexts:
        context.close()


def shot(page: Page, name: str) -> Path:
    """A full-page screenshot in the test artifacts folder."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"console-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/console/login")
    page.fill("#username", username)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#login")
