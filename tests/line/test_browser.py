"""The citizen's LINE pages in a real headless Chromium (Debian's, driven by Playwright) against
a real server process, with every non-loopback request refused: consent → registration → PIN →
OTP → the unit QR read from a fake camera → the code shown; the photo upload and family path;
booking to the unit's scan.  Screenshots go to tests/artifacts/line-*.png."""
from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from server.services import qr_tokens
from server.tables import Claim
from tests.browser_kit import ARTIFACTS, CHROMIUM, FLAGS, OfflinePage
from tests.dbutil import fresh_database
from tests.line.camera import qr_png, qr_y4m
from tests.line.live import committed_world, last_otp, line_server
from tests.live.world import SECRET_KEY
from thai_civil.calendar import today_bangkok

PHONE = {"width": 412, "height": 915}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    folder = tmp_path_factory.mktemp("line-live")
    with fresh_database(folder) as url:
        world = committed_world(url)
        log = folder / "server.log"
        with line_server(url, log) as base:
            yield base, world, url, log


@pytest.fixture(scope="module")
def camera_browser(browser, tmp_path_factory, live):
    """A second Chromium whose camera films the pharmacy's QR for common illnesses."""
    base, world, _, _ = live
    video = qr_y4m(qr_tokens.unit_qr(SECRET_KEY, hcode=world.pharmacy, service_type="FVS-CI"),
                   tmp_path_factory.mktemp("camera") / "unit-qr.y4m")
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=FLAGS + [
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    yield b
    b.close()


def phone_page(browser, base: str, camera: bool = False) -> tuple[OfflinePage, object]:
    context = browser.new_context(viewport=PHONE, locale="th-TH", is_mobile=True, has_touch=True)
    if camera:
        context.grant_permissions(["camera"], origin=base)
    return OfflinePage(context.new_page(), "127.0.0.1"), context


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"line-{name}.png"), full_page=True)


def keypad(page: Page, pin: str) -> None:
    for digit in pin:
        page.click(f".keypad button[data-key='{digit}']")


def thai_font_ready(page: Page) -> bool:
    page.evaluate("document.fonts.ready")
    return page.evaluate("document.fonts.check('16px Sarabun', 'ขอรับรหัสเข้ารับบริการ')")


def sign_up(page: Page, base: str, log, person, user: str, *, shots: bool) -> None:
    page.goto(f"{base}/line/")
    assert page.locator("#dev-form").is_visible()
    if shots:
        shot(page, "01-entry-dev")
    page.fill("#dev-user", user)
    page.click("#dev-go")
    page.wait_for_url("**/line/consent")
    assert "สายด่วน สปสช. 1330" in page.inner_text("#consent")
    if shots:
        shot(page, "02-consent")
    page.click("#accept")
    page.wait_for_url("**/line/register")
    page.fill("#pid", person.pid)
    if shots:
        shot(page, "03-pid")
    page.click("#next")
    page.wait_for_url("**/line/register/details")
    page.fill("#first_name", person.first)
    page.fill("#last_name", person.last)
    page.fill("#birth_date", person.birth_be)
    page.fill("#laser_code", f"{person.laser[:3]}-{person.laser[3:10]}-{person.laser[10:]}")
    if shots:
        shot(page, "04-details")
    page.click("#next")
    page.wait_for_url("**/line/pin/new")
    keypad(page, "2468")
    if shots:
        shot(page, "05-pin-set")
    keypad(page, "10")
    page.click("#next")
    page.wait_for_url("**/line/pin/confirm")
    keypad(page, "246810")
    page.click("#next")
    page.wait_for_url("**/line/register/phone")
    page.fill("#phone", "0812345678")
    if shots:
        shot(page, "06-phone")
    page.click("#request-otp")
    page.wait_for_url("**/line/otp")
    code, ref = last_otp(log)
    assert page.inner_text("#otp-ref") == f"(รหัสอ้างอิง {ref})"
    page.fill("#otp-code", code)
    if shots:
        shot(page, "07-otp")
    page.click("#confirm")
    page.wait_for_url("**/line/home")


def add_person(page: Page, pid: str, relation: str, shot_name: str | None = None) -> None:
    """Fill "add another person" (their PID, a phone, the relationship, the declaration) and send it."""
    page.click("#add-person")
    page.fill("#pid", pid)
    page.fill("#phone", "0898887777")
    page.select_option("#relation", relation)
    page.check("#declare")
    if shot_name:
        shot(page, shot_name)
    page.click("#next")
    page.wait_for_url(re.compile(r".*/line/members/\d+$"))


def test_register_then_scan_the_unit_qr_with_the_camera(camera_browser, live):
    base, world, url, log = live
    person = world.people["adult"]
    offline, context = phone_page(camera_browser, base, camera=True)
    page = offline.page
    sign_up(page, base, log, person, "somchai", shots=True)
    assert page.inner_text("#person-name") == person.first
    assert page.locator("#today .empty").inner_text() == "ไม่พบข้อมูล"
    assert thai_font_ready(page)
    shot(page, "08-home")
    page.click("#request")  # the scanner opens the camera and reads the QR by itself
    page.wait_for_url(re.compile(r".*/line/claims/[A-Z]{2}\d{10}$"), timeout=30000)
    code = page.inner_text("#claim-code")
    assert "ร้านยาไลน์ทดสอบ(96001)" in page.inner_text("#claim-unit")
    assert "บริการดูแลอาการเจ็บป่วยเบื้องต้น" in page.inner_text("#claim-service")
    size = page.evaluate("parseFloat(getComputedStyle(document.getElementById('claim-code')).fontSize)")
    assert size >= 32  # large enough to show the staff
    shot(page, "09-claim-code")
    with Session(create_engine(url)) as s:
        claim = s.scalars(select(Claim).where(Claim.pid == person.pid)).one()
        assert (claim.code, claim.channel, claim.method) == (code, "LINE_QR", "LINE_QR_SELF")
    page.click("#home")
    assert code in page.inner_text("#today")
    shot(page, "10-home-today")
    page.click("#lang-en")
    assert "Request a service code" in page.inner_text("#request")
    shot(page, "11-home-english")
    assert offline.refused == []
    context.close()


def test_family_member_by_photo_upload(browser, live, tmp_path):
    base, world, url, log = live
    me, mother = world.people["adult2"], world.people["elder"]
    offline, context = phone_page(browser, base)
    page = offline.page
    sign_up(page, base, log, me, "somying", shots=False)
    add_person(page, mother.pid, "PARENT", "12-add-person")
    assert page.inner_text("#person-name") == mother.first
    page.click("#back")
    assert mother.first in page.inner_text("#member-list")
    shot(page, "13-members")
    page.locator("#member-list .card", has_text=mother.first).locator("a.check").click()
    page.click("#request")
    page.wait_for_selector("#camera-denied:not([hidden])")  # no camera on this phone: send a photo
    assert mother.first in page.inner_text("#scan-for")
    shot(page, "14-scan-no-camera")
    photo = qr_png(qr_tokens.unit_qr(SECRET_KEY, hcode=world.pharmacy, service_type="PG0070001"), tmp_path / "qr.png")
    page.set_input_files("#qr-photo", str(photo))
    page.click("#upload-go")
    page.wait_for_url(re.compile(r".*/line/claims/[A-Z]{2}\d{10}$"))
    shot(page, "15-claim-for-mother")
    with Session(create_engine(url)) as s:
        claim = s.scalars(select(Claim).where(Claim.pid == mother.pid)).one()
        assert (claim.method, claim.relation, claim.certifier_pid) == ("LINE_QR_CHILD", "CHILD", me.pid)
    assert offline.refused == []
    context.close()


def test_an_adult_acting_for_an_adult_is_refused_in_the_page(browser, live, tmp_path):
    base, world, url, log = live
    me, friend = world.people["young"], world.people["sss"]
    offline, context = phone_page(browser, base)
    page = offline.page
    sign_up(page, base, log, me, "young-one", shots=False)
    add_person(page, friend.pid, "GRANDPARENT")
    assert page.locator("#no-proxy").is_visible() and page.locator("#request").count() == 0
    shot(page, "16-no-proxy")
    context.close()


def test_booking_and_the_units_scan(browser, live):
    base, world, url, log = live
    elder, grandchild = world.people["elder"], world.people["child"]
    offline, context = phone_page(browser, base)
    page = offline.page
    sign_up(page, base, log, elder, "grandpa", shots=False)
    page.goto(f"{base}/line/members/new")
    page.fill("#pid", grandchild.pid)
    page.fill("#phone", "0898887777")
    page.select_option("#relation", "GRANDCHILD")
    page.check("#declare")
    page.click("#next")
    page.wait_for_url(re.compile(r".*/line/members/\d+$"))
    assert page.locator("#no-proxy").is_visible()  # the policy: only a parent or child acts for a child
    page.goto(f"{base}/line/booking")
    page.fill("#q", "ร้านยาไลน์")
    page.click("#find")
    page.click(f"#units a[data-hcode='{world.pharmacy}']")
    today = today_bangkok()
    if page.locator("#slots form:not(.full) button").count() == 0:  # after 23:30 Bangkok time
        page.select_option("#day", (today + timedelta(days=1)).isoformat())
        page.click("#show")
    shot(page, "17-booking-slots")
    page.locator("#slots form:not(.full) button").first.click()
    page.wait_for_url(re.compile(r".*/line/bookings/[A-Z0-9]+$"))
    assert page.inner_text("#booking-status") == "รอยืนยัน"
    shot(page, "18-booking-held")
    page.click("#confirm-booking")
    page.wait_for_selector("#booking-qr svg")
    shot(page, "19-booking-qr")
    qr_only = ARTIFACTS / "line-19b-booking-qr-only.png"
    page.locator("#booking-qr").screenshot(path=str(qr_only))
    payload = [r.text for r in zxingcpp.read_barcodes(Image.open(qr_only))]
    assert len(payload) == 1 and payload[0].startswith("FVS2:B:")
    booked_today = f"{today.day:02d}/{today.month:02d}/{today.year + 543}" in page.inner_text("#booking")
    r = httpx.post(f"{base}/api/v1/verifications/qr", headers={"Authorization": f"Bearer {world.device[world.pharmacy]}"},
                   json={"pid": elder.pid, "hcode": world.pharmacy, "profession": "PHARMACIST", "service_type": "FVS-CI",
                         "channel": "BOOKING_QR", "qr": payload[0]})
    if booked_today:  # the unit scans the citizen's booking QR: verified automatically
        assert r.status_code == 201 and r.json()["claim"]["method"] == "BOOKING_QR", r.json()
        page.reload()
        assert page.locator("#booking").get_attribute("data-status") == "USED"
        shot(page, "20-booking-used")
    else:
        assert r.json()["code"] == "QR_INVALID"  # a booking for tomorrow does not verify today
    assert offline.refused == []
    context.close()
