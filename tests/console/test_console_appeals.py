"""The appeal pages without a browser: the unit files from the claim page (multipart, CSRF),
attachments open for the unit and NHSO only, the reviewer's queue and case, and the walls between
units and roles."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from server.tables import Appeal, AppealAttachment, Claim, ClaimEvent
from tests.console.conftest import csrf_of
from tests.console.test_console_security import ODD, is_page
from tests.server.appeal_kit import PDF, image_bytes

TEXT = "ผู้ป่วยหมดสติ ญาตินำส่ง สแกนใบหน้าไม่ได้"


def post_appeal(b, code, *, text=TEXT, files=None, token=None, reason="UNCONSCIOUS"):
    page = b.get(f"/console/claims/{code}")
    token = csrf_of(page.text) if token is None else token
    files = files if files is not None else [("attachments", ("ใบส่งตัว.pdf", PDF, "application/pdf")),
                                             ("attachments", ("ภาพ.jpg", image_bytes(), "image/jpeg"))]
    data = {"appeal_text": text, "reason_code": reason} | ({"csrf_token": token} if token else {})  # "": none
    return b.client.post(f"/console/claims/{code}/appeal", data=data, files=files, follow_redirects=False)


def test_the_unit_files_its_appeal_from_the_claim_page(browser_client, cworld, session):
    b = browser_client
    b.login("staff97001")
    page = b.get(f"/console/claims/{cworld.unfiled_code}")
    assert page.status_code == 200 and 'id="appeal-form"' in page.text and 'enctype="multipart/form-data"' in page.text
    assert 'data-billing="NOT_YET"' in page.text
    short = post_appeal(b, cworld.unfiled_code, text="สั้น")
    assert short.status_code == 422 and is_page(short) and "APPEAL_TEXT_INVALID" in short.text
    assert "สั้น</textarea>" in short.text  # the form comes back with what was typed
    done = post_appeal(b, cworld.unfiled_code)
    assert done.status_code == 303 and done.headers["location"].endswith("?done=appealed")
    page = b.get(done.headers["location"])
    assert 'data-status="FILED"' in page.text and "ใบส่งตัว.pdf" in page.text and 'id="appeal-form"' not in page.text
    claim = session.scalars(select(Claim).where(Claim.code == cworld.unfiled_code)).one()
    appeal = session.scalars(select(Appeal).where(Appeal.claim_id == claim.id)).one()
    assert (appeal.reason_code, appeal.text, appeal.filed_by) == ("UNCONSCIOUS", TEXT, "user:staff97001")
    files = session.scalars(select(AppealAttachment).where(AppealAttachment.appeal_id == appeal.id)).all()
    assert [f.content_type for f in files] == ["application/pdf", "image/jpeg"]
    actions = session.scalars(select(ClaimEvent.action).where(ClaimEvent.claim_id == claim.id)).all()
    assert actions == ["ISSUED", "APPEAL_FILED", "ATTACHMENT_ADDED", "ATTACHMENT_ADDED"]
    photo = b.get(f"/console/appeals/{cworld.unfiled_code}/attachments/{files[1].id}")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["content-disposition"].startswith("inline") and photo.content[:3] == b"\xff\xd8\xff"
    pdf = b.get(f"/console/appeals/{cworld.unfiled_code}/attachments/{files[0].id}")
    assert pdf.headers["content-disposition"].startswith("attachment") and pdf.content == PDF
    # more documents later, from the same page
    token = csrf_of(page.text)
    more = b.client.post(f"/console/claims/{cworld.unfiled_code}/appeal/attachments", data={"csrf_token": token},
                         files=[("attachments", ("เพิ่ม.png", image_bytes("PNG"), "image/png"))], follow_redirects=False)
    assert more.status_code == 303 and more.headers["location"].endswith("?done=attached")
    again = post_appeal(b, cworld.unfiled_code)
    assert again.status_code == 409 and "APPEAL_ALREADY_FILED" in again.text


@pytest.mark.parametrize("token", ["", "0" * 40, "deadbeef"])
def test_the_appeal_form_needs_its_csrf_token(browser_client, cworld, session, token):
    browser_client.login("admin97001")
    response = post_appeal(browser_client, cworld.unfiled_code, token=token)
    assert response.status_code == 403 and "CSRF_INVALID" in response.text
    assert {a.filed_by for a in session.scalars(select(Appeal))} == {"device:1"}  # the world's two only


def test_only_the_claims_unit_files_and_opens_its_documents(browser_client, cworld):
    b = browser_client
    b.login("reviewer")
    r = post_appeal(b, cworld.unfiled_code)
    assert r.status_code == 403 and "ROLE_FORBIDDEN" in r.text and is_page(r)
    case = b.get(f"/console/review/appeals/{cworld.appeal_codes[0]}")
    first = case.text.split(f"/console/appeals/{cworld.appeal_codes[0]}/attachments/")[1].split('"')[0]
    assert b.get(f"/console/appeals/{cworld.appeal_codes[0]}/attachments/{first}").status_code == 200
    b.login("admin97002")
    r = post_appeal(b, cworld.unfiled_code, token=csrf_of(b.get("/console/claims").text))
    assert r.status_code == 403 and "UNIT_FORBIDDEN" in r.text
    r = b.get(f"/console/appeals/{cworld.appeal_codes[0]}/attachments/{first}")
    assert r.status_code == 403 and is_page(r)
    b.login("admin97001")
    assert b.get(f"/console/appeals/{cworld.appeal_codes[0]}/attachments/{first}").status_code == 200
    assert b.get(f"/console/review/appeals/{cworld.appeal_codes[0]}").status_code == 403


def test_the_queue_and_the_case(browser_client, cworld):
    b = browser_client
    b.login("reviewer")
    queue = b.get("/console/review/appeals").text
    filed = queue.split('id="appeals-table"')[1].split("</table>")[0]
    unfiled = queue.split('id="unfiled-table"')[1].split("</table>")[0]
    assert all(code in filed for code in cworld.appeal_codes) and cworld.unfiled_code not in filed
    assert cworld.unfiled_code in unfiled
    case = b.get(f"/console/review/appeals/{cworld.appeal_codes[0]}").text
    assert 'id="attachment-count">1<' in case and "<img src=\"/console/appeals/" in case
    assert "ผู้รับบริการมีปัญหาด้านใบหน้า" in case and 'id="approve"' in case and 'data-purpose="HOLDER"' in case
    unfiled_case = b.get(f"/console/review/appeals/{cworld.unfiled_code}").text
    assert 'id="not-filed"' in unfiled_case and 'id="approve"' not in unfiled_case and 'id="reject"' not in unfiled_case
    token = csrf_of(unfiled_case)
    r = b.client.post(f"/console/review/appeals/{cworld.unfiled_code}", follow_redirects=False,
                      data={"csrf_token": token, "decision": "APPROVE", "note": "ok"})
    assert r.status_code == 409 and "APPEAL_NOT_FILED" in r.text


@pytest.mark.parametrize("value", ODD)
def test_no_500_for_anything_the_appeal_forms_can_send(browser_client, cworld, value):
    b = browser_client
    b.login("admin97001")
    token = csrf_of(b.get(f"/console/claims/{cworld.unfiled_code}").text)
    for files in ([], [("attachments", (value[:100] or "x", value.encode()[:5000] or b"x", "image/jpeg"))]):
        r = b.client.post(f"/console/claims/{cworld.unfiled_code}/appeal", follow_redirects=False, files=files or None,
                          data={"csrf_token": token, "appeal_text": value, "reason_code": value})
        assert r.status_code < 500, (value, r.text[:300])
        r = b.client.post(f"/console/claims/{cworld.unfiled_code}/appeal/attachments", follow_redirects=False,
                          files=files or None, data={"csrf_token": token})
        assert r.status_code < 500, (value, r.text[:300])


def test_the_report_says_what_is_billable(browser_client, cworld):
    import csv
    import io

    browser_client.login("admin97001")
    body = browser_client.get("/console/reports/claims", params={"run": "1", "format": "csv"}).content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][-1] == "เบิกจ่ายได้"
    code_at = rows[0].index("รหัสการเข้ารับการรักษา (Authen Code)")
    words = {r[code_at]: r[-1] for r in rows[1:]}
    assert {words[c] for c in cworld.appeal_codes + [cworld.unfiled_code]} == {"ยังเบิกไม่ได้ รอผลอุทธรณ์"}
    assert {words[c] for c in cworld.active_codes} == {"เบิกจ่ายได้"}
