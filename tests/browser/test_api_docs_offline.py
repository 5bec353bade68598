"""``/docs`` renders on a LAN without internet: every asset comes from FVS."""
from __future__ import annotations

import pytest

from tests.dbutil import fresh_database
from tests.live.world import build_world, running


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with fresh_database(tmp_path_factory.mktemp("docs")) as url:
        world = build_world(url)
        world.engine.dispose()
        with running(url, log=tmp_path_factory.mktemp("log") / "server.log") as srv:
            yield srv


def test_swagger_ui_renders_every_operation_offline(server, offline_page):
    page = offline_page.page
    page.goto(f"{server.base}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() > 30
    assert "FVS" in page.title()
    offline_page.screenshot("api-docs-swagger")
    assert offline_page.refused == []


def test_redoc_is_not_offered(server, offline_page):
    """ReDoc's bundle fetches its logo from a CDN whatever its options: FVS does not serve it."""
    assert offline_page.page.goto(f"{server.base}/redoc").status == 404
