"""Claims over HTTP without the face models: booking-QR and smart-card verification, idempotency,
edit, cancel, search, history, appeal review, report export, and the walls between units.  (A LINE
unit QR is redeemed only in a citizen's own session: tests/line.)"""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bookings import service as bookings
from server.services.claim_codes import is_valid_code
from server.services.qr_tokens import booking_qr, unit_qr
from server.tables import ClaimEvent, VerificationAttempt
from tests.conftest import FIXED_NOW
from tests.server.card_agent_kit import Agent
from tests.server.conftest import ADULT, CHILD, ELDER, bearer
from thai_civil.calendar import BANGKOK

TODAY = FIXED_NOW.date()  # 22/11/2569 (Bangkok date too: 10:00 local)


def qr_body(world, pid=ELDER, **changes):
    body = {"pid": pid, "hcode": world.pharmacy, "profession": "PHARMACIST", "service_type": "FVS-CI",
            "phone": "0812345678", "qr": unit_qr("change-me", hcode=world.pharmacy, service_type="FVS-CI")}
    return {**body, **changes}


@pytest.fixture
def qr_secret(app):
    return app.state.settings.secret_key.get_secret_value()


def issue_qr(client, world, qr_secret, key=None, **changes):
    """A unit tablet submits a LINE unit QR (refused since issue 12: QR_NOT_FROM_CITIZEN)."""
    body = qr_body(world, **changes)
    if "qr" not in changes:
        body["qr"] = unit_qr(qr_secret, hcode=body["hcode"], service_type=body["service_type"])
    headers = bearer(world.device[world.pharmacy]) | ({"Idempotency-Key": key} if key else {})
    return client.post("/api/v1/verifications/qr", json=body, headers=headers)


def book(session, world, pid=ELDER, hour=10, minute=30) -> str:
    """A confirmed booking of ``pid`` at the pharmacy today (made in the citizen's LINE session)."""
    booking = bookings.hold(session, pid=pid, booked_by_pid=pid, booked_by="line:test", hcode=world.pharmacy,
                            profession="PHARMACIST", phone="0812345678", now=FIXED_NOW,
                            starts_at=datetime(TODAY.year, TODAY.month, TODAY.day, hour, minute, tzinfo=BANGKOK))
    bookings.confirm(session, booking=booking, now=FIXED_NOW)
    session.commit()
    return booking.ref


def scan_booking(client, world, qr_secret, ref, key=None, **changes):
    """The unit scans the citizen's booking QR (BOOKING_QR)."""
    body = qr_body(world, channel="BOOKING_QR", qr=booking_qr(qr_secret, ref=ref)) | changes
    headers = bearer(world.device[world.pharmacy]) | ({"Idempotency-Key": key} if key else {})
    return client.post("/api/v1/verifications/qr", json=body, headers=headers)


def issue(client, world, qr_secret, session):
    """A claim made through the unit's scan of a booking QR."""
    r = scan_booking(client, world, qr_secret, book(session, world))
    assert r.status_code == 201, r.json()
    return r


def test_requests_without_a_valid_token_are_refused(client, world):
    r = client.get("/api/v1/claims", headers={"Authorization": ""})
    assert (r.status_code, r.json()["code"]) == (401, "UNAUTHENTICATED")
    r = client.get("/api/v1/claims", headers=bearer("fvs_dev_nonsense"))
    assert (r.status_code, r.json()["code"]) == (401, "UNAUTHENTICATED")


def test_a_booking_qr_issues_a_claim_once_per_key(client, world, qr_secret, session):
    ref = book(session, world)
    r = scan_booking(client, world, qr_secret, ref, key="k-1")
    assert r.status_code == 201, r.json()
    claim = r.json()["claim"]
    assert is_valid_code(claim["code"]) and claim["code"].startswith("CM")
    assert (claim["status"], claim["channel"], claim["method"], claim["right_code"]) == ("ACTIVE", "BOOKING_QR", "BOOKING_QR", "UCS")
    assert claim["service_date_be"] == "22/11/2569" and r.json()["age_group"] == "ELDER"

    again = scan_booking(client, world, qr_secret, ref, key="k-1")
    assert again.status_code == 201 and again.json()["claim"]["code"] == claim["code"]
    assert again.json()["replayed"] is True and again.headers["Idempotent-Replayed"] == "true"
    reused = scan_booking(client, world, qr_secret, ref, key="k-1", phone="0899999999")
    assert (reused.status_code, reused.json()["code"]) == (422, "IDEMPOTENCY_KEY_REUSED")

    # A new key for the same citizen, unit, service and day: one live code only.
    dup = scan_booking(client, world, qr_secret, book(session, world, hour=11), key="k-2")
    assert (dup.status_code, dup.json()["code"], dup.json()["claim_code"]) == (409, "CLAIM_EXISTS", claim["code"])
    attempts = session.scalars(select(VerificationAttempt).where(VerificationAttempt.claim_code == claim["code"])).all()
    assert [a.outcome for a in attempts] == ["PASSED"]


@pytest.mark.parametrize("changes, code, next_channels", [
    ({"qr": "FVS1:U:99001:20261122:0000000000deadbeef00"}, "QR_INVALID", ["BOOKING_QR", "FACE", "SMART_CARD"]),
    ({"phone": None}, "PHONE_REQUIRED", []),
    ({"phone": "12345"}, "PHONE_INVALID", []),
    ({"profession": "DENTIST"}, "STAFF_NOT_ON_DUTY", []),
    ({"service_type": "FVS-DENT"}, "PROFESSION_NOT_FOR_SERVICE", []),          # dental service at a pharmacy
    ({"service_type": "FVS-TELE"}, "SERVICE_TYPE_INACTIVE", []),
    ({"service_type": "PG0080001"}, "SERVICE_TYPE_INACTIVE", []),  # Community Isolation ended 1 Oct 2565
    ({"service_date": "21/11/2569"}, "NOT_SERVICE_DATE", []),
    ({"scanner_pid": ADULT}, "RELATIVE_NOT_REGISTERED", ["BOOKING_QR", "FACE", "SMART_CARD"]),
])
def test_refusals_name_the_reason_and_next_channels(client, world, qr_secret, session, changes, code, next_channels):
    r = issue_qr(client, world, qr_secret, **changes)
    assert r.status_code == 422, r.json()
    body = r.json()
    assert code in [x["code"] for x in body["reasons"]] and body["code"] == body["reasons"][0]["code"]
    assert "QR_NOT_FROM_CITIZEN" in [x["code"] for x in body["reasons"]]  # a unit never redeems a LINE QR
    assert body["message_th"] and body["message_en"]
    assert body["next_channels"] == next_channels
    refused = session.scalars(select(VerificationAttempt).where(VerificationAttempt.outcome == "REFUSED")).all()
    assert refused and code in refused[-1].reason_codes


def test_bad_input_is_a_clear_4xx(client, world, qr_secret):
    for changes, status, code in [
        ({"pid": "1101700203451"}, 422, "INVALID_PID"), ({"service_type": "XX"}, 422, "UNKNOWN_SERVICE_TYPE"),
        ({"profession": "ASTRONAUT"}, 422, "UNKNOWN_PROFESSION"), ({"pid": "1111111111119"}, 404, "CITIZEN_NOT_FOUND"),
        ({"service_date": "31/02/2569"}, 422, "INVALID_DATE"),
    ]:
        r = issue_qr(client, world, qr_secret, **changes)
        assert (r.status_code, r.json()["code"]) == (status, code), (changes, r.json())


def test_a_booking_qr_is_checked_against_the_booking_and_a_unit_never_redeems_a_line_qr(client, world, qr_secret,
                                                                                        session):
    elders = book(session, world)                                     # someone else's booking
    r = scan_booking(client, world, qr_secret, elders, pid=ADULT, service_type="PG0060001")
    assert r.json()["code"] == "QR_INVALID"
    ok = scan_booking(client, world, qr_secret, book(session, world, pid=ADULT, hour=11), pid=ADULT,
                      service_type="PG0060001")
    assert ok.status_code == 201 and ok.json()["claim"]["method"] == "BOOKING_QR"
    # A proxy is whoever the relatives registry says they are, never what the tablet claims — and since
    # issue 12 the tablet cannot submit a LINE QR at all, registered relative or not.
    nhso = bearer(world.nhso_admin)
    r = client.post(f"/api/v1/citizens/{CHILD}/relatives", headers=nhso,
                    json={"relative_pid": ELDER, "relation": "PARENT", "proof": "CIVIL_REGISTRY"})
    assert r.status_code == 201, r.json()
    child = issue_qr(client, world, qr_secret, pid=CHILD, scanner_pid=ELDER)
    assert child.json()["code"] == "QR_NOT_FROM_CITIZEN" and child.json()["next_channels"] == ["BOOKING_QR", "FACE",
                                                                                             "SMART_CARD"]
    unregistered = issue_qr(client, world, qr_secret, pid=ADULT, scanner_pid=CHILD, service_type="FVS-CI")
    assert {"RELATIVE_NOT_REGISTERED", "PROXY_NOT_ALLOWED", "QR_NOT_FROM_CITIZEN"} <= {
        x["code"] for x in unregistered.json()["reasons"]}


def test_smart_card_waits_for_appeal_review(client, world):
    agent = Agent(client, world, world.pharmacy)
    base = {"pid": ELDER, "hcode": world.pharmacy, "profession": "PHARMACIST", "service_type": "FVS-CI",
            "phone": "0812345678", "certifier": "GUARDIAN", "reason_code": "UNCONSCIOUS"}
    headers = bearer(world.device[world.pharmacy])

    def card(pid: str = ELDER) -> dict:
        return {"card_read": agent.signed(pid=pid)}

    r = client.post("/api/v1/verifications/smart-card", json={**base, **card(), "reason_code": "BECAUSE"},
                    headers=headers)
    assert r.json()["code"] == "SPECIAL_REASON_REQUIRED" and r.json()["next_channels"] == ["LINE_QR", "BOOKING_QR", "FACE"]
    adult = client.post("/api/v1/verifications/smart-card", headers=headers, json={**base, **card(ADULT), "pid": ADULT})
    assert adult.json()["code"] == "CHANNEL_NOT_ALLOWED"
    # someone else's card: refused unless the registry knows them as a direct relative
    other = client.post("/api/v1/verifications/smart-card", headers=headers,
                        json={**base, **card(CHILD), "card_holder_pid": CHILD})
    assert other.json()["code"] == "RELATIVE_NOT_REGISTERED"
    unsigned = client.post("/api/v1/verifications/smart-card", headers=headers,
                           json={**base, "card_read": {"record": {"pid": ELDER}, "signature": "x"}})
    assert unsigned.status_code == 422 and unsigned.json()["code"].startswith("CARD_READ")
    client.post(f"/api/v1/citizens/{ELDER}/relatives", headers=bearer(world.nhso_admin),
                json={"relative_pid": CHILD, "relation": "GRANDCHILD", "proof": "CARD_READ"})
    r = client.post("/api/v1/verifications/smart-card", headers=headers,
                    json={**base, **card(CHILD), "card_holder_pid": CHILD, "reason_text": "หมดสติ ญาตินำบัตรหลานมา"})
    assert r.status_code == 201, r.json()
    claim = r.json()["claim"]
    code = claim["code"]
    assert (claim["status"], claim["method"], claim["relation"], claim["certifier"], claim["special_reason"]) == (
        "PENDING_APPEAL", "SMART_CARD_RELATIVE", "GRANDCHILD", "GUARDIAN", "UNCONSCIOUS")
    review = {"decision": "APPROVE", "note": "ตรวจสอบแล้ว"}
    assert client.post(f"/api/v1/claims/{code}/appeal-review", json=review, headers=headers).json()["code"] == "ROLE_FORBIDDEN"
    unfiled = client.post(f"/api/v1/claims/{code}/appeal-review", json=review, headers=bearer(world.reviewer))
    assert (unfiled.status_code, unfiled.json()["code"]) == (409, "APPEAL_NOT_FILED")  # the unit files first
    filed = client.post(f"/api/v1/claims/{code}/appeal", data={"text": "หมดสติ ญาตินำบัตรหลานมาที่ร้าน"}, headers=headers)
    assert filed.status_code == 201, filed.json()
    done = client.post(f"/api/v1/claims/{code}/appeal-review", json=review, headers=bearer(world.reviewer))
    assert done.status_code == 200 and done.json()["status"] == "APPEAL_APPROVED"
    again = client.post(f"/api/v1/claims/{code}/appeal-review", json=review, headers=bearer(world.reviewer))
    assert (again.status_code, again.json()["code"]) == (409, "NOT_PENDING_APPEAL")


def test_edit_cancel_search_history_and_audit(client, world, qr_secret, session):
    code = issue(client, world, qr_secret, session).json()["claim"]["code"]
    h = bearer(world.unit_admin[world.pharmacy])
    r = client.patch(f"/api/v1/claims/{code}", json={"phone": "0898765432", "hn": "HN-1", "reason": "แก้เบอร์"}, headers=h)
    assert r.status_code == 200 and (r.json()["phone"], r.json()["hn"]) == ("0898765432", "HN-1")
    assert r.json()["updated_by"] == f"user:admin{world.pharmacy}"
    assert client.patch(f"/api/v1/claims/{code}", json={"service_type": "FVS-DENT"}, headers=h).json()["code"] == "PROFESSION_NOT_FOR_SERVICE"
    assert client.post(f"/api/v1/claims/{code}/cancel", json={"reason": ""}, headers=h).status_code == 422
    r = client.post(f"/api/v1/claims/{code}/cancel", json={"reason": "บันทึกผิดคน"}, headers=h)
    assert r.json()["status"] == "CANCELLED" and r.json()["cancel_reason"] == "บันทึกผิดคน"
    assert client.post(f"/api/v1/claims/{code}/cancel", json={"reason": "ซ้ำ"}, headers=h).json()["code"] == "CLAIM_NOT_CANCELLABLE"
    assert client.patch(f"/api/v1/claims/{code}", json={"hn": "x"}, headers=h).json()["code"] == "CLAIM_NOT_EDITABLE"

    found = client.get("/api/v1/claims", params={"status": "CANCELLED", "service_from": "22/11/2569",
                                                 "service_to": "22/11/2569"}, headers=h).json()
    assert found["total"] == 1 and found["items"][0]["cancel_reason"] == "บันทึกผิดคน"
    assert client.get("/api/v1/claims", params={"service_from": "23/11/2569"}, headers=h).json()["total"] == 0
    assert client.get("/api/v1/claims", params={"recorded_from": "2026-11-22", "recorded_to": "2026-11-22"},
                      headers=h).json()["total"] == 1
    # A cancelled code frees the day: a new one can be issued.
    fresh = scan_booking(client, world, qr_secret, book(session, world, hour=11))
    assert fresh.status_code == 201 and fresh.json()["claim"]["code"] != code
    history = client.get(f"/api/v1/citizens/{ELDER}/claims", headers=h).json()
    assert {c["code"] for c in history} == {code, fresh.json()["claim"]["code"]}
    events = client.get(f"/api/v1/claims/{code}/events", headers=h).json()
    assert [e["action"] for e in events] == ["ISSUED", "EDITED", "CANCELLED"]
    assert '"phone": "0812345678"' in events[1]["before"] and events[2]["reason"] == "บันทึกผิดคน"
    assert session.scalars(select(ClaimEvent)).first() is not None


def test_report_csv_and_xlsx_have_be_dates(client, world, qr_secret, session):
    code = issue(client, world, qr_secret, session).json()["claim"]["code"]
    h = bearer(world.unit_admin[world.pharmacy])
    r = client.get("/api/v1/reports/claims", params={"format": "csv", "service_from": "22/11/2569"}, headers=h)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["รหัสหน่วยบริการ", "ชื่อหน่วยบริการ", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "รหัสเคลม"]
    row = dict(zip(rows[0], rows[1]))
    assert row["รหัสเคลม"] == code and row["วันที่รับบริการ"] == "22/11/2569" and row["วันที่บันทึก"].startswith("22/11/2569 10:00")
    x = client.get("/api/v1/reports/claims", params={"format": "xlsx"}, headers=h)
    sheet = load_workbook(io.BytesIO(x.content)).active
    values = [c.value for c in sheet[3]]
    assert code in values and "22/11/2569" in values
    summary = client.get("/api/v1/reports/claims", headers=h).json()
    assert summary["total"] == 1 and summary["by_service_type_and_status"][0] == {"service_type": "FVS-CI", "status": "ACTIVE", "count": 1}


def test_units_cannot_touch_each_others_claims(client, world, qr_secret, session):
    code = issue(client, world, qr_secret, session).json()["claim"]["code"]
    other = bearer(world.device[world.clinic])
    for method, url, kwargs in [
        ("get", f"/api/v1/claims/{code}", {}),
        ("patch", f"/api/v1/claims/{code}", {"json": {"hn": "x"}}),
        ("post", f"/api/v1/claims/{code}/cancel", {"json": {"reason": "ไม่ใช่ของเรา"}}),
        ("get", f"/api/v1/claims/{code}/events", {}),
        ("get", "/api/v1/claims", {"params": {"hcode": world.pharmacy}}),
        ("get", "/api/v1/reports/claims", {"params": {"hcode": world.pharmacy, "format": "csv"}}),
        ("get", f"/api/v1/units/{world.pharmacy}/qr", {"params": {"service_type": "FVS-CI"}}),
        ("get", f"/api/v1/units/{world.pharmacy}/device-tokens", {}),
        ("post", "/api/v1/verifications/qr", {"json": qr_body(world)}),
    ]:
        r = getattr(client, method)(url, headers=other, **kwargs)
        assert (r.status_code, r.json()["code"]) in ((403, "UNIT_FORBIDDEN"), (403, "ROLE_FORBIDDEN")), (url, r.json())
    # The clinic's own search simply does not contain the pharmacy's claim; NHSO sees it.
    assert client.get("/api/v1/claims", headers=other).json()["total"] == 0
    assert client.get(f"/api/v1/citizens/{ELDER}/claims", headers=other).json() == []
    assert client.get("/api/v1/claims", params={"code": code}, headers=bearer(world.nhso_admin)).json()["total"] == 1
