"""The console's doors, without a browser: sessions in cookies, CSRF on every form, roles checked
on the server, errors as HTML pages, and no 500 for anything a form can send."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from server.console.config import get_console_settings
from server.tables import AccessToken
from tests.console.conftest import Browser, csrf_of


def is_page(response) -> bool:
    return response.headers["content-type"].startswith("text/html") and "<html" in response.text


def test_pages_need_a_session_and_say_where_to_sign_in(browser_client):
    response = browser_client.get("/console/units/97001/staff", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/login?next=%2Fconsole%2Funits%2F97001%2Fstaff"


def test_sign_in_sets_a_protected_cookie_and_sign_out_revokes_the_session(browser_client, session):
    response = browser_client.login("admin97001")
    cookie = response.headers["set-cookie"]
    assert "fvs_console=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/console" in cookie
    assert response.headers["location"] == "/console/"
    assert browser_client.get("/console/units/97001").status_code == 200
    out = browser_client.post_form("/console/units/97001", "/console/logout", {})
    assert out.status_code == 303 and out.headers["location"] == "/console/login"
    rows = session.scalars(select(AccessToken).where(AccessToken.kind == "SESSION", AccessToken.created_by == "user:admin97001"))
    assert [r.revoked_at is not None for r in rows] == [True]
    assert browser_client.get("/console/units/97001", follow_redirects=False).status_code == 303


def test_the_cookie_is_secure_by_default(console_app, cworld, monkeypatch):
    monkeypatch.delenv("FVS_CONSOLE_COOKIE_SECURE", raising=False)
    get_console_settings.cache_clear()
    try:
        with TestClient(console_app, base_url="https://testserver") as client:
            b = Browser(client)
            cookie = b.login("admin97001").headers["set-cookie"]
        assert "Secure" in cookie
    finally:
        monkeypatch.setenv("FVS_CONSOLE_COOKIE_SECURE", "false")
        get_console_settings.cache_clear()


def test_wrong_password_is_a_page_not_json(browser_client):
    response = browser_client.post_form("/console/login", "/console/login", {"username": "admin97001", "password": "nope"})
    assert response.status_code == 401 and is_page(response)
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text


def test_login_throttle_429_is_shown_as_a_page(browser_client):
    for _ in range(5):
        browser_client.post_form("/console/login", "/console/login", {"username": "staff97001", "password": "wrong!"})
    response = browser_client.post_form("/console/login", "/console/login",
                                        {"username": "staff97001", "password": "console test password 1"})
    assert response.status_code == 429 and is_page(response)
    assert "TOO_MANY_ATTEMPTS" in response.text


@pytest.mark.parametrize("token", [None, "", "0" * 40, "deadbeef"])
def test_every_form_needs_its_csrf_token(browser_client, token):
    browser_client.login("admin97001")
    data = {"name": "tablet"} if token is None else {"name": "tablet", "csrf_token": token}
    response = browser_client.client.post("/console/units/97001/tokens", data=data, follow_redirects=False)
    assert response.status_code == 403 and is_page(response)
    assert "CSRF_INVALID" in response.text
    assert "fvs_dev_" not in response.text


def test_a_token_of_another_session_is_refused(console_app, cworld):
    with TestClient(console_app) as one, TestClient(console_app) as two:
        a, b = Browser(one), Browser(two)
        a.login("admin97001")
        b.login("admin97001")
        stolen = csrf_of(a.get("/console/units/97001/tokens").text)
        response = two.post("/console/units/97001/tokens", data={"csrf_token": stolen, "name": "x"})
        assert response.status_code == 403


def test_a_cross_site_origin_is_refused(browser_client):
    browser_client.login("admin97001")
    token = csrf_of(browser_client.get("/console/units/97001/tokens").text)
    response = browser_client.client.post("/console/units/97001/tokens", data={"csrf_token": token, "name": "x"},
                                          headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


@pytest.mark.parametrize("user, path, status", [
    ("admin97001", "/console/units/97002", 403),
    ("admin97001", "/console/units/97002/staff/new", 403),
    ("admin97001", "/console/review/appeals", 403),
    ("admin97001", "/console/review/staff", 403),
    ("admin97001", "/console/dashboard", 403),
    ("staff97001", "/console/units/97001/tokens", 403),
    ("staff97001", "/console/units/97001/staff/new", 403),
    ("staff97001", "/console/units/97001/qr", 200),
    ("reviewer", "/console/units/97002", 200),
    ("reviewer", "/console/dashboard", 200),
    ("reviewer", "/console/units/97001/tokens", 403),
])
def test_roles_are_enforced_on_the_server(browser_client, user, path, status):
    browser_client.login(user)
    response = browser_client.get(path)
    assert response.status_code == status and is_page(response)


def test_posts_are_checked_too(browser_client, cworld, session):
    browser_client.login("staff97001")
    response = browser_client.post_form("/console/units/97001/staff", "/console/units/97001/tokens",
                                        {"name": "sneaky"})
    assert response.status_code == 403
    browser_client.login("reviewer")
    response = browser_client.post_form("/console/review/units", "/console/review/units/97002/status",
                                        {"to": "suspended", "reason": "x"})
    assert response.status_code == 403 and "ROLE_FORBIDDEN" in response.text
    browser_client.login("admin97002")
    code = cworld.active_codes[0]
    response = browser_client.post_form("/console/claims", f"/console/claims/{code}/cancel", {"cancel_reason": "xxx"})
    assert response.status_code == 403 and "UNIT_FORBIDDEN" in response.text


@pytest.mark.parametrize("path", ["/console/nothing-here", "/console/claims/XX", "/console/units/abc",
                                  "/console/claims/PP0000000000", "/console/units/99999"])
def test_errors_are_pages(browser_client, path):
    browser_client.login("reviewer")
    response = browser_client.get(path)
    assert response.status_code in (404, 422) and is_page(response)


ODD = ["", " ", "x" * 5000, "\x00", "<script>alert(1)</script>", "😀" * 50, "-1", "1e309", "nan", "99/99/9999",
       "31/02/2569", "0001-01-01", "๑๒/๐๒/๒๕๖๙", "'; DROP TABLE claims; --", "24:60", "2147483648"]


@pytest.mark.parametrize("value", ODD)
def test_no_500_for_anything_a_form_can_send(browser_client, cworld, value):
    b = browser_client
    b.login("admin97001")
    code = cworld.active_codes[2]
    posts = [
        ("/console/units/97001", {"phone_officer": value, "email": value, "latitude": value, "longitude": value,
                                  "address": value}),
        ("/console/units/97001/staff", {"profession": value, "pid": value, "title": value, "first_name": value,
                                        "last_name": value, "licence_no": value, "start_date": value,
                                        "end_date": value, "on_MON": "1", "a_MON_start": value, "a_MON_end": value,
                                        "works": value, "copy_from": ""}),
        ("/console/units/97001/tokens", {"name": value}),
        (f"/console/claims/{code}/edit", {"phone": value, "hn": value, "service_type": value, "reason": value}),
        (f"/console/claims/{code}/cancel", {"cancel_reason": value[:2]}),
    ]
    for action, data in posts:
        response = b.post_form("/console/units/97001", action, data)
        assert response.status_code < 500, (action, value, response.text[:300])
        assert response.status_code in (200, 201, 303) or is_page(response)
    for url in ("/console/claims", "/console/reports/claims", "/console/people"):
        response = b.get(url, params={"pid": value, "service_from": value, "service_to": value, "status": value,
                                      "service_type": value, "page": "1", "run": "1", "region": value,
                                      "recorded_to": value, "code": value})
        assert response.status_code < 500 and is_page(response), (url, value)
    b.login("nhsoadmin")
    for action, data in [("/console/review/units/97002/status", {"to": value, "reason": value}),
                         ("/console/review/units/97002/reactivate", {"requested_by": value, "reason": value}),
                         (f"/console/review/appeals/{cworld.appeal_codes[0]}", {"decision": value, "note": value}),
                         ("/console/review/staff/97002/1", {"status": value})]:
        response = b.post_form("/console/review/units", action, data)
        assert response.status_code < 500, (action, value, response.text[:300])


def test_exports_are_scoped_to_the_unit(browser_client, cworld):
    browser_client.login("admin97001")
    response = browser_client.get("/console/reports/claims", params={"run": "1", "format": "csv"})
    assert response.status_code == 200 and response.content.startswith("\ufeff".encode())
    body = response.content.decode("utf-8-sig")
    assert cworld.other_unit_code not in body and cworld.active_codes[0] in body
    response = browser_client.get("/console/reports/claims", params={"run": "1", "format": "csv", "hcode": "97002"})
    assert response.status_code == 403


def test_pages_are_not_cached_and_carry_a_content_security_policy(browser_client):
    browser_client.login("admin97001")
    response = browser_client.get("/console/units/97001")
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "cdn" not in response.text.lower() and "https://" not in response.text.replace("https://www.google.com/maps", "")
