"""NHSO in a real headless Chromium: a reviewer approves and rejects appeals, confirms a staff
member's identity and sees the dashboard; an NHSO admin suspends and re-activates a unit; a unit
admin cannot reach another unit's pages or the review queue."""
from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from oss_registry.tables import Staff, Unit, UnitStatusEvent
from server.tables import Claim
from tests.console.conftest import shot, sign_in


def test_reviewer_decides_appeals_and_sees_the_dashboard(live, page_for):
    base, world, url = live
    offline = page_for()
    page = offline.page
    sign_in(page, base, "reviewer")
    assert page.url.endswith("/console/dashboard")
    assert page.locator(".chart svg").count() == 6
    assert page.locator("#chart-channel svg rect[data-series]").count() >= 2
    assert page.locator("#chart-refusals svg rect[data-label]").count() >= 2
    assert int(page.locator("#kpi-appeals").inner_text()) == 3  # two filed, one not yet
    assert "ร้านยาคอนโซลทดสอบ" not in page.locator("#not-ready-table").inner_text()
    assert "คลินิกทันตกรรมคอนโซล" in page.locator("#not-ready-table").inner_text()
    shot(page, "dashboard")

    page.click("text=ทวนสอบ/อุทธรณ์")
    assert page.locator("#appeals-table tbody tr[data-code]").count() == 2
    shot(page, "appeals")
    first, second = world.appeal_codes
    page.click(f"a:has-text('{first}')")
    assert page.locator("#case-reason").inner_text() == "ผู้สูงอายุสแกนใบหน้าไม่ผ่าน"
    assert page.locator("#failed-count").inner_text() == "1"
    assert "ใบหน้าไม่ตรงกับผู้รับบริการ" in page.locator("#failed-table").inner_text()
    shot(page, "appeal-case")
    page.fill("#review-note", "ตรวจสอบภาพบัตรแล้ว ถูกต้อง")
    page.click("#approve")
    assert page.locator("#appeals-table tbody tr[data-code]").count() == 1
    page.click(f"a:has-text('{second}')")
    page.click("#reject")  # a rejection without a note is refused with the reason shown
    assert page.locator(".alert.error").count() == 1
    page.fill("#review-note", "ไม่มีหลักฐานว่าผู้รับบริการมาที่หน่วยบริการ")
    page.click("#reject")
    assert "ไม่มีรายการรอพิจารณา" in page.locator("#appeals-table").inner_text()
    engine = create_engine(url)
    with Session(engine) as s:
        got = {c.code: (c.status, c.reviewed_by) for c in s.scalars(select(Claim).where(Claim.code.in_([first, second])))}
    assert got == {first: ("APPEAL_APPROVED", "user:reviewer"), second: ("APPEAL_REJECTED", "user:reviewer")}

    page.click("text=ยืนยันตัวตนบุคลากร")
    row = page.locator("#staff-review-table tr", has_text="สมชาย")
    shot(page, "staff-review")
    row.locator("button[value=VERIFIED]").click()
    page.wait_for_url("**/review/staff?done=*")
    with Session(engine) as s:
        assert s.scalars(select(Staff.verification_status).where(Staff.first_name == "สมชาย")).one() == "VERIFIED"
    page.click("text=ทะเบียนหน่วยบริการ")
    assert "เฉพาะผู้ดูแลระบบ สปสช." in page.locator("#units-table").inner_text()  # reviewers see, admins act
    shot(page, "units-reviewer")
    assert offline.refused == []


def test_nhso_admin_suspends_and_reactivates_a_unit(live, page_for):
    base, _, url = live
    page = page_for().page
    sign_in(page, base, "nhsoadmin")
    page.goto(f"{base}/console/review/units")
    clinic = page.locator("#units-table tr[data-hcode='97002']")
    clinic.locator("input[name=reason]").fill("ตรวจพบการเบิกผิดปกติ")
    clinic.locator("button[type=submit]").click()
    page.wait_for_url("**/review/units?done=97002")
    clinic = page.locator("#units-table tr[data-hcode='97002']")
    assert "ระงับการให้บริการ" in clinic.inner_text()
    assert clinic.locator("select[name=requested_by] option").count() == 1  # the ThaID-verified signatory
    clinic.locator("input[name=reason]").fill("ผู้มีอำนาจลงนามขอเปิดใช้งานอีกครั้ง")
    shot(page, "units-admin")
    clinic.locator("button[type=submit]").click()
    page.wait_for_url("**/review/units?done=97002")
    assert "เปิดให้บริการ" in page.locator("#units-table tr[data-hcode='97002']").inner_text()
    with Session(create_engine(url)) as s:
        assert s.get(Unit, "97002").status == "active"
        last = s.scalars(select(UnitStatusEvent).where(UnitStatusEvent.hcode == "97002")
                         .order_by(UnitStatusEvent.id.desc())).first()
        assert last.changed_by == "user:nhsoadmin" and "(ThaID)" in last.reason


def test_unit_admin_cannot_reach_another_unit_or_the_review_queue(live, page_for):
    base, world, _ = live
    offline = page_for()
    page = offline.page
    sign_in(page, base, "admin97001")
    for path in ("/console/units/97002", "/console/units/97002/staff", "/console/units/97002/tokens",
                 "/console/units/97002/qr", f"/console/claims/{world.other_unit_code}", "/console/review/appeals",
                 "/console/review/units", "/console/review/staff", "/console/dashboard",
                 f"/console/review/appeals/{world.appeal_codes[0]}"):
        response = page.goto(base + path)
        assert response.status == 403, path
        assert page.locator(".error-page h1").inner_text() == "ไม่มีสิทธิ์เข้าถึง", path
        assert "application/json" not in response.headers["content-type"]
    shot(page, "forbidden")
    page.goto(f"{base}/console/claims?hcode=97002")
    assert page.locator("#claims-table tbody tr[data-code]").count() == 0 or page.locator(".error-page").count()
    response = page.goto(f"{base}/console/no-such-page")
    assert response.status == 404
    shot(page, "not-found")
    assert offline.refused == []
