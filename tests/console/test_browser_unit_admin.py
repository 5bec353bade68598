"""A unit admin in a real headless Chromium: profile, a new staff member with a weekly schedule, a
device token with its pairing QR, the unit QR downloads, finding / editing / cancelling a claim,
the person history and the report with its CSV and XLSX exports read back."""
from __future__ import annotations

import csv
import io
import json
import re

import httpx
import openpyxl
from PIL import Image
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from oss_registry.tables import Staff
from server.console.i18n import Translator
from server.tables import Claim, ClaimEvent
from tests.console.conftest import shot, sign_in

t = Translator("th").label


try:
    from thai_civil.pid import generate_pid
except ImportError:  # pragma: no cover - before the move
    from oss_registry.thai_id import generate_pid  # type: ignore[no-redef]


def test_unit_admin_works_through_the_console(live, page_for):
    base, world, url = live
    offline = page_for()
    page = offline.page
    page.goto(f"{base}/console/")
    assert page.url.endswith("/console/login")
    shot(page, "login")
    sign_in(page, base, "admin97001")
    assert page.url.endswith("/console/units/97001")
    assert page.locator("#ready-badge").inner_text() == "พร้อมยืนยันตัวตน"
    assert page.locator("#menu-general .badge").inner_text() == "ครบถ้วน"
    shot(page, "unit-profile")

    # --- a staff member with a weekly schedule ---
    page.click("text=ข้อมูลบุคลากร")
    page.click("#add-staff")
    page.select_option("#profession", "PHARMACIST")
    pid = generate_pid()
    page.fill("#pid", pid)
    page.fill("#title", "ภก.")
    page.fill("#first_name", "ประเสริฐ")
    page.fill("#last_name", "ยาดี")
    page.fill("#licence_no", "ภ.54321")
    page.fill("#start_date", "01/01/2569")
    mon = page.locator("tr[data-day=MON]")
    mon.locator("input.day-on").check()
    mon.locator("input[name=a_MON_start]").fill("08:30")
    mon.locator("input[name=a_MON_end]").fill("12:00")
    mon.locator("input[name=b_MON_start]").fill("13:00")
    mon.locator("input[name=b_MON_end]").fill("16:30")
    mon.locator("button.copy-day").click()  # copies Monday to every other weekday (script, no request)
    assert page.locator("input[name=b_FRI_end]").input_value() == "16:30"
    assert page.locator("tr[data-day=SUN] input.day-on").is_checked()
    page.locator("tr[data-day=SAT] input.day-on").uncheck()
    page.locator("tr[data-day=SUN] input.day-on").uncheck()
    hol = page.locator("tr[data-day=HOL]")
    hol.locator("input.day-on").check()
    hol.locator("input[name=a_HOL_start]").fill("09:00")
    hol.locator("input[name=a_HOL_end]").fill("12:00")
    shot(page, "staff-editor")
    page.click("#save-staff")
    row = page.locator("#staff-table tr", has_text="ประเสริฐ")
    assert row.count() == 1
    assert "จันทร์-ศุกร์ 08:30-12:00, 13:00-16:30" in row.locator("td.schedule").inner_text()
    assert "วันหยุดนักขัตฤกษ์ 09:00-12:00" in row.locator("td.schedule").inner_text()
    assert row.locator(".badge").inner_text() == "รอยืนยัน"
    shot(page, "staff-list")
    engine = create_engine(url)
    with Session(engine) as s:
        staff = s.scalars(select(Staff).where(Staff.pid == pid)).one()
        assert staff.verification_status == "PENDING"
        days = sorted((r.day_type, r.slot) for r in staff.schedule_rows)
        assert len(days) == 11 and ("HOL", 1) in days and ("SAT", 1) not in days

    # --- a device token, shown once, with the pairing QR ---
    page.click("text=Token เครื่อง")
    page.fill("#token-name", "แท็บเล็ตเคาน์เตอร์")
    page.click("#create-token")
    token = page.locator("#new-token").inner_text().strip()
    assert token.startswith("fvs_dev_")
    pairing = json.loads(page.locator("#pairing-qr").get_attribute("data-payload"))
    assert pairing == {"url": base, "token": token}
    assert page.locator("#pairing-qr svg path").count() >= 1
    shot(page, "token-created")
    me = httpx.get(f"{base}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["role"] == "UNIT_DEVICE"
    page.goto(f"{base}/console/units/97001/tokens")
    assert token not in page.content()  # never shown again
    with page.expect_navigation():
        page.locator("#tokens-table tr", has_text="แท็บเล็ตเคาน์เตอร์").locator("button.revoke").click()
    assert re.search(r"revoked=\d+", page.url), page.url
    assert "ยกเลิกแล้ว" in page.locator("#tokens-table tr", has_text="แท็บเล็ตเคาน์เตอร์").inner_text()
    shot(page, "tokens")
    assert httpx.get(f"{base}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

    # --- the unit QR: view, download PNG and SVG ---
    page.click("text=QR Code หน่วยบริการ")
    card = page.locator(".qr-card[data-service=PG0070001]")
    assert card.locator("svg").count() == 1
    shot(page, "unit-qr")
    with page.expect_download() as png:
        card.locator("text=Download PNG").click()
    image = Image.open(png.value.path())
    assert image.format == "PNG" and image.size[1] > image.size[0] >= 200  # the card: names printed under the code
    import zxingcpp

    assert [r.text for r in zxingcpp.read_barcodes(image)][0].startswith("FVS2:U:97001:PG0070001:")
    assert png.value.suggested_filename.startswith("fvs-qr-97001-PG0070001-")
    with page.expect_download() as svg:
        card.locator("text=Download SVG").click()
    assert b"<svg" in svg.value.path().read_bytes() and "รหัสบริการ PG0070001".encode() in svg.value.path().read_bytes()

    # --- find, edit and cancel a claim ---
    target = world.active_codes[1]
    target_pid = world.adults[1]
    page.click("text=ค้นหา/แก้ไข ข้อมูลการรับบริการ")
    page.fill("#f-pid", target_pid)
    page.click("#search")
    assert page.locator("#items-line").inner_text() == "ผลการค้นหาตามเงื่อนไขรายการที่ 1 - 1 จากทั้งหมด 1 รายการ"
    result = page.locator(f"#claims-table tr[data-code={target}]")
    assert "ผู้ใหญ่2 ทดสอบคอนโซล" in result.inner_text() and t("status", "ACTIVE") in result.inner_text()
    shot(page, "claims-search")
    result.locator(f"a:has-text('{target}')").click()
    page.fill("#edit-phone", "0899999999")
    page.fill("#edit-hn", "HN-777")
    page.fill("#edit-reason", "แก้เบอร์โทรตามที่ผู้ป่วยแจ้ง")
    page.click("#save-claim")
    assert page.locator("#claim-phone").inner_text() == "0899999999"
    assert page.locator("#audit-table tr[data-action=EDITED]").count() == 1
    page.fill("#cancel-reason-input", "บันทึกผิดคน")
    with page.expect_navigation():
        page.click("#cancel-claim")
    assert page.url.endswith("done=cancelled"), page.url
    assert page.locator("#claim-status").inner_text() == t("status", "CANCELLED")
    assert page.locator("#audit-table tr[data-action=CANCELLED]").count() == 1
    shot(page, "claim-detail")
    with Session(engine) as s:
        claim = s.scalars(select(Claim).where(Claim.code == target)).one()
        assert (claim.status, claim.phone, claim.hn, claim.cancel_reason) == ("CANCELLED", "0899999999", "HN-777",
                                                                             "บันทึกผิดคน")
        assert [e.action for e in s.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim.id))] == [
            "ISSUED", "EDITED", "CANCELLED"]

    # --- the person panel and history ---
    page.goto(f"{base}/console/people?pid={target_pid}")
    assert "ผู้ใหญ่2 ทดสอบคอนโซล" in page.locator("#person-panel").inner_text()
    assert page.locator(f"#history-table tr[data-code={target}]").count() == 1
    shot(page, "person")

    # --- the report and its exports ---
    page.click("text=รายงานสรุป")
    page.select_option("#r-service-type", "PG0070001")
    page.click("#run-report")
    title = page.locator("#report-title").inner_text()
    assert title.startswith("รายงานสรุปการขอรหัส claim code ของร้านยาคอนโซลทดสอบ (97001) ช่วงวันที่")
    headers = page.locator("#report-table th").all_inner_texts()
    assert "HN Code" in headers and "AN Code" in headers
    assert "ด้วยบัตรประจำตัวประชาชนของญาติสายตรง (SMART CARD)" in page.locator("#report-table").inner_text()
    assert "บุตร" in page.locator("#report-table").inner_text()
    shot(page, "report")
    shown = page.locator("#report-table tbody tr").count()
    with page.expect_download() as got_csv:
        page.click("#export-csv")
    text = got_csv.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["รหัสหน่วยบริการที่ให้บริการ", "ชื่อหน่วยบริการที่ให้บริการ", "เลขประจำตัวประชาชน"]
    assert "AN Code" in rows[0] and len(rows) - 1 == shown == 5
    assert {r[0] for r in rows[1:]} == {"97001"}
    method = rows[0].index("วิธีการพิสูจน์ตัวตนในการเข้ารับบริการ")
    assert "ด้วยการสแกนใบหน้า (Face Recognition)" in {r[method] for r in rows[1:]}
    with page.expect_download() as got_xlsx:
        page.click("#export-xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(got_xlsx.value.path().read_bytes())).active
    assert sheet["A1"].value == title
    assert sheet["A2"].value == "รหัสหน่วยบริการที่ให้บริการ" and sheet["A3"].value == "Unit code"
    assert sheet.max_row == 3 + shown
    assert offline.refused == []

    # --- English, bigger text, a tablet's width; then sign out ---
    page.click("a[lang=en]")
    page.click("a.size-link.s2")
    assert page.locator("html").get_attribute("class") == "size-2"
    assert page.locator("h1").inner_text() == "Claim-code summary report"
    shot(page, "report-english-large")
    tablet = page_for(width=800, height=1280).page
    sign_in(tablet, base, "admin97001")
    tablet.goto(f"{base}/console/units/97001/staff/new")
    shot(tablet, "staff-editor-tablet")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 800
    page.click("#logout")
    assert page.url.endswith("/console/login")
    page.goto(f"{base}/console/units/97001")
    assert "/console/login" in page.url
