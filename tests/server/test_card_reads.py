"""Card agents and signed card reads: registration, nonces, and every way a read is refused."""
from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from card_agent.protocol import FIELDS, format_read_at, public_key_b64, sign_record
from server.services import access
from server.services import card_reads as svc
from server.services.card_read_errors import CardReadError
from server.tables.card_agents import CardReadNonce
from tests.conftest import FIXED_NOW
from tests.server.card_agent_kit import Agent
from tests.server.conftest import ADULT, bearer
from thai_civil.pid import generate_pid

NOW = FIXED_NOW


def refusal(session, signed, *, hcode: str, pid: str = ADULT, now=NOW) -> CardReadError:
    with pytest.raises(CardReadError) as err:
        svc.verify_signed_read(session, hcode=hcode, signed_read=signed, expected_pid=pid, now=now)
    return err.value


@pytest.fixture
def agent(client, world) -> Agent:
    return Agent(client, world, world.pharmacy)


# --- registration ------------------------------------------------------------------------------

def test_registered_agent_is_listed_and_its_key_id_is_the_key_hash(client, world, agent):
    r = client.get(f"/api/v1/units/{world.pharmacy}/card-agents", headers=bearer(world.unit_admin[world.pharmacy]))
    assert r.status_code == 200
    (listed,) = r.json()
    assert listed["id"] == agent.id and listed["key_id"] == agent.key_id and listed["revoked_at"] is None
    assert listed["created_by"] == f"user:admin{world.pharmacy}"
    assert listed["public_key"] == public_key_b64(agent.key)


@pytest.mark.parametrize("who, code", [("device", "ROLE_FORBIDDEN"), ("other_admin", "UNIT_FORBIDDEN"),
                                       ("reviewer", "ROLE_FORBIDDEN")])
def test_only_the_units_admin_or_nhso_admin_registers(client, world, who, code):
    token = {"device": world.device[world.pharmacy], "other_admin": world.unit_admin[world.clinic],
             "reviewer": world.reviewer}[who]
    r = client.post(f"/api/v1/units/{world.pharmacy}/card-agents", headers=bearer(token),
                    json={"name": "x", "public_key": public_key_b64(Ed25519PrivateKey.generate())})
    assert r.status_code == 403 and r.json()["code"] == code
    r = client.post(f"/api/v1/units/{world.pharmacy}/card-agents", headers=bearer(world.nhso_admin),
                    json={"name": "by NHSO", "public_key": public_key_b64(Ed25519PrivateKey.generate())})
    assert r.status_code == 201 and r.json()["created_by"] == "user:nhso"


@pytest.mark.parametrize("key", ["not base64!" * 4, "QUJD" * 11, "A" * 43 + "=" + "AAAA"])
def test_a_bad_public_key_is_refused(client, world, key):
    r = client.post(f"/api/v1/units/{world.pharmacy}/card-agents", headers=bearer(world.unit_admin[world.pharmacy]),
                    json={"name": "x", "public_key": key})
    assert r.status_code == 422 and r.json()["code"] == "CARD_AGENT_KEY_INVALID", r.text


def test_the_same_key_cannot_be_registered_twice(client, world, agent):
    for hcode in (world.pharmacy, world.clinic):
        r = client.post(f"/api/v1/units/{hcode}/card-agents", headers=bearer(world.nhso_admin),
                        json={"name": "again", "public_key": public_key_b64(agent.key)})
        assert r.status_code == 409 and r.json()["code"] == "CARD_AGENT_KEY_TAKEN"
        assert r.json()["agent_id"] == agent.id


# --- nonces ------------------------------------------------------------------------------------

def test_a_device_of_the_agents_unit_gets_a_nonce_valid_120_seconds(client, world, agent):
    r = client.post(f"/api/v1/card-agents/{agent.id}/nonces", headers=bearer(world.device[world.pharmacy]))
    assert r.status_code == 201
    body = r.json()
    assert body["agent_id"] == agent.id and len(body["nonce"]) >= 40
    assert body["issued_at"].startswith("2026-11-22T03:00:00")
    assert body["expires_at"].startswith("2026-11-22T03:02:00")
    assert agent.nonce() != body["nonce"]


@pytest.mark.parametrize("who, status, code", [
    ("unit_admin", 403, "ROLE_FORBIDDEN"), ("nhso_admin", 403, "ROLE_FORBIDDEN"),
    ("other_device", 403, "UNIT_FORBIDDEN"),
])
def test_only_a_device_of_the_agents_unit_gets_a_nonce(client, world, agent, who, status, code):
    token = {"unit_admin": world.unit_admin[world.pharmacy], "nhso_admin": world.nhso_admin,
             "other_device": world.device[world.clinic]}[who]
    r = client.post(f"/api/v1/card-agents/{agent.id}/nonces", headers=bearer(token))
    assert r.status_code == status and r.json()["code"] == code


def test_no_nonce_for_an_unknown_or_revoked_agent(client, world, agent):
    device = bearer(world.device[world.pharmacy])
    r = client.post("/api/v1/card-agents/999999/nonces", headers=device)
    assert r.status_code == 404 and r.json()["code"] == "CARD_AGENT_NOT_FOUND"
    r = client.delete(f"/api/v1/units/{world.pharmacy}/card-agents/{agent.id}",
                      headers=bearer(world.unit_admin[world.pharmacy]))
    assert r.status_code == 200 and r.json()["revoked_at"] is not None
    r = client.post(f"/api/v1/card-agents/{agent.id}/nonces", headers=device)
    assert r.status_code == 403 and r.json()["code"] == "CARD_AGENT_REVOKED"
    assert "message_th" in r.json() and "message_en" in r.json()


def test_revoking_needs_the_units_manager_and_the_units_agent(client, world, agent):
    r = client.delete(f"/api/v1/units/{world.clinic}/card-agents/{agent.id}", headers=bearer(world.nhso_admin))
    assert r.status_code == 404 and r.json()["code"] == "CARD_AGENT_NOT_FOUND"
    r = client.delete(f"/api/v1/units/{world.pharmacy}/card-agents/{agent.id}",
                      headers=bearer(world.device[world.pharmacy]))
    assert r.status_code == 403


def test_old_expired_nonces_are_purged_when_a_new_one_is_issued(session, client, world, agent):
    device = access.authenticate(session, world.device[world.pharmacy], NOW)
    old = svc.issue_nonce(session, device, agent_id=agent.id, now=NOW - timedelta(days=2)).nonce
    fresh = svc.issue_nonce(session, device, agent_id=agent.id, now=NOW).nonce
    left = set(session.scalars(select(CardReadNonce.nonce).where(CardReadNonce.agent_id == agent.id)))
    assert fresh in left and old not in left


# --- verifying a signed read -------------------------------------------------------------------

def test_a_signed_fresh_read_is_accepted_once(session, world, agent):
    signed = agent.signed()
    verified = svc.verify_signed_read(session, hcode=world.pharmacy, signed_read=signed, expected_pid=ADULT, now=NOW)
    assert verified.pid == ADULT and verified.agent_id == agent.id and verified.hcode == world.pharmacy
    assert verified.reader == "Virtual PCD 00 00" and verified.sex == "M"
    assert verified.expiry_date is not None and not verified.expired_on(NOW.date())
    assert ADULT not in repr(verified)
    used = session.get(CardReadNonce, signed["record"]["nonce"])
    assert used is not None and used.used_at is not None
    err = refusal(session, signed, hcode=world.pharmacy)
    assert err.code == "CARD_READ_NONCE_INVALID" and err.details["reason"] == "already used"


def test_the_same_nonce_in_a_second_record_is_refused(session, world, agent):
    nonce = agent.nonce()
    svc.verify_signed_read(session, hcode=world.pharmacy, signed_read=agent.signed(nonce=nonce), expected_pid=ADULT,
                           now=NOW)
    again = agent.signed(nonce=nonce, read_at=NOW - timedelta(seconds=1))
    assert refusal(session, again, hcode=world.pharmacy).code == "CARD_READ_NONCE_INVALID"


@pytest.mark.parametrize("age_s, ok", [(119, True), (121, False), (3600, False)])
def test_a_read_older_than_120_seconds_is_stale(session, world, agent, age_s, ok):
    signed = agent.signed(read_at=NOW - timedelta(seconds=age_s))
    if ok:
        svc.verify_signed_read(session, hcode=world.pharmacy, signed_read=signed, expected_pid=ADULT, now=NOW)
    else:
        err = refusal(session, signed, hcode=world.pharmacy)
        assert err.code == "CARD_READ_STALE" and err.details["max_age_s"] == 120


@pytest.mark.parametrize("ahead_s, ok", [(4, True), (6, False), (86400, False)])
def test_a_read_dated_more_than_5_seconds_ahead_is_refused(session, world, agent, ahead_s, ok):
    signed = agent.signed(read_at=NOW + timedelta(seconds=ahead_s))
    if ok:
        svc.verify_signed_read(session, hcode=world.pharmacy, signed_read=signed, expected_pid=ADULT, now=NOW)
    else:
        assert refusal(session, signed, hcode=world.pharmacy).code == "CARD_READ_IN_FUTURE"


@pytest.mark.parametrize("signed", [None, {}, {"record": None, "signature": "x"}, {"signature": "AAAA"}],
                         ids=["none", "empty", "null-record", "no-record"])
def test_a_missing_signed_read_is_unsigned(session, world, signed):
    assert refusal(session, signed, hcode=world.pharmacy).code == "CARD_READ_UNSIGNED"


def test_a_record_without_signature_is_unsigned(session, world, agent):
    record = agent.record()
    for signed in ({"record": record}, {"record": record, "signature": ""}, {"record": record, "signature": None}):
        assert refusal(session, signed, hcode=world.pharmacy).code == "CARD_READ_UNSIGNED"


@pytest.mark.parametrize("name", sorted(FIELDS - {"format", "agent_key_id", "read_at"}))
def test_changing_any_signed_field_breaks_the_signature(session, world, agent, name):
    signed = agent.signed()
    record = dict(signed["record"])
    record[name] = "1" if record[name] is None else record[name] + "1"
    err = refusal(session, {"record": record, "signature": signed["signature"]}, hcode=world.pharmacy)
    assert err.code == "CARD_READ_SIGNATURE_INVALID"
    # ...and the nonce was not used up by the refused attempt: the genuine read still passes
    svc.verify_signed_read(session, hcode=world.pharmacy, signed_read=signed, expected_pid=ADULT, now=NOW)


def test_changing_read_at_or_format_or_key_id_is_refused(session, world, agent):
    signed = agent.signed()
    for name, value, code in (("read_at", format_read_at(NOW - timedelta(seconds=1)), "CARD_READ_SIGNATURE_INVALID"),
                              ("format", "fvs-card-read/2", "CARD_READ_MALFORMED"),
                              ("agent_key_id", "0" * 32, "CARD_AGENT_UNKNOWN")):
        record = {**signed["record"], name: value}
        assert refusal(session, {"record": record, "signature": signed["signature"]}, hcode=world.pharmacy).code == code


def test_a_signature_by_another_key_is_refused(session, world, agent):
    forged = sign_record(Ed25519PrivateKey.generate(), agent.record())  # claims agent's key id
    assert refusal(session, forged, hcode=world.pharmacy).code == "CARD_READ_SIGNATURE_INVALID"
    garbage = {**agent.signed(), "signature": "not base64"}
    assert refusal(session, garbage, hcode=world.pharmacy).code == "CARD_READ_SIGNATURE_INVALID"


@pytest.mark.parametrize("change", ["extra field", "number value", "missing pid", "bad read_at"])
def test_a_record_of_another_shape_is_malformed(session, world, agent, change):
    record = agent.record()
    if change == "extra field":
        record["hcode"] = world.pharmacy
    elif change == "number value":
        record["sex"] = 1
    elif change == "missing pid":
        del record["pid"]
    else:
        record["read_at"] = "yesterday"
    signed = {"record": record, "signature": "A" * 88}
    err = refusal(session, signed, hcode=world.pharmacy)
    assert err.code == "CARD_READ_MALFORMED" and err.details["reason"]


def test_a_read_of_another_card_is_refused_and_keeps_its_nonce(session, world, agent):
    other = generate_pid()
    signed = agent.signed(pid=other)
    err = refusal(session, signed, hcode=world.pharmacy, pid=ADULT)
    assert err.code == "CARD_READ_OTHER_CARD"
    assert other not in str(err.details) and err.details["card_pid"].endswith(other[-4:])
    assert session.get(CardReadNonce, signed["record"]["nonce"]).used_at is None
    assert svc.verify_signed_read(session, hcode=world.pharmacy, signed_read=signed, expected_pid=other, now=NOW).pid \
        == other


def test_an_agent_of_another_unit_is_refused(session, client, world):
    clinic_agent = Agent(client, world, world.clinic)
    err = refusal(session, clinic_agent.signed(), hcode=world.pharmacy)
    assert err.code == "CARD_AGENT_OTHER_UNIT"


def test_a_revoked_agent_is_refused(session, client, world, agent):
    signed = agent.signed()
    r = client.delete(f"/api/v1/units/{world.pharmacy}/card-agents/{agent.id}",
                      headers=bearer(world.unit_admin[world.pharmacy]))
    assert r.status_code == 200
    assert refusal(session, signed, hcode=world.pharmacy).code == "CARD_AGENT_REVOKED"


def test_a_nonce_of_another_agent_is_refused(session, client, world, agent):
    second = Agent(client, world, world.pharmacy, "second reader")
    signed = second.signed(nonce=agent.nonce())
    err = refusal(session, signed, hcode=world.pharmacy)
    assert err.code == "CARD_READ_NONCE_INVALID" and err.details["reason"] == "issued to another agent"


def test_an_expired_or_unknown_nonce_is_refused(session, world, agent):
    later = NOW + timedelta(seconds=121)
    signed = agent.signed(read_at=later - timedelta(seconds=1))  # nonce issued at NOW
    err = refusal(session, signed, hcode=world.pharmacy, now=later)
    assert err.code == "CARD_READ_NONCE_INVALID" and err.details["reason"] == "expired"
    err = refusal(session, agent.signed(nonce="made-up-nonce"), hcode=world.pharmacy)
    assert err.code == "CARD_READ_NONCE_INVALID" and err.details["reason"] == "unknown"
