"""Appeals of smart-card claims over HTTP: the full cycle issue (signed read) → appeal (with
attachments) → approve, and → reject; the deadline; who may file, read and decide; attachment
limits; billability in the claim, the list and the report; what the case shows."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from server.services import access
from server.tables import Account, CardReadRecord, VerificationAttempt
from tests.conftest import FIXED_NOW
from tests.server.appeal_kit import PDF, TEXT, card_body, file_appeal, image_bytes, issue_card_claim
from tests.server.card_agent_kit import Agent
from tests.server.conftest import ADULT, CHILD, ELDER, bearer

# Service date 22/11/2569; 30 days to file: until 22/12/2569 23:59:59 Bangkok = 16:59:59 UTC.
DEADLINE = FIXED_NOW.replace(hour=17) + timedelta(days=30)


@pytest.fixture
def agent(client, world) -> Agent:
    return Agent(client, world, world.pharmacy)


def review(client, token, code, decision, note=None):
    return client.post(f"/api/v1/claims/{code}/appeal-review", json={"decision": decision, "note": note},
                       headers=bearer(token))


def actions(client, world, code):
    events = client.get(f"/api/v1/claims/{code}/events", headers=bearer(world.reviewer)).json()
    return [e["action"] for e in events]


def at(app, session, when) -> str:
    """Move the app's clock; a reviewer's session token of that time (session tokens last 12 hours)."""
    app.state.clock = lambda: when
    account = session.scalars(select(Account).where(Account.username == "reviewer")).one()
    token = access.session_token(session, account, when)[0]
    session.commit()
    return token


def test_issue_appeal_approve_through_http(client, world, agent, session):
    claim = issue_card_claim(client, world, agent)
    code = claim["code"]
    assert (claim["status"], claim["billable"], claim["billing"]) == ("PENDING_APPEAL", False, "NOT_YET")
    unit = world.device[world.pharmacy]

    r = file_appeal(client, unit, code)
    assert r.status_code == 201, r.json()
    appeal = r.json()
    assert (appeal["status"], appeal["reason_code"], appeal["text"]) == ("FILED", "UNCONSCIOUS", TEXT)
    assert appeal["filed_by"].startswith("device:") and appeal["due_at"] == "2026-12-22T17:00:00Z"
    jpeg, pdf = appeal["attachments"]
    assert (jpeg["content_type"], pdf["content_type"]) == ("image/jpeg", "application/pdf")
    assert pdf["sha256"] == hashlib.sha256(PDF).hexdigest() and pdf["size_bytes"] == len(PDF)

    case = client.get(f"/api/v1/appeals/{code}", headers=bearer(world.reviewer)).json()
    assert case["status"] == "FILED" and case["reason"]["name_th"] == "หมดสติ"
    assert case["certifier"]["code"] == "GUARDIAN" and case["last_filing_day"] == "2026-12-22"
    (read,) = case["card_reads"]
    assert (read["purpose"], read["pid"], read["reader"], read["agent_id"]) == ("HOLDER", ELDER, "Virtual PCD 00 00",
                                                                                agent.id)
    assert read["issue_date"] == "2024-01-10" and read["expiry_date"] == "2032-05-01"
    assert json.loads(read["record"])["nonce"] and read["signature"]
    got = client.get(f"/api/v1/appeals/{code}/attachments/{pdf['id']}", headers=bearer(unit))
    assert got.status_code == 200 and got.content == PDF and got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff" and "attachment" in got.headers["content-disposition"]

    done = review(client, world.reviewer, code, "APPROVE", "ตรวจสอบเอกสารแล้ว")
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["billable"], done.json()["billing"]) == ("APPEAL_APPROVED", True, "YES")
    assert actions(client, world, code) == ["ISSUED", "APPEAL_FILED", "ATTACHMENT_ADDED", "ATTACHMENT_ADDED",
                                            "APPEAL_APPROVED"]
    assert client.get(f"/api/v1/appeals/{code}", headers=bearer(unit)).json()["status"] == "APPROVED"
    assert review(client, world.reviewer, code, "REJECT", "x").json()["code"] == "NOT_PENDING_APPEAL"
    # the kept read is the one that was signed
    row = session.scalars(select(CardReadRecord).where(CardReadRecord.pid == ELDER)).one()
    assert row.claim_id is not None and row.purpose == "HOLDER" and row.recorded_by.startswith("device:")


def test_issue_appeal_reject_needs_a_note_and_is_never_billable(client, world, agent):
    code = issue_card_claim(client, world, agent)["code"]
    assert file_appeal(client, world.unit_admin[world.pharmacy], code, files=[]).status_code == 201
    for note in (None, "", "   "):
        r = review(client, world.reviewer, code, "REJECT", note)
        assert (r.status_code, r.json()["code"]) == (422, "APPEAL_NOTE_REQUIRED")
    r = review(client, world.nhso_admin, code, "REJECT", "ไม่มีหลักฐานว่ามารับบริการ")
    assert (r.json()["status"], r.json()["billable"], r.json()["billing"]) == ("APPEAL_REJECTED", False, "NO")
    assert r.json()["review_note"] == "ไม่มีหลักฐานว่ามารับบริการ"
    assert actions(client, world, code)[-1] == "APPEAL_REJECTED"
    listed = client.get("/api/v1/appeals", params={"status": "REJECTED"}, headers=bearer(world.reviewer)).json()
    assert [(i["claim_code"], i["billable"]) for i in listed["items"]] == [(code, False)]


def test_billable_in_the_report(client, world, agent):
    approved = issue_card_claim(client, world, agent)["code"]
    rejected = issue_card_claim(client, world, agent, pid=CHILD, reason_code="CHILD_UNDER_15_OR_NO_CARD")["code"]
    waiting = issue_card_claim(client, world, agent, service_type="PG0070001")["code"]
    for code in (approved, rejected):
        assert file_appeal(client, world.device[world.pharmacy], code, files=[]).status_code == 201
    review(client, world.reviewer, approved, "APPROVE")
    review(client, world.reviewer, rejected, "REJECT", "ไม่ผ่าน")
    h = bearer(world.unit_admin[world.pharmacy])
    report = client.get("/api/v1/reports/claims", headers=h).json()
    assert report["billable"] == 1
    assert {r["claim_code"]: r["billable"] for r in report["rows"]} == {approved: "YES", rejected: "NO",
                                                                       waiting: "NOT_YET"}
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/reports/claims", params={"format": "csv"},
                                                  headers=h).content.decode("utf-8-sig"))))
    assert rows[0][-1] == "เบิกจ่ายได้"
    assert {r[4]: r[-1] for r in rows[1:]} == {approved: "ได้", rejected: "ไม่ได้", waiting: "รอผลอุทธรณ์"}
    found = client.get("/api/v1/claims", params={"code": waiting}, headers=h).json()["items"][0]
    assert (found["billable"], found["billing"]) == (False, "NOT_YET")


def test_a_unit_never_decides_an_appeal(client, world, agent):
    code = issue_card_claim(client, world, agent)["code"]
    file_appeal(client, world.device[world.pharmacy], code)
    for token in (world.device[world.pharmacy], world.unit_admin[world.pharmacy], world.device[world.clinic],
                  world.unit_admin[world.clinic]):
        for decision in ("APPROVE", "REJECT"):
            r = review(client, token, code, decision, "ของเราเอง")
            assert (r.status_code, r.json()["code"]) == (403, "ROLE_FORBIDDEN")
    assert client.get(f"/api/v1/claims/{code}", headers=bearer(world.reviewer)).json()["status"] == "PENDING_APPEAL"
    # and NHSO files no appeal for a unit
    other = issue_card_claim(client, world, agent, pid=CHILD, reason_code="CHILD_UNDER_15_OR_NO_CARD")["code"]
    for token in (world.reviewer, world.nhso_admin):
        assert file_appeal(client, token, other).json()["code"] == "ROLE_FORBIDDEN"


def test_an_unfiled_appeal_is_never_approved_and_rejected_only_once_late(client, world, agent, app, session):
    code = issue_card_claim(client, world, agent)["code"]
    r = review(client, world.reviewer, code, "APPROVE", "ok")
    assert (r.status_code, r.json()["code"]) == (409, "APPEAL_NOT_FILED")
    assert r.json()["deadline"] == "2026-12-22T17:00:00+00:00"
    reviewer = at(app, session, DEADLINE - timedelta(seconds=1))
    assert review(client, reviewer, code, "REJECT", "ไม่ยื่น").json()["code"] == "APPEAL_NOT_FILED"
    reviewer = at(app, session, DEADLINE)
    assert review(client, reviewer, code, "APPROVE", "ok").json()["code"] == "APPEAL_NOT_FILED"
    r = review(client, reviewer, code, "REJECT", "หน่วยบริการไม่ยื่นอุทธรณ์ภายในกำหนด")
    assert r.status_code == 200 and r.json()["status"] == "APPEAL_REJECTED"


def test_late_filing_is_refused_at_the_deadline(client, world, agent, app, session):
    code = issue_card_claim(client, world, agent)["code"]
    listed = client.get("/api/v1/appeals", params={"status": "NOT_FILED"}, headers=bearer(world.reviewer)).json()
    assert [(i["claim_code"], i["overdue"]) for i in listed["items"]] == [(code, False)]
    reviewer = at(app, session, DEADLINE)
    r = file_appeal(client, world.device[world.pharmacy], code)
    assert (r.status_code, r.json()["code"]) == (422, "APPEAL_DEADLINE_PASSED")
    assert r.json()["deadline_be"] == "22/12/2569" and "22/12/2569" in r.json()["message_th"]
    listed = client.get("/api/v1/appeals", params={"status": "NOT_FILED"}, headers=bearer(reviewer)).json()
    assert [(i["claim_code"], i["overdue"]) for i in listed["items"]] == [(code, True)]
    at(app, session, DEADLINE - timedelta(seconds=1))  # 22/12/2569 23:59:59 Bangkok: still in time
    assert file_appeal(client, world.device[world.pharmacy], code).status_code == 201
    at(app, session, DEADLINE)
    more = client.post(f"/api/v1/appeals/{code}/attachments", headers=bearer(world.device[world.pharmacy]),
                       files=[("attachments", ("late.pdf", PDF, "application/pdf"))])
    assert more.json()["code"] == "APPEAL_DEADLINE_PASSED"


def test_another_unit_cannot_file_read_or_download(client, world, agent):
    code = issue_card_claim(client, world, agent)["code"]
    pdf_id = file_appeal(client, world.device[world.pharmacy], code).json()["attachments"][1]["id"]
    for token in (world.device[world.clinic], world.unit_admin[world.clinic]):
        assert file_appeal(client, token, code).json()["code"] == "UNIT_FORBIDDEN"
        for url in (f"/api/v1/appeals/{code}", f"/api/v1/appeals/{code}/attachments/{pdf_id}"):
            r = client.get(url, headers=bearer(token))
            assert (r.status_code, r.json()["code"]) == (403, "UNIT_FORBIDDEN"), url
        r = client.post(f"/api/v1/appeals/{code}/attachments", headers=bearer(token),
                        files=[("attachments", ("x.pdf", PDF, "application/pdf"))])
        assert r.json()["code"] == "UNIT_FORBIDDEN"
        mine = client.get("/api/v1/appeals", headers=bearer(token)).json()
        assert mine == {"total": 0, "items": []}
        assert client.get("/api/v1/appeals", params={"hcode": world.pharmacy},
                          headers=bearer(token)).json()["code"] == "UNIT_FORBIDDEN"
    own = client.get("/api/v1/appeals", headers=bearer(world.device[world.pharmacy])).json()
    assert [i["claim_code"] for i in own["items"]] == [code]
    assert client.get(f"/api/v1/appeals/{code}/attachments/999999",
                      headers=bearer(world.reviewer)).json()["code"] == "APPEAL_ATTACHMENT_NOT_FOUND"


def test_attachment_and_text_limits(client, world, agent):
    code = issue_card_claim(client, world, agent)["code"]
    unit = world.device[world.pharmacy]

    def one(name, data, ctype="application/octet-stream"):
        return [("attachments", (name, data, ctype))]

    six = [("attachments", (f"p{i}.png", image_bytes("PNG"), "image/png")) for i in range(6)]
    assert file_appeal(client, unit, code, files=six).json()["code"] == "APPEAL_TOO_MANY_ATTACHMENTS"
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
    r = file_appeal(client, unit, code, files=one("big.pdf", big))
    assert (r.status_code, r.json()["code"], r.json()["limit_bytes"]) == (413, "APPEAL_ATTACHMENT_TOO_LARGE", 5242880)
    for name, data, ctype in (("x.jpg", b"MZ\x90\x00 not a photo", "image/jpeg"), ("a.gif", b"GIF89a....", "image/gif"),
                              ("page.html", b"<html><script>alert(1)</script>", "text/html")):
        r = file_appeal(client, unit, code, files=one(name, data, ctype))
        assert (r.status_code, r.json()["code"]) == (415, "APPEAL_ATTACHMENT_TYPE"), name
    assert file_appeal(client, unit, code, files=one("e.pdf", b"")).json()["code"] == "APPEAL_ATTACHMENT_EMPTY"
    for text in ("สั้นไป", "ก" * 2001):
        assert file_appeal(client, unit, code, text=text).json()["code"] == "APPEAL_TEXT_INVALID"
    assert file_appeal(client, unit, code, reason_code="CHILD_UNDER_7").json()["code"] == "SPECIAL_REASON_NOT_FOR_AGE"
    assert file_appeal(client, unit, code, reason_code="BECAUSE").json()["code"] == "SPECIAL_REASON_REQUIRED"
    assert actions(client, world, code) == ["ISSUED"]  # nothing of the refused filings was kept

    # a JPEG sent as anything is a JPEG; its name is cleaned
    r = file_appeal(client, unit, code, files=one("../../etc/ใบรับรอง:*?.jpg", image_bytes()),
                    reason_code="FACE_PROBLEM")
    assert r.status_code == 201 and r.json()["reason_code"] == "FACE_PROBLEM"
    (att,) = r.json()["attachments"]
    assert (att["filename"], att["content_type"]) == ("ใบรับรอง_.jpg", "image/jpeg")
    assert file_appeal(client, unit, code).json()["code"] == "APPEAL_ALREADY_FILED"
    more = client.post(f"/api/v1/appeals/{code}/attachments", headers=bearer(unit),
                       files=[("attachments", (f"m{i}.pdf", PDF, "application/pdf")) for i in range(4)])
    assert more.status_code == 201 and len(more.json()["attachments"]) == 5
    over = client.post(f"/api/v1/appeals/{code}/attachments", headers=bearer(unit),
                       files=[("attachments", ("m5.pdf", PDF, "application/pdf"))])
    assert over.json()["code"] == "APPEAL_TOO_MANY_ATTACHMENTS"
    assert actions(client, world, code).count("ATTACHMENT_ADDED") == 5


def test_an_unfiled_claim_cannot_get_attachments_and_a_face_claim_is_no_appeal(client, world, agent):
    code = issue_card_claim(client, world, agent)["code"]
    r = client.post(f"/api/v1/appeals/{code}/attachments", headers=bearer(world.device[world.pharmacy]),
                    files=[("attachments", ("a.pdf", PDF, "application/pdf"))])
    assert r.json()["code"] == "APPEAL_NOT_FILED"
    client.post(f"/api/v1/claims/{code}/cancel", json={"reason": "บันทึกผิดคน"},
                headers=bearer(world.unit_admin[world.pharmacy]))
    r = file_appeal(client, world.device[world.pharmacy], code)
    assert (r.status_code, r.json()["code"]) == (409, "NOT_PENDING_APPEAL")
    r = client.get(f"/api/v1/appeals/{code}", headers=bearer(world.reviewer))
    assert (r.status_code, r.json()["code"]) == (404, "APPEAL_NOT_FOUND")


def test_the_case_shows_the_days_refused_attempts_and_the_certifiers_read(client, world, agent, session):
    device = bearer(world.device[world.pharmacy])
    session.add_all([  # the tablet's refusals that day; another day, another unit: not part of this case
        VerificationAttempt(pid=ELDER, hcode=world.pharmacy, channel="LINE_QR", outcome="REFUSED",
                            reason_codes="QR_INVALID", created_at=FIXED_NOW - timedelta(minutes=9)),
        VerificationAttempt(pid=ELDER, hcode=world.pharmacy, channel="FACE", outcome="REFUSED",
                            reason_codes="FACE_MISMATCH", created_at=FIXED_NOW - timedelta(days=1)),
        VerificationAttempt(pid=ELDER, hcode=world.clinic, channel="FACE", outcome="REFUSED",
                            reason_codes="SPOOF_SUSPECTED", created_at=FIXED_NOW),
        VerificationAttempt(pid=ELDER, hcode=world.pharmacy, channel="FACE", outcome="REFUSED",
                            reason_codes="FACE_MISMATCH,SPOOF_SUSPECTED", similarity=0.21,
                            created_at=FIXED_NOW - timedelta(minutes=5))])
    session.commit()
    body = card_body(world, agent, certifier_pid=ADULT, certifier_card_read=agent.signed(pid=ADULT))
    r = client.post("/api/v1/verifications/smart-card", json=body, headers=device | {"Idempotency-Key": "k"})
    assert r.status_code == 201, r.json()
    code = r.json()["claim"]["code"]
    case = client.get(f"/api/v1/appeals/{code}", headers=bearer(world.reviewer)).json()
    assert case["status"] == "NOT_FILED" and case["appeal"] is None and case["waiting_s"] == 0
    failed = [(a["channel"], a["reason_codes"]) for a in case["failed_attempts"]]
    assert sorted(failed) == [("FACE", ["FACE_MISMATCH", "SPOOF_SUSPECTED"]), ("LINE_QR", ["QR_INVALID"])]
    assert [(c["purpose"], c["pid"]) for c in case["card_reads"]] == [("HOLDER", ELDER), ("CERTIFIER", ADULT)]
    # a retry with the same key gets the same claim and keeps no second copy of the reads
    again = client.post("/api/v1/verifications/smart-card", json=body, headers=device | {"Idempotency-Key": "k"})
    assert again.json()["replayed"] is True and again.json()["claim"]["code"] == code
    assert len(session.scalars(select(CardReadRecord).where(CardReadRecord.claim_id.is_not(None))).all()) == 2
