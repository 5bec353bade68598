"""Appeals in a real headless Chromium: a unit admin files the appeal of a smart-card claim with a
photo and a PDF from the claim page; an NHSO reviewer finds it in the queue, sees the photo in
the case and approves it; another appeal is rejected with a note; billability follows."""
from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from server.tables import Appeal, AppealAttachment, Claim
from tests.console.conftest import shot, sign_in
from tests.console.world import _photo
from tests.server.appeal_kit import PDF


def test_a_unit_files_and_a_reviewer_decides(live, page_for, tmp_path):
    base, world, url = live
    photo, letter = tmp_path / "ใบรับรองแพทย์.png", tmp_path / "หนังสือรับรอง.pdf"
    photo.write_bytes(_photo())
    letter.write_bytes(PDF)
    code = world.unfiled_code

    # --- the unit files from the claim page ---
    offline = page_for()
    page = offline.page
    sign_in(page, base, "admin97001")
    page.goto(f"{base}/console/claims/{code}")
    assert page.locator("#appeal-status").inner_text() == "ยังไม่ยื่นอุทธรณ์"
    assert page.locator("#claim-billing").get_attribute("data-billing") == "NOT_YET"
    page.select_option("#appeal-reason-select", "UNCONSCIOUS")
    page.fill("#appeal-text-input", "ผู้ป่วยหมดสติ ญาตินำส่ง สแกนใบหน้าไม่ได้ ใบรับรองแพทย์แนบ")
    page.set_input_files("#appeal-files-input", [str(photo), str(letter)])
    shot(page, "appeal-file-form")
    with page.expect_navigation():
        page.click("#file-appeal")
    assert page.url.endswith("?done=appealed"), page.url
    assert page.locator("#appeal-panel").get_attribute("data-status") == "FILED"
    assert page.locator("#appeal-files li").count() == 2
    shot(page, "appeal-filed")
    assert offline.refused == []

    # --- another unit cannot reach it ---
    other = page_for().page
    sign_in(other, base, "admin97002")
    assert other.goto(f"{base}/console/claims/{code}").status == 403

    # --- the reviewer decides ---
    offline = page_for()
    page = offline.page
    sign_in(page, base, "reviewer")
    page.goto(f"{base}/console/review/appeals")
    assert page.locator("#appeals-table tbody tr[data-code]").count() == 3
    assert page.locator(f"#appeals-table tr[data-code={code}] td.num").inner_text() == "2"
    assert page.locator("#unfiled-table tbody tr[data-code]").count() == 0
    shot(page, "appeal-queue")
    page.click(f"#appeals-table a:has-text('{code}')")
    assert page.locator("#attachment-count").inner_text() == "2"
    image = page.locator("#attachments img")
    image.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth", image.element_handle()) == 240
    assert "หนังสือรับรอง.pdf" in page.locator("#attachments").inner_text()
    assert "หมดสติ" in page.locator("#case-reason-code").inner_text()
    assert page.locator("#case-audit li[data-action=APPEAL_FILED]").count() == 1
    holder = page.locator("#card-reads dl[data-purpose=HOLDER]").inner_text()
    assert "Feitian SCR301 00 00" in holder and "ตลอดชีพ" in holder  # the signed read the claim was issued on
    assert page.locator("#failed-count").inner_text() == "1"
    assert "QR" in page.locator("#failed-table").inner_text()  # that day's LINE refusal
    shot(page, "appeal-case-filed")
    page.fill("#review-note", "ใบรับรองแพทย์ยืนยันว่าหมดสติ อนุมัติ")
    with page.expect_navigation():
        page.click("#approve")
    assert page.locator("#appeals-table tbody tr[data-code]").count() == 2
    page.goto(f"{base}/console/claims/{code}")
    assert page.locator("#claim-billing").get_attribute("data-billing") == "YES"
    assert page.locator("#appeal-status").inner_text() == "อนุมัติอุทธรณ์"

    rejected = world.appeal_codes[1]
    page.goto(f"{base}/console/review/appeals/{rejected}")
    page.click("#reject")  # a rejection without a note is refused on the page
    assert page.locator(".alert.error").count() == 1
    page.fill("#review-note", "ไม่มีหลักฐานการมารับบริการ")
    with page.expect_navigation():
        page.click("#reject")
    page.goto(f"{base}/console/claims/{rejected}")
    assert page.locator("#claim-billing").get_attribute("data-billing") == "NO"
    shot(page, "appeal-rejected-claim")
    assert offline.refused == []

    with Session(create_engine(url)) as s:
        claim = s.scalars(select(Claim).where(Claim.code == code)).one()
        appeal = s.scalars(select(Appeal).where(Appeal.claim_id == claim.id)).one()
        kinds = s.scalars(select(AppealAttachment.content_type).where(AppealAttachment.appeal_id == appeal.id)).all()
        assert (claim.status, claim.reviewed_by, appeal.filed_by) == ("APPEAL_APPROVED", "user:reviewer",
                                                                      "user:admin97001")
        assert sorted(kinds) == ["application/pdf", "image/png"]
        assert s.scalars(select(Claim.status).where(Claim.code == rejected)).one() == "APPEAL_REJECTED"
