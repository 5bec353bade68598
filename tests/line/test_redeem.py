"""Turning a unit QR into a claim: only from a citizen's own LINE session.  The citizen's scan
(camera payload or an uploaded photo), refusals of forged, expired, voided and not-accepted QRs,
unit, reviewer and admin tokens refused, the family path and who may act for whom, one code per
day, idempotency, and the JSON calls."""
from __future__ import annotations

import io
from datetime import timedelta

import segno
from sqlalchemy import select

from line_oa.tables import LineMember
from server.services import qr_tokens
from server.tables import Claim, VerificationAttempt
from tests.conftest import FIXED_NOW
from tests.line.conftest import Phone
from tests.server.conftest import bearer


def _static(secret, hcode, service="FVS-CI", version=1):
    return qr_tokens.unit_qr(secret, hcode=hcode, service_type=service, version=version)


def _redeem(phone: Phone, qr: str, member: str = "", idem: str = "k"):
    return phone.post("/line/scan", "/line/redeem", {"qr": qr, "member": member, "idem": idem})


def test_the_citizens_own_scan_issues_the_code_and_shows_it(phone: Phone, lworld, secret, session):
    person = lworld.people["adult"]
    phone.sign_up(person, user="ann")
    r = _redeem(phone, _static(secret, lworld.pharmacy))
    assert r.status_code == 303, r.text[:2000]
    claim = session.scalars(select(Claim).where(Claim.pid == person.pid)).one()
    assert r.headers["location"] == f"/line/claims/{claim.code}"
    assert (claim.channel, claim.method, claim.relation, claim.profession, claim.hcode, claim.phone) == (
        "LINE_QR", "LINE_QR_SELF", "SELF", "PHARMACIST", lworld.pharmacy, "0812345678")
    assert claim.created_by.startswith("line:") and claim.staff_id is not None
    page = phone.get(r.headers["location"]).text
    assert claim.code in page and "ร้านยาไลน์ทดสอบ(96001)" in page and "วันที่ 22/11/2569 เวลา 10:00 น." in page
    assert "บริการดูแลอาการเจ็บป่วยเบื้องต้น" in page
    home = phone.get("/line/home").text
    assert claim.code in home and home.count("ไม่พบข้อมูล") == 1  # today has it, the history is empty
    again = _redeem(phone, _static(secret, lworld.pharmacy), idem="k")   # the same form sent twice
    assert again.headers["location"] == f"/line/claims/{claim.code}"
    other = _redeem(phone, _static(secret, lworld.pharmacy), idem="k2")  # a new request, same day
    assert other.status_code == 409 and "CLAIM_EXISTS" in other.text and f'href="/line/claims/{claim.code}"' in other.text


def test_a_photo_of_the_qr_is_decoded_on_the_server(phone: Phone, lworld, secret, session):
    phone.sign_up(lworld.people["adult"], user="ben")
    buf = io.BytesIO()
    segno.make(_static(secret, lworld.pharmacy, "PG0070001"), error="m").save(buf, kind="png", scale=6, border=4)
    csrf = phone.csrf("/line/scan")
    r = phone.client.post("/line/redeem", data={"csrf_token": csrf, "qr": "", "member": "", "idem": "p1"},
                          files={"photo": ("qr.png", buf.getvalue(), "image/png")}, follow_redirects=False)
    assert r.status_code == 303, r.text[:1500]
    assert session.scalars(select(Claim.service_type).where(Claim.pid == lworld.people["adult"].pid)).one() == "PG0070001"
    blank = io.BytesIO()
    segno.make("not a QR of anyone", error="m").save(blank, kind="png", scale=6)
    junk = phone.client.post("/line/redeem", data={"csrf_token": csrf, "qr": "", "idem": "p2"},
                             files={"photo": ("x.png", b"\x89PNG not really", "image/png")}, follow_redirects=False)
    assert junk.status_code == 422 and "QR_IMAGE_UNREADABLE" in junk.text


def test_forged_expired_voided_and_refused_kinds(phone: Phone, lworld, secret, session, client, line_app):
    phone.sign_up(lworld.people["adult"], user="cat")
    forged = _static(secret, lworld.pharmacy).replace("FVS-CI", "PG0060001")
    r = _redeem(phone, forged)
    assert r.status_code == 422 and 'data-code="QR_INVALID"' in r.text and "ไม่ใช่ QR ของหน่วยบริการ" in r.text
    r = _redeem(phone, qr_tokens.unit_qr("another server's key " * 2, hcode=lworld.pharmacy, service_type="FVS-CI"))
    assert r.status_code == 422 and "QR_INVALID" in r.text
    rotating = qr_tokens.rotating_qr(secret, hcode=lworld.pharmacy, service_type="FVS-CI",
                                     now=FIXED_NOW - timedelta(seconds=90))  # a photo sent on 90 s ago
    r = _redeem(phone, rotating)
    assert r.status_code == 422 and "QR นี้หมดอายุแล้ว" in r.text
    refused = session.scalars(select(VerificationAttempt).where(VerificationAttempt.outcome == "REFUSED")).all()
    assert [a.reason_codes for a in refused] == ["QR_INVALID"] and refused[0].principal_id.startswith("line:")
    admin = bearer(lworld.unit_admin[lworld.pharmacy])
    client.put(f"/api/v1/units/{lworld.pharmacy}/qr-settings", json={"accepted_kinds": ["ROTATING"]}, headers=admin)
    r = _redeem(phone, _static(secret, lworld.pharmacy))
    assert r.status_code == 422 and "หน่วยบริการนี้ไม่รับ QR แบบนี้" in r.text
    client.put(f"/api/v1/units/{lworld.pharmacy}/qr-settings", json={"accepted_kinds": ["STATIC", "ROTATING"],
                                                                      "void_static": True}, headers=admin)
    r = _redeem(phone, _static(secret, lworld.pharmacy))
    assert r.status_code == 422 and "QR นี้ถูกยกเลิกแล้ว" in r.text
    fresh = qr_tokens.rotating_qr(secret, hcode=lworld.pharmacy, service_type="FVS-CI", now=FIXED_NOW)
    assert _redeem(phone, fresh).status_code == 303


def test_a_unit_reviewer_or_admin_token_cannot_redeem_a_line_qr(client, lworld, secret, session):
    body = {"pid": lworld.people["elder"].pid, "hcode": lworld.pharmacy, "profession": "PHARMACIST",
            "service_type": "FVS-CI", "phone": "0812345678", "channel": "LINE_QR",
            "qr": _static(secret, lworld.pharmacy)}
    r = client.post("/api/v1/verifications/qr", json=body, headers=bearer(lworld.device[lworld.pharmacy]))
    assert r.status_code == 422 and r.json()["code"] == "QR_NOT_FROM_CITIZEN", r.json()
    assert [x["code"] for x in r.json()["reasons"]] == ["QR_NOT_FROM_CITIZEN"]
    for token in (lworld.reviewer, lworld.nhso_admin):
        r = client.post("/api/v1/verifications/qr", json=body, headers=bearer(token))
        assert (r.status_code, r.json()["code"]) == (403, "ROLE_FORBIDDEN")
    other_unit = client.post("/api/v1/verifications/qr", json=body | {"qr": _static(secret, lworld.clinic)},
                             headers=bearer(lworld.device[lworld.pharmacy]))
    assert {x["code"] for x in other_unit.json()["reasons"]} == {"QR_INVALID", "QR_NOT_FROM_CITIZEN"}
    other_service = client.post("/api/v1/verifications/qr", json=body | {"service_type": "PG0070001"},
                                headers=bearer(lworld.device[lworld.pharmacy]))
    assert {x["code"] for x in other_service.json()["reasons"]} == {"QR_INVALID", "QR_NOT_FROM_CITIZEN"}
    assert session.scalars(select(Claim)).all() == []
    # and the citizen pages refuse a unit's bearer token: only the citizen's own session counts
    r = client.post("/line/api/redeem", json={"qr": _static(secret, lworld.pharmacy)},
                    headers=bearer(lworld.device[lworld.pharmacy]))
    assert (r.status_code, r.json()["code"]) == (401, "CITIZEN_SESSION_REQUIRED")


def _add_member(phone: Phone, person, relation: str, member_phone: str = "0898887777"):
    return phone.post("/line/members/new", "/line/members/new", {"pid": person.pid, "phone": member_phone,
                                                                 "relation": relation, "declare": "1"})


def test_family_path_a_registered_child_requests_for_an_elderly_parent(phone: Phone, lworld, secret, session):
    me, mother = lworld.people["adult"], lworld.people["elder"]
    phone.sign_up(me, user="dan")
    assert _add_member(phone, mother, "PARENT", "021234567").status_code == 303
    listing = phone.get("/line/members").text
    assert "บุญมี ใจดี" in listing and "02-123-4567" in listing and "บิดา/มารดา" in listing
    p = mother.pid
    assert p not in listing and f"*-****-****{p[9]}-{p[10:12]}-{p[12]}" in listing  # masked, the card's grouping
    member_id = session.scalars(select(LineMember.id)).one()
    page = phone.get(f"/line/members/{member_id}").text
    assert "บุญมี" in page and 'id="request"' in page and "ประวัติการเข้ารับบริการ" in page
    r = _redeem(phone, _static(secret, lworld.pharmacy), member=str(member_id), idem="m1")
    assert r.status_code == 303, r.text[:2000]
    claim = session.scalars(select(Claim).where(Claim.pid == mother.pid)).one()
    assert (claim.method, claim.relation, claim.certifier_pid, claim.phone) == (
        "LINE_QR_CHILD", "CHILD", me.pid, "021234567")
    from citizens.relatives import find

    found = find(session, citizen_pid=mother.pid, actor_pid=me.pid)
    assert (found.relation.value, found.proof.value) == ("CHILD", "LINE_DECLARATION")
    assert claim.code in phone.get(f"/line/members/{member_id}").text


def test_an_adult_cannot_act_for_another_adult(phone: Phone, lworld, secret, session):
    me, sister = lworld.people["adult"], lworld.people["adult2"]
    phone.sign_up(me, user="eve")
    _add_member(phone, sister, "GRANDCHILD")
    member_id = session.scalars(select(LineMember.id)).one()
    assert 'id="no-proxy"' in phone.get(f"/line/members/{member_id}").text
    r = _redeem(phone, _static(secret, lworld.pharmacy), member=str(member_id), idem="a1")
    assert r.status_code == 422 and 'data-code="PROXY_NOT_ALLOWED"' in r.text
    assert session.scalars(select(Claim)).all() == []
    attempt = session.scalars(select(VerificationAttempt)).one()
    assert (attempt.pid, attempt.outcome, attempt.reason_codes) == (sister.pid, "REFUSED", "PROXY_NOT_ALLOWED")


def test_members_rules(phone: Phone, another_phone: Phone, lworld, session):
    me = lworld.people["adult"]
    phone.sign_up(me, user="fay")
    assert "MEMBER_IS_SELF" in _add_member(phone, me, "PARENT").text
    assert "MEMBER_RELATION_INVALID" in _add_member(phone, lworld.people["child"], "FRIEND").text
    no = phone.post("/line/members/new", "/line/members/new", {"pid": lworld.people["child"].pid,
                                                               "phone": "0898887777", "relation": "CHILD"})
    assert no.status_code == 422 and "MEMBER_DECLARATION_REQUIRED" in no.text
    assert _add_member(phone, lworld.people["child"], "CHILD").status_code == 303
    assert _add_member(phone, lworld.people["child"], "CHILD").status_code == 409
    # the registry knows the child as fay's child: the other parent's declaration must agree
    another_phone.sign_up(lworld.people["elder"], user="gus")
    assert _add_member(another_phone, lworld.people["child"], "CHILD").status_code == 303
    member = session.scalars(select(LineMember).where(LineMember.pid == lworld.people["child"].pid)).first()
    removed = phone.post("/line/members", f"/line/members/{member.id}/remove")
    assert removed.headers["location"] == "/line/members?removed=1"
    from citizens.relatives import find

    assert find(session, citizen_pid=lworld.people["child"].pid, actor_pid=me.pid) is None  # own declaration revoked


def test_the_json_calls_for_scripts(line_app, lworld, secret, session, phone: Phone):
    phone.sign_up(lworld.people["elder"], user="hal", pin="246810")
    c = phone.client
    opened = c.post("/line/api/session", json={"id_token": "dev:hal"})
    assert opened.status_code == 200 and opened.json()["next"] == "/line/pin"
    token = opened.json()["csrf_token"]
    qr = _static(secret, lworld.pharmacy)
    early = c.post("/line/api/redeem", json={"qr": qr}, headers={"X-CSRF-Token": token})
    assert (early.status_code, early.json()["code"]) == (401, "CITIZEN_SESSION_REQUIRED")
    assert c.post("/line/api/pin", json={"pin": "246810"}).json()["code"] == "LINE_FORM_EXPIRED"
    assert c.post("/line/api/pin", json={"pin": "246810"}, headers={"X-CSRF-Token": token}).json()["next"] == "/line/home"
    r = c.post("/line/api/redeem", json={"qr": qr}, headers={"X-CSRF-Token": token, "Idempotency-Key": "j1"})
    assert r.status_code == 201 and r.json()["age_group"] == "ELDER" and r.json()["claim"]["method"] == "LINE_QR_SELF"
    again = c.post("/line/api/redeem", json={"qr": qr}, headers={"X-CSRF-Token": token, "Idempotency-Key": "j1"})
    assert again.status_code == 201 and again.json()["replayed"] is True
    listed = c.get("/line/api/requests").json()
    assert [x["code"] for x in listed["today"]] == [r.json()["claim"]["code"]] and listed["history"] == []
