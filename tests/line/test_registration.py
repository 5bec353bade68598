"""The citizen's way in, over HTTP like a phone's browser: consent (accept / decline recorded),
registration with the registry check and the eligibility rules, the PIN set twice, the OTP, a
returning user's PIN with its lockout, "forgot PIN", CSRF and the development verifier."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from citizens.consents import active_consent
from line_oa.tables import LineAccount, LineConsentDecision
from tests.conftest import FIXED_NOW
from tests.line.conftest import Phone


def _to_details(phone: Phone, person, user: str):
    phone.open(user)
    phone.post("/line/consent", "/line/consent", {"decision": "accept"})
    assert phone.post("/line/register", "/line/register", {"pid": person.pid}).status_code == 303


def _details(phone: Phone, person, **changes):
    data = {"first_name": person.first, "last_name": person.last, "birth_date": person.birth_be,
            "laser_code": person.laser} | changes
    return phone.post("/line/register/details", "/line/register/details", data)


def test_pages_need_a_line_session_and_forms_need_their_token(phone: Phone):
    assert phone.get("/line/home").headers["location"] == "/line/"
    assert phone.get("/line/consent").headers["location"] == "/line/"
    entry = phone.get("/line/")
    assert entry.status_code == 200 and "dev-form" in entry.text and "Content-Security-Policy" in entry.headers
    assert "https://" not in entry.headers["Content-Security-Policy"]
    refused = phone.client.post("/line/session", data={"id_token": "dev:alice", "csrf_token": "0" * 40})
    assert refused.status_code == 403 and "LINE_FORM_EXPIRED" in refused.text
    bad = phone.post("/line/", "/line/session", {"id_token": "eyJhbGciOiJIUzI1NiJ9.forged.token"})
    assert bad.status_code == 401 and "LINE_ID_TOKEN_INVALID" in bad.text
    cookie = phone.open("alice").headers["set-cookie"]
    assert "fvs_line=" in cookie and "HttpOnly" in cookie and "Path=/line" in cookie and "samesite=lax" in cookie.lower()


def test_declining_the_consent_is_recorded_and_ends_the_session(phone: Phone, session):
    phone.open("bob")
    page = phone.get("/line/consent").text
    assert "สายด่วน สปสช. 1330" in page and "LINE-2569-1" in page and "อายุ 15 ปี บริบูรณ์ขึ้นไป" in page
    r = phone.post("/line/consent", "/line/consent", {"decision": "decline"})
    assert r.headers["location"] == "/line/declined"
    assert "1330" in phone.get("/line/declined").text
    assert phone.get("/line/register").headers["location"] == "/line/"  # the session ended
    rows = session.scalars(select(LineConsentDecision).where(LineConsentDecision.line_user_id == "dev:bob")).all()
    assert [(r.decision, r.notice_version, r.decided_at) for r in rows] == [("DECLINED", "LINE-2569-1", FIXED_NOW)]
    phone.open("bob")  # opening again asks again
    assert phone.get("/line/register").headers["location"] == "/line/consent"


def test_registration_end_to_end(phone: Phone, lworld, session):
    person = lworld.people["adult"]
    phone.sign_up(person, user="carol", pin="246810")
    account = session.scalars(select(LineAccount).where(LineAccount.pid == person.pid)).one()
    assert (account.line_user_id, account.phone) == ("dev:carol", "0812345678")
    assert account.pin_hash.startswith("$argon2id$")
    assert active_consent(session, person.pid, "LINE_OA").notice_version == "LINE-2569-1"
    home = phone.get("/line/home").text
    assert "สมชาย" in home and "สิทธิหลักประกันสุขภาพแห่งชาติ" in home and home.count("ไม่พบข้อมูล") == 2
    # a returning user goes to the PIN, never to the PID again
    phone.open("carol")
    assert phone.get("/line/").status_code == 200
    assert phone.open("carol").headers["location"] == "/line/pin"
    assert phone.get("/line/home").headers["location"] == "/line/"  # not signed in before the PIN
    assert phone.post("/line/pin", "/line/pin", {"pin": "246810"}).headers["location"] == "/line/home"


def test_the_registry_check_never_says_which_field_and_is_throttled(phone: Phone, lworld):
    person = lworld.people["adult"]
    _to_details(phone, person, "dave")
    for changes in ({"laser_code": "JC1234567891"}, {"first_name": "สมศักดิ์"}, {"birth_date": "02/05/2533"},
                    {"last_name": "ใจร้าย"}):
        r = _details(phone, person, **changes)
        assert r.status_code == 422 and 'data-code="LINE_IDENTITY_MISMATCH"' in r.text
    r = _details(phone, person, laser_code="ZZ0000000000")
    assert r.status_code == 429 and "LINE_CHECKS_LOCKED" in r.text  # the fifth failure locks
    r = _details(phone, person)  # right details, still locked
    assert r.status_code == 429


def test_the_laser_code_is_accepted_with_dashes_and_names_with_spaces(phone: Phone, lworld):
    person = lworld.people["adult"]
    _to_details(phone, person, "erin")
    r = _details(phone, person, laser_code="jc1-2345678-90", first_name=f" {person.first} ")
    assert r.headers.get("location") == "/line/pin/new", r.text[:500]


def test_who_may_register_themselves(phone: Phone, another_phone: Phone, lworld):
    _to_details(phone, lworld.people["teen"], "frank")      # 14 years old
    r = _details(phone, lworld.people["teen"])
    assert r.status_code == 422 and "LINE_AGE_NOT_ELIGIBLE" in r.text
    _to_details(another_phone, lworld.people["sss"], "gina")  # social security right
    r = _details(another_phone, lworld.people["sss"])
    assert r.status_code == 422 and "LINE_RIGHT_NOT_ELIGIBLE" in r.text
    _to_details(phone, lworld.people["young"], "hank")       # 15 today, no right (สิทธิว่าง)
    assert _details(phone, lworld.people["young"]).headers.get("location") == "/line/pin/new"


def test_pin_rules_and_a_mismatch_start_the_pin_again(phone: Phone, lworld):
    person = lworld.people["adult"]
    _to_details(phone, person, "ivan")
    _details(phone, person)
    weak = phone.post("/line/pin/new", "/line/pin/new", {"pin": "010533"})  # the birth date
    assert weak.status_code == 422 and "PIN_WEAK" in weak.text
    phone.post("/line/pin/new", "/line/pin/new", {"pin": "246810"})
    r = phone.post("/line/pin/confirm", "/line/pin/confirm", {"pin": "246811"})
    assert r.status_code == 422 and "PIN_MISMATCH" in r.text and 'action="/line/pin/new"' in r.text
    out = phone.post("/line/pin/confirm", "/line/pin/confirm", {"pin": "246810"})
    assert out.status_code == 422 and "LINE_STEP_OUT_OF_ORDER" in out.text  # back to setting it first


def test_otp_wrong_expired_and_resend(phone: Phone, lworld, line_app):
    person = lworld.people["adult"]
    _to_details(phone, person, "judy")
    _details(phone, person)
    phone.post("/line/pin/new", "/line/pin/new", {"pin": "246810"})
    phone.post("/line/pin/confirm", "/line/pin/confirm", {"pin": "246810"})
    assert phone.post("/line/register/phone", "/line/register/phone", {"phone": "021234567"}).status_code == 422
    phone.post("/line/register/phone", "/line/register/phone", {"phone": "081-234-5678"})
    code, ref = phone.last_otp()
    page = phone.get("/line/otp").text
    assert f"(รหัสอ้างอิง {ref})" in page and "081-234-5678" in page
    wrong = phone.post("/line/otp", "/line/otp", {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 422 and "OTP_WRONG" in wrong.text
    too_soon = phone.post("/line/otp", "/line/otp/resend")
    assert too_soon.status_code == 429
    line_app.state.clock = lambda: FIXED_NOW + timedelta(minutes=5, seconds=1)
    expired = phone.post("/line/otp", "/line/otp", {"code": code})
    assert expired.status_code == 422 and "OTP_EXPIRED" in expired.text
    assert phone.post("/line/otp", "/line/otp/resend").headers["location"] == "/line/otp"
    new_code, new_ref = phone.last_otp()
    assert new_ref != ref
    assert phone.post("/line/otp", "/line/otp", {"code": code}).status_code == 422  # the old code is void
    assert phone.post("/line/otp", "/line/otp", {"code": new_code}).headers["location"] == "/line/home"


def test_five_wrong_pins_lock_and_forgot_pin_unlocks(phone: Phone, lworld, line_app, session):
    person = lworld.people["adult"]
    phone.sign_up(person, user="kim", pin="246810")
    phone.open("kim")
    for _ in range(4):
        r = phone.post("/line/pin", "/line/pin", {"pin": "135790"})
        assert r.status_code == 422 and "PIN_WRONG" in r.text
    locked = phone.post("/line/pin", "/line/pin", {"pin": "135790"})
    assert locked.status_code == 429 and locked.headers["Retry-After"] == "900"
    assert phone.post("/line/pin", "/line/pin", {"pin": "246810"}).status_code == 429  # even the right PIN
    phone.open("kim")  # a new session does not reset the lock
    assert phone.post("/line/pin", "/line/pin", {"pin": "246810"}).status_code == 429
    line_app.state.clock = lambda: FIXED_NOW + timedelta(minutes=2)
    assert phone.post("/line/pin", "/line/pin/forgot").headers["location"] == "/line/otp"
    code, _ = phone.last_otp()
    assert phone.sms.outbox[-1][0] == "0812345678"  # the registered phone
    assert phone.post("/line/otp", "/line/otp", {"code": code}).headers["location"] == "/line/pin/new"
    phone.post("/line/pin/new", "/line/pin/new", {"pin": "975310"})
    assert phone.post("/line/pin/confirm", "/line/pin/confirm", {"pin": "975310"}).headers["location"] == "/line/home"
    phone.open("kim")
    assert phone.post("/line/pin", "/line/pin", {"pin": "975310"}).headers["location"] == "/line/home"
    account = session.scalars(select(LineAccount).where(LineAccount.pid == person.pid)).one()
    session.refresh(account)
    assert account.locked_until is None and account.pin_failures == 0


def test_a_pid_moves_to_a_new_line_account_after_the_full_proof(phone: Phone, another_phone: Phone, lworld, session):
    person = lworld.people["adult"]
    phone.sign_up(person, user="leo", pin="246810")
    another_phone.sign_up(person, user="leo-new-phone", pin="975310", phone="0899999999")
    account = session.scalars(select(LineAccount).where(LineAccount.pid == person.pid)).one()
    session.refresh(account)
    assert (account.line_user_id, account.phone, account.relinked_at) == ("dev:leo-new-phone", "0899999999", FIXED_NOW)
    assert phone.get("/line/home").headers["location"] == "/line/"  # the old LINE account's session no longer works


def test_english_switch(phone: Phone, lworld):
    phone.open("mia")
    r = phone.get("/line/prefs?lang=en&next=/line/consent")
    assert r.headers["location"] == "/line/consent"
    page = phone.get("/line/consent").text
    assert "Consent to the collection and use of personal data" in page and "hotline 1330" in page
    assert phone.get("/line/prefs?lang=en&next=https://evil.example/").headers["location"] == "/line/"
