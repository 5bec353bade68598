"""Unit QR codes: signed payloads (forged, tampered, other unit or service, retired key, expired
rotating window refused), a unit's settings, and the API's JSON / PNG / SVG cards with their
access rules."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
import zxingcpp
from PIL import Image

from server.services import qr_tokens, unit_qr
from server.services.unit_qr_images import labelled_png
from tests.conftest import FIXED_NOW
from tests.server.conftest import bearer

SECRET = "s" * 40
KEYS = {"1"}


def test_static_payload_round_trips_and_resists_forgery():
    payload = qr_tokens.unit_qr(SECRET, hcode="96001", service_type="FVS-CI", version=3)
    qr = qr_tokens.read_unit_qr(SECRET, payload, key_ids=KEYS)
    assert (qr.kind, qr.hcode, qr.service_type, qr.number) == ("STATIC", "96001", "FVS-CI", 3)
    assert payload == payload.upper()  # the QR's alphanumeric mode
    prefix, sig = payload.rsplit(":", 1)
    forged = [
        payload.replace("96001", "96002"),                   # another unit
        payload.replace("FVS-CI", "PG0060001"),              # another service
        payload.replace(":3:", ":4:"),                       # another version
        prefix + ":" + ("A" if sig[0] != "A" else "B") + sig[1:],  # a flipped signature
        qr_tokens.unit_qr("t" * 40, hcode="96001", service_type="FVS-CI", version=3),  # another server's key
        "FVS1:U:96001:20261122:0000000000deadbeef00",  # the retired daily format
        "", "FVS2", "FVS2:U:96001:FVS-CI:1:3", payload + ":x", "x" * 500,
    ]
    assert [qr_tokens.read_unit_qr(SECRET, p, key_ids=KEYS) for p in forged] == [None] * len(forged)
    assert qr_tokens.read_unit_qr(SECRET, payload, key_ids={"2"}) is None  # a retired key id
    two = qr_tokens.unit_qr(SECRET, hcode="96001", service_type="FVS-CI", version=3, key_id="2")
    assert qr_tokens.read_unit_qr(SECRET, two, key_ids={"1", "2"}).key_id == "2"


def test_rotating_payload_lives_for_its_window_and_the_next():
    payload = qr_tokens.rotating_qr(SECRET, hcode="96001", service_type="FVS-CI", now=FIXED_NOW)
    qr = qr_tokens.read_unit_qr(SECRET, payload, key_ids=KEYS)
    assert qr.kind == "ROTATING"
    assert qr_tokens.rotating_fresh(qr, FIXED_NOW) and qr_tokens.rotating_fresh(qr, FIXED_NOW + timedelta(seconds=30))
    assert not qr_tokens.rotating_fresh(qr, FIXED_NOW + timedelta(seconds=60))
    assert not qr_tokens.rotating_fresh(qr, FIXED_NOW - timedelta(seconds=30))  # not yet
    assert qr_tokens.window_ends(qr.number) == FIXED_NOW + timedelta(seconds=60)
    assert qr_tokens.rotating_qr(SECRET, hcode="96001", service_type="FVS-CI",
                                 now=FIXED_NOW + timedelta(seconds=30)) != payload


def test_booking_payload():
    payload = qr_tokens.booking_qr(SECRET, ref="ABCDEFGH23")
    assert qr_tokens.read_booking_qr(SECRET, payload, key_ids=KEYS) == "ABCDEFGH23"
    assert qr_tokens.read_booking_qr(SECRET, payload.replace("ABCDEFGH23", "ABCDEFGH24"), key_ids=KEYS) is None
    assert qr_tokens.read_unit_qr(SECRET, payload, key_ids=KEYS) is None


def test_check_applies_the_units_settings(session, lworld, secret):
    static = qr_tokens.unit_qr(secret, hcode=lworld.pharmacy, service_type="FVS-CI")
    rotating = qr_tokens.rotating_qr(secret, hcode=lworld.pharmacy, service_type="FVS-CI", now=FIXED_NOW)
    assert unit_qr.check(session, payload=static, now=FIXED_NOW, secret=secret).ok
    assert unit_qr.check(session, payload=rotating, now=FIXED_NOW, secret=secret).ok
    late = unit_qr.check(session, payload=rotating, now=FIXED_NOW + timedelta(minutes=2), secret=secret)
    assert (late.ok, late.problem) == (False, "EXPIRED")
    assert unit_qr.check(session, payload="FVS2:nonsense", now=FIXED_NOW, secret=secret).problem == "FORGED"
    from server.services.access import Principal, Role

    admin = Principal("user:a", Role.UNIT_ADMIN, lworld.pharmacy)
    unit_qr.change_settings(session, principal=admin, hcode=lworld.pharmacy, accept_static=False,
                            accept_rotating=True, void_static=False, now=FIXED_NOW)
    assert unit_qr.check(session, payload=static, now=FIXED_NOW, secret=secret).problem == "KIND_NOT_ACCEPTED"
    unit_qr.change_settings(session, principal=admin, hcode=lworld.pharmacy, accept_static=True,
                            accept_rotating=True, void_static=True, now=FIXED_NOW)
    assert unit_qr.check(session, payload=static, now=FIXED_NOW, secret=secret).problem == "VOIDED"
    fresh = qr_tokens.unit_qr(secret, hcode=lworld.pharmacy, service_type="FVS-CI", version=2)
    assert unit_qr.check(session, payload=fresh, now=FIXED_NOW, secret=secret).ok


def test_api_gives_json_png_and_svg_to_the_units_people_only(client, lworld, line_app):
    device = bearer(lworld.device[lworld.pharmacy])
    url = f"/api/v1/units/{lworld.pharmacy}/qr"
    j = client.get(url, params={"service_type": "PG0070001"}, headers=device)
    assert j.status_code == 200, j.json()
    body = j.json()
    assert (body["kind"], body["service_type"], body["version"], body["expires_at"]) == ("STATIC", "PG0070001", 1, None)
    png = client.get(url, params={"service_type": "PG0070001", "format": "png"}, headers=device)
    assert png.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    assert image.height > image.width  # the text is printed under the code
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [body["payload"]]
    svg = client.get(url, params={"service_type": "PG0070001", "format": "svg"}, headers=device)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    text = svg.content.decode()
    assert "ร้านยาไลน์ทดสอบ (96001)" in text and "รหัสบริการ PG0070001" in text and "<svg" in text
    for token, status, code in [(lworld.device[lworld.clinic], 403, "UNIT_FORBIDDEN"),
                                (lworld.unit_admin[lworld.clinic], 403, "UNIT_FORBIDDEN"),
                                ("nonsense", 401, "UNAUTHENTICATED")]:
        r = client.get(url, params={"service_type": "PG0070001"}, headers=bearer(token))
        assert (r.status_code, r.json()["code"]) == (status, code)
    assert client.get(url, params={"service_type": "PG0070001"}, headers=bearer(lworld.reviewer)).status_code == 200
    assert client.get(url, params={"service_type": "FVS-TELE"}, headers=device).json()["code"] == "SERVICE_TYPE_INACTIVE"
    assert client.get(url, params={"service_type": "XX99"}, headers=device).json()["code"] == "UNKNOWN_SERVICE_TYPE"
    assert client.get(url, headers=device).status_code == 422  # the QR is per service type


def test_rotating_api_and_unit_settings(client, lworld):
    admin = bearer(lworld.unit_admin[lworld.pharmacy])
    r = client.get(f"/api/v1/units/{lworld.pharmacy}/qr/rotating", params={"service_type": "FVS-CI"},
                   headers=bearer(lworld.device[lworld.pharmacy]))
    assert r.status_code == 200 and r.json()["kind"] == "ROTATING" and r.json()["refresh_after_s"] == 30
    settings = f"/api/v1/units/{lworld.pharmacy}/qr-settings"
    assert client.get(settings, headers=admin).json()["accepted_kinds"] == ["STATIC", "ROTATING"]
    device = client.put(settings, json={"accepted_kinds": ["ROTATING"]}, headers=bearer(lworld.device[lworld.pharmacy]))
    assert (device.status_code, device.json()["code"]) == (403, "ROLE_FORBIDDEN")
    other = client.put(settings, json={"accepted_kinds": ["ROTATING"]}, headers=bearer(lworld.unit_admin[lworld.clinic]))
    assert other.json()["code"] == "UNIT_FORBIDDEN"
    done = client.put(settings, json={"accepted_kinds": ["ROTATING"], "void_static": True}, headers=admin)
    assert done.status_code == 200 and done.json() | {"updated_at": None} == {
        "hcode": lworld.pharmacy, "accepted_kinds": ["ROTATING"], "static_version": 2,
        "updated_by": f"user:ladmin{lworld.pharmacy}", "updated_at": None}
    off = client.get(f"/api/v1/units/{lworld.pharmacy}/qr", params={"service_type": "FVS-CI"}, headers=admin)
    assert off.json()["code"] == "UNIT_QR_KIND_OFF"
    assert client.put(settings, json={"accepted_kinds": []}, headers=admin).status_code == 422


def test_a_missing_thai_font_is_a_clear_503(client, lworld, monkeypatch, tmp_path):
    from server.services import unit_qr_images

    monkeypatch.setattr(unit_qr_images, "FONT_DIR", tmp_path)
    with pytest.raises(Exception) as err:
        labelled_png("FVS2:x", ["ทดสอบ"], font_dir=tmp_path)
    assert getattr(err.value, "code", None) == "QR_FONT_MISSING"
    r = client.get(f"/api/v1/units/{lworld.pharmacy}/qr", params={"service_type": "FVS-CI", "format": "png"},
                   headers=bearer(lworld.device[lworld.pharmacy]))
    assert (r.status_code, r.json()["code"]) == (503, "QR_FONT_MISSING")
    assert "fonts-thai-tlwg-ttf" in r.json()["message_en"]


def test_the_units_screen_shows_the_rotating_qr(line_app, session, lworld):
    from fastapi.testclient import TestClient

    from tests.console.conftest import Browser

    console_app = line_app  # the console is installed by create_app
    with TestClient(console_app, raise_server_exceptions=False, base_url="https://testserver") as c:
        Browser(c).login(f"ladmin{lworld.pharmacy}", "correct horse battery")
        page = c.get(f"/console/units/{lworld.pharmacy}/qr")
        assert f'/console/units/{lworld.pharmacy}/qr/FVS-CI/live' in page.text
        live = c.get(f"/console/units/{lworld.pharmacy}/qr/FVS-CI/live")
        assert live.status_code == 200 and live.headers["Refresh"] == "25"
        payload = live.text.split('data-payload="')[1].split('"')[0]
        assert payload.startswith(f"FVS2:R:{lworld.pharmacy}:FVS-CI:") and "<svg" in live.text
        assert unit_qr.check(session, payload=payload, now=FIXED_NOW, secret=console_app.state.settings.secret_key
                             .get_secret_value()).ok
        png = c.get(f"/console/units/{lworld.pharmacy}/qr/FVS-CI.png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        other = c.get(f"/console/units/{lworld.clinic}/qr/FVS-CI/live")
        assert other.status_code == 403
