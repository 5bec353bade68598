"""Accounts, log in, unit device tokens, and the walls between units in the registry."""
from __future__ import annotations

from server.services.access import check_password, hash_password
from server.tables import AccessToken
from tests.server.conftest import ADULT, bearer

NO_AUTH = {"Authorization": ""}


def test_password_hashes_are_salted_and_checked():
    a, b = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert a != b and check_password("correct horse battery", a) and not check_password("wrong horse", a)
    assert not check_password("x", "md5$abc")


def test_login_and_me(client, world):
    r = client.post("/api/v1/auth/login", json={"username": "reviewer", "password": "nope"}, headers=NO_AUTH)
    assert (r.status_code, r.json()["code"]) == (401, "BAD_CREDENTIALS")
    r = client.post("/api/v1/auth/login", json={"username": "reviewer", "password": "correct horse battery"},
                    headers=NO_AUTH)
    assert r.status_code == 200 and r.json()["role"] == "NHSO_REVIEWER"
    me = client.get("/api/v1/auth/me", headers=bearer(r.json()["token"])).json()
    assert me == {"id": "user:reviewer", "role": "NHSO_REVIEWER", "hcode": None, "name": "reviewer"}


def test_device_tokens_are_shown_once_stored_hashed_and_revocable(client, world, session):
    admin = bearer(world.unit_admin[world.pharmacy])
    created = client.post(f"/api/v1/units/{world.pharmacy}/device-tokens", json={"name": "tablet-2"}, headers=admin)
    assert created.status_code == 201
    token, token_id = created.json()["token"], created.json()["id"]
    row = session.get(AccessToken, token_id)
    assert row.token_hash != token and token not in row.token_hash and row.prefix == token[:12]
    assert client.get("/api/v1/auth/me", headers=bearer(token)).json()["role"] == "UNIT_DEVICE"
    session.refresh(row)
    assert row.last_used_at is not None
    listed = client.get(f"/api/v1/units/{world.pharmacy}/device-tokens", headers=admin).json()
    assert "token" not in listed[0] and {t["name"] for t in listed} == {"tablet", "tablet-2"}
    # a device cannot mint tokens; the other unit's admin cannot revoke ours
    device = bearer(world.device[world.pharmacy])
    assert client.post(f"/api/v1/units/{world.pharmacy}/device-tokens", json={"name": "x"}, headers=device).json()["code"] == "ROLE_FORBIDDEN"
    r = client.delete(f"/api/v1/units/{world.pharmacy}/device-tokens/{token_id}", headers=bearer(world.unit_admin[world.clinic]))
    assert (r.status_code, r.json()["code"]) == (403, "UNIT_FORBIDDEN")
    assert client.delete(f"/api/v1/units/{world.pharmacy}/device-tokens/{token_id}", headers=admin).json()["revoked_at"]
    assert client.get("/api/v1/auth/me", headers=bearer(token)).status_code == 401
    assert client.delete(f"/api/v1/units/{world.pharmacy}/device-tokens/99999999999", headers=admin).status_code == 422


def test_who_may_create_accounts(client, world):
    body = {"username": "staff.one", "display_name": "พนักงาน", "role": "UNIT_STAFF", "hcode": world.pharmacy,
            "password": "long enough pw"}
    admin = bearer(world.unit_admin[world.pharmacy])
    assert client.post("/api/v1/accounts", json=body, headers=admin).status_code == 201
    assert client.post("/api/v1/accounts", json=body, headers=admin).json()["code"] == "ACCOUNT_EXISTS"
    assert client.post("/api/v1/accounts", json={**body, "username": "x.y", "hcode": world.clinic},
                       headers=admin).json()["code"] == "UNIT_FORBIDDEN"
    assert client.post("/api/v1/accounts", json={**body, "username": "boss", "role": "NHSO_ADMIN", "hcode": None},
                       headers=admin).json()["code"] == "ROLE_FORBIDDEN"
    r = client.post("/api/v1/accounts", json={**body, "username": "nohcode", "hcode": None}, headers=bearer(world.nhso_admin))
    assert (r.status_code, r.json()["code"]) == (422, "HCODE_REQUIRED")


def test_a_unit_cannot_read_or_change_another_units_registry(client, world):
    clinic = bearer(world.unit_admin[world.clinic])
    p = world.pharmacy
    staff_id = client.get(f"/api/v1/units/{p}/staff").json()[0]["id"]
    for method, url, kwargs in [
        ("get", f"/api/v1/units/{p}/staff", {}),
        ("get", f"/api/v1/units/{p}/staff/{staff_id}", {}),
        ("delete", f"/api/v1/units/{p}/staff/{staff_id}", {}),
        ("put", f"/api/v1/units/{p}/staff/{staff_id}/schedule", {"json": {"text": "MON 08:00-09:00"}}),
        ("get", f"/api/v1/units/{p}/readiness", {}),
        ("get", f"/api/v1/units/{p}/status-events", {}),
        ("get", "/api/v1/units/staff/export.csv", {"params": {"hcode": p}}),
    ]:
        r = getattr(client, method)(url, headers=clinic, **kwargs)
        assert (r.status_code, r.json()["code"]) == (403, "UNIT_FORBIDDEN"), (method, url, r.json())
    # NHSO-only actions
    for method, url, kwargs in [
        ("post", f"/api/v1/units/{p}/status", {"json": {"to": "suspended", "reason": "x"}}),
        ("put", f"/api/v1/citizens/{ADULT}", {"json": {}}),
        ("get", "/api/v1/citizens", {}),
        ("get", "/api/v1/units/staff/export.csv", {}),
    ]:
        r = getattr(client, method)(url, headers=bearer(world.unit_admin[p]), **kwargs)
        assert (r.status_code, r.json()["code"]) == (403, "ROLE_FORBIDDEN"), (url, r.json())
    assert client.get(f"/api/v1/units/{p}/staff", headers=bearer(world.device[p])).status_code == 200
    assert client.get(f"/api/v1/citizens/{ADULT}", headers=bearer(world.device[p])).status_code == 200
