"""The agent end to end: the virtual card behind the real pcscd, the agent's HTTP app, and a real
FVS app that verifies the signed reads and issues claim codes."""
from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from card_agent.protocol import canonical_json
from server.services.card_read_errors import CardReadError
from server.services.card_reads import verify_signed_read
from server.tables.card_agents import CardReadNonce
from tests.card_agent.conftest import ADULT_BIRTH, AGENT_TOKEN, ELDER_BIRTH
from tests.card_reader.card_image import sample_pid
from tests.card_reader.conftest import READER, _wait_reader
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.usefixtures("pcsc_context")


def nonces_issued(session, agent_id: int) -> int:
    return session.scalar(select(func.count()).select_from(CardReadNonce).where(CardReadNonce.agent_id == agent_id))


# --- access ------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-wrong-token"},
                                     {"Authorization": f"Basic {AGENT_TOKEN}"}, {"Authorization": AGENT_TOKEN}],
                         ids=["none", "wrong", "basic", "no-scheme"])
def test_every_route_needs_the_local_token(rig, headers):
    client = rig.client
    for method, path in (("GET", "/api/smartcard/terminals"), ("GET", "/api/smartcard/read"),
                         ("POST", "/api/nhso-service/confirm-save"),
                         ("GET", "/api/nhso-service/latest-authen-code/1101700203450")):
        r = client.request(method, path, headers={"Authorization": "", **headers}, json={})
        assert r.status_code == 401, (path, r.text)
        body = r.json()
        assert body["code"] == "AGENT_UNAUTHORIZED" and body["status"] == 401
        assert body["errors"][0]["defaultMessage"].startswith("ไม่ได้รับอนุญาต")
        assert r.headers["www-authenticate"] == "Bearer"


def test_a_request_addressed_to_another_host_name_is_refused(rig, insert_card, contents):
    insert_card(contents)
    for host in ("evil.example", "127.0.0.1.nip.io:8189", "192.168.1.10:8189"):
        r = rig.client.get("/api/smartcard/terminals", headers={"Host": host})
        assert r.status_code == 403 and r.json()["code"] == "AGENT_HOST_REFUSED", host
    for host in ("127.0.0.1:8189", "localhost:8189", "[::1]:8189", "localhost"):
        assert rig.client.get("/api/smartcard/terminals", headers={"Host": host}).status_code == 200, host


def test_cors_only_for_configured_origins_with_the_private_network_preflight(rig):
    ask = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization",
           "Access-Control-Request-Private-Network": "true"}
    ok = rig.client.options("/api/smartcard/read", headers={"Origin": "https://console.fvs.example", **ask})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == "https://console.fvs.example"
    assert ok.headers["access-control-allow-private-network"] == "true"
    bad = rig.client.options("/api/smartcard/read", headers={"Origin": "https://evil.example", **ask})
    assert bad.status_code == 400 and "access-control-allow-origin" not in bad.headers  # the browser stops here


# --- terminals and read ------------------------------------------------------------------------

def test_terminals_list_the_virtual_reader_and_its_card(rig, insert_card, contents):
    before = {t["terminalName"]: t["isPresent"] for t in rig.client.get("/api/smartcard/terminals").json()}
    assert before[READER] is False
    insert_card(contents)
    r = rig.client.get("/api/smartcard/terminals")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    terminals = {t["terminalName"]: t["isPresent"] for t in r.json()}
    assert terminals[READER] is True and terminals["Virtual PCD 00 01"] is False


def test_read_answers_nhso_fields_and_a_signed_read_fvs_accepts_once(rig, session, insert_card, contents):
    rig.citizen(session, contents, date(1987, 4, 15))
    insert_card(contents)
    r = rig.client.get("/api/smartcard/read", params={"readImageFlag": "true"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["pid"] == contents.pid
    assert (body["titleName"], body["fname"], body["lname"]) == ("นางสาว", "สมหญิง", "ทดสอบใจดี")
    assert body["birthDate"] == "25300415" and body["sex"] == "หญิง"
    assert body["mainInscl"] == "(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ (บัตรทอง)"  # FVS's right name
    assert body["age"] == "39 ปี 7 เดือน 7 วัน"  # on 22/11/2569, FVS's (pinned) date
    assert body["checkDate"].startswith("2026-11-22T10:00")  # Bangkok time of FVS's clock
    assert {"claimType": "PG0070001", "claimTypeName": "PP Fee Schedule"} in body["claimTypes"]
    assert "FVS-DENT" not in {c["claimType"] for c in body["claimTypes"]}  # dentists only
    assert base64.b64decode(body["image"]) == contents.photo
    assert body["hospMain"] == {"hcode": "99001", "hname": None}
    assert uuid.UUID(body["correlationId"])
    record, signature = body["signedRead"]["record"], body["signedRead"]["signature"]
    assert record["pid"] == contents.pid and record["reader"] == READER and record["sex"] == "F"
    assert record["photo_sha256"] == hashlib.sha256(contents.photo).hexdigest()
    assert record["agent_key_id"] == rig.key.key_id and record["birth_date"] == "1987-04-15"
    assert rig.key.private_key.public_key().verify(base64.b64decode(signature), canonical_json(record)) is None

    verified = verify_signed_read(session, hcode=rig.world.pharmacy, signed_read=body["signedRead"],
                                  expected_pid=contents.pid, now=FIXED_NOW)
    assert verified.agent_id == rig.agent_id and verified.pid == contents.pid
    assert abs(verified.read_at - FIXED_NOW) < timedelta(seconds=5)  # dated in FVS's time
    with pytest.raises(CardReadError) as again:
        verify_signed_read(session, hcode=rig.world.pharmacy, signed_read=body["signedRead"],
                           expected_pid=contents.pid, now=FIXED_NOW)
    assert again.value.code == "CARD_READ_NONCE_INVALID"


def test_read_without_image_flag_has_no_image_and_no_photo_hash(rig, insert_card, contents):
    insert_card(contents)
    body = rig.client.get("/api/smartcard/read").json()
    assert body["image"] is None and body["signedRead"]["record"]["photo_sha256"] is None
    assert body["mainInscl"] is None  # FVS does not know this citizen


def test_read_without_a_card_is_card_absent(rig):
    r = rig.client.get("/api/smartcard/read")
    assert r.status_code == 400
    assert r.json()["code"] == "CARD_ABSENT" and r.json()["errors"][0]["defaultMessage"].startswith("ไม่พบบัตร")


# --- confirm-save and latest-authen-code -------------------------------------------------------

def _confirm(rig, body: dict, **extra):
    return rig.client.post("/api/nhso-service/confirm-save", json={
        "pid": body["pid"], "claimType": "PG0070001", "mobile": "0812345678",
        "correlationId": body["correlationId"], "hn": None, "reasonCode": "FACE_PROBLEM", **extra})


def test_confirm_save_issues_a_claim_code_and_latest_authen_code_finds_it(rig, session, insert_card, contents):
    elder = contents.but(birth=ELDER_BIRTH)
    rig.citizen(session, elder, date(1950, 1, 1))
    insert_card(elder)
    read = rig.client.get("/api/smartcard/read").json()
    r = _confirm(rig, read, hcode=rig.world.pharmacy, reasonText="ผู้สูงอายุสแกนใบหน้าไม่ผ่าน")
    assert r.status_code == 200, r.text
    saved = r.json()
    assert saved["pid"] == elder.pid and saved["claimType"] == "PG0070001"
    assert saved["claimCode"].startswith("PP") and saved["createdDate"].startswith("2026-11-22T10:00")
    assert saved["correlationId"] == read["correlationId"] and saved["status"] == "PENDING_APPEAL"
    # the same confirm-save again answers the same claim (no second claim, no second read)
    assert _confirm(rig, read, hcode=rig.world.pharmacy, reasonText="ผู้สูงอายุสแกนใบหน้าไม่ผ่าน").json() == saved

    latest = rig.client.get(f"/api/nhso-service/latest-authen-code/{elder.pid}")
    assert latest.status_code == 200, latest.text
    assert latest.json()["claimCode"] == saved["claimCode"] and latest.json()["claimType"] == "PG0070001"
    assert latest.json()["hcode"] == rig.world.pharmacy and latest.json()["claimDateTime"].startswith("2026-11-22T")


def test_confirm_save_answers_an_fvs_refusal_as_errors_default_message(rig, session, insert_card, contents):
    adult = contents.but(birth=ADULT_BIRTH)
    rig.citizen(session, adult, date(1987, 4, 15))
    insert_card(adult)
    read = rig.client.get("/api/smartcard/read").json()
    r = _confirm(rig, read, reasonText="ลองใช้บัตร")
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["status"] == 400 and body["error"] == "Bad Request"
    first = body["errors"][0]
    assert first["code"] == body["code"] and first["code"] not in ("", None)
    assert first["defaultMessage"] == body["message_th"] and body["message_th"] != body["message_en"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in first["defaultMessage"])  # Thai text
    assert body["details"]["age_group"] == "ADULT"


def test_a_second_try_after_a_refusal_reads_the_card_again(rig, session, insert_card, contents):
    elder = contents.but(birth=ELDER_BIRTH)
    rig.citizen(session, elder, date(1950, 1, 1))
    insert_card(elder)
    read = rig.client.get("/api/smartcard/read").json()
    r = _confirm(rig, read, mobile=None, reasonText="ผู้สูงอายุ")  # refused: no phone (and kept on record)
    assert r.status_code == 400 and r.json()["code"] == "PHONE_REQUIRED", r.text
    issued = nonces_issued(session, rig.agent_id)
    r = _confirm(rig, read, reasonText="ผู้สูงอายุ")
    assert r.status_code == 200, r.text
    assert nonces_issued(session, rig.agent_id) == issued + 1  # the used nonce was replaced by a new read


def test_confirm_save_refuses_an_unknown_correlation_id_or_another_pid(rig, session, insert_card, contents):
    insert_card(contents)
    read = rig.client.get("/api/smartcard/read").json()
    r = _confirm(rig, {**read, "correlationId": str(uuid.uuid4())})
    assert r.status_code == 404 and r.json()["code"] == "AGENT_READ_UNKNOWN"
    # the card of someone else than the citizen: FVS judges it (a registered direct relative only)
    r = _confirm(rig, {**read, "pid": "1101700203450"})
    assert r.status_code == 400 and r.json()["code"] in ("RELATIVE_NOT_REGISTERED", "CHANNEL_NOT_ALLOWED"), r.text
    r = _confirm(rig, read, hcode="12345")
    assert r.status_code == 400 and r.json()["code"] == "AGENT_HCODE_MISMATCH"
    r = rig.client.post("/api/nhso-service/confirm-save", json={"pid": read["pid"]})
    assert r.status_code == 400 and r.json()["code"] == "AGENT_INVALID_INPUT"
    assert {f["field"] for f in r.json()["details"]["fields"]} >= {"claimType", "correlationId"}


def test_a_read_too_old_for_fvs_is_read_again_at_confirm_save(rig, session, insert_card, contents,
                                                              pcsc_context):
    elder = contents.but(birth=ELDER_BIRTH)
    rig.citizen(session, elder, date(1950, 1, 1))
    card = insert_card(elder)
    read = rig.client.get("/api/smartcard/read").json()
    issued = nonces_issued(session, rig.agent_id)
    rig.clock_shift[0] = timedelta(seconds=100)  # the staff took 100 s to type the phone number
    r = _confirm(rig, read, reasonText="ผู้สูงอายุ")
    assert r.status_code == 200, r.text
    assert nonces_issued(session, rig.agent_id) == issued + 1  # a fresh nonce, a fresh read

    # a second visit's read grows old while the card leaves the reader: no refresh without it
    read2 = rig.client.get("/api/smartcard/read").json()
    card.process.terminate()
    card.process.wait(10)
    assert _wait_reader(pcsc_context, present=False)
    rig.clock_shift[0] = timedelta(seconds=200)
    r = _confirm(rig, read2, claimType="PG0060001", reasonText="ผู้สูงอายุ")
    assert r.status_code == 400 and r.json()["code"] == "CARD_ABSENT", r.text
    # ...and another person's card in the reader does not stand in for it
    insert_card(contents.but(pid=sample_pid(99)))
    r = _confirm(rig, read2, claimType="PG0060001", reasonText="ผู้สูงอายุ")
    assert r.status_code == 409 and r.json()["code"] == "AGENT_CARD_CHANGED", r.text


def test_latest_authen_code_without_claims_or_with_a_bad_pid(rig, world):
    r = rig.client.get("/api/nhso-service/latest-authen-code/1101700203450")
    assert r.status_code == 404 and r.json()["code"] == "AGENT_NO_CLAIM"
    r = rig.client.get("/api/nhso-service/latest-authen-code/1101700203451")
    assert r.status_code == 400 and r.json()["code"] == "AGENT_INVALID_INPUT"
