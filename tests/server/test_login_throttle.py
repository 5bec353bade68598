"""Password guessing is throttled per account and per address (429 with Retry-After), a lock
holds even for the right password, and a session can be revoked by logging out."""
from __future__ import annotations

from datetime import timedelta

from server.services import login_throttle
from server.services.access import login
from server.tables import LoginThrottle
from tests.conftest import FIXED_NOW
from tests.server.conftest import bearer

NO_AUTH = {"Authorization": ""}
RIGHT = "correct horse battery"


def _login(client, username, password):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password}, headers=NO_AUTH)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, world):
    for _ in range(login_throttle.ACCOUNT_RULE.max_failures):
        assert _login(client, "reviewer", "guess").status_code == 401
    locked = _login(client, "reviewer", RIGHT)
    assert locked.status_code == 429 and locked.json()["code"] == "TOO_MANY_ATTEMPTS"
    assert int(locked.headers["retry-after"]) == 60
    # another account from the same address is not locked yet
    assert _login(client, "nhso", RIGHT).status_code == 200


def test_locks_grow_and_expire(session, world):
    rule = login_throttle.ACCOUNT_RULE
    at = FIXED_NOW
    for lock in (1, 2):
        for _ in range(rule.max_failures):
            login_throttle.record_failure(session, "reviewer", None, at)
        row = session.get(LoginThrottle, "user:reviewer")
        assert row.locked_until - at == rule.first_lock * 2 ** (lock - 1)
        at = row.locked_until + timedelta(seconds=1)
    account, token, _ = login(session, "reviewer", RIGHT, at)  # expired lock: the right password works
    assert account.username == "reviewer" and session.get(LoginThrottle, "user:reviewer") is None


def test_an_address_guessing_many_accounts_is_locked(session, world):
    for i in range(login_throttle.ADDRESS_RULE.max_failures):
        login_throttle.record_failure(session, f"nobody{i}", "203.0.113.9", FIXED_NOW)
    assert session.get(LoginThrottle, "ip:203.0.113.9").locked_until > FIXED_NOW


def test_failures_are_committed_although_the_answer_is_an_error(client, world, session):
    assert _login(client, "reviewer", "guess").status_code == 401
    assert session.get(LoginThrottle, "user:reviewer").failures == 1


def test_logout_revokes_the_session(client, world):
    token = _login(client, "reviewer", RIGHT).json()["token"]
    assert client.get("/api/v1/auth/me", headers=bearer(token)).status_code == 200
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    assert client.get("/api/v1/auth/me", headers=bearer(token)).status_code == 401
    device = client.post("/api/v1/auth/logout", headers=bearer(world.device[world.pharmacy]))
    assert device.status_code == 422 and device.json()["code"] == "NOT_A_SESSION"
