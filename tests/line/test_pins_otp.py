"""The PIN (rules, argon2, lockout) and the OTP (6 digits with a reference, 5-minute expiry,
3 attempts, resend cool-down, hourly cap), on the real tables."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from fvs_errors import DomainError
from line_oa import accounts, otp, pins
from line_oa.sms import LogSms
from tests.conftest import FIXED_NOW

KEY = b"k" * 32


@pytest.mark.parametrize("pin, code", [("12345", "PIN_FORMAT"), ("1234567", "PIN_FORMAT"), ("12a456", "PIN_FORMAT"),
                                       ("๑๒๓๔๕๖", "PIN_FORMAT"), ("111111", "PIN_WEAK"), ("123456", "PIN_WEAK"),
                                       ("987654", "PIN_WEAK"), ("012345", "PIN_WEAK"), ("010533", "PIN_WEAK"),
                                       ("010590", "PIN_WEAK")])
def test_pin_rules(pin, code):
    with pytest.raises(DomainError) as err:
        pins.validate_pin(pin, date(1990, 5, 1))
    assert err.value.code == code


def test_a_good_pin_is_stored_as_argon2_only():
    assert pins.validate_pin("246810", date(1990, 5, 1)) == "246810"
    stored = pins.hash_pin("246810")
    assert stored.startswith("$argon2id$") and "246810" not in stored
    assert pins.pin_matches("246810", stored) and not pins.pin_matches("246811", stored)
    assert not pins.pin_matches("246810", "not-a-hash")


@pytest.fixture
def account(session, lworld):
    person = lworld.people["adult"]
    return accounts.register(session, line_user_id="Uabc", pid=person.pid, phone="0812345678",
                             pin_hash=pins.hash_pin("246810"), now=FIXED_NOW)


def test_five_wrong_pins_lock_the_account_even_for_the_right_pin(account):
    for left in (4, 3, 2, 1):
        with pytest.raises(DomainError) as err:
            pins.check_pin(account, "135790", now=FIXED_NOW)
        assert (err.value.code, err.value.details["attempts_left"]) == ("PIN_WRONG", left)
    with pytest.raises(DomainError) as err:
        pins.check_pin(account, "135790", now=FIXED_NOW)
    assert err.value.code == "PIN_LOCKED" and err.value.details["retry_after_s"] == 15 * 60
    later = FIXED_NOW + timedelta(minutes=14)
    with pytest.raises(DomainError) as err:
        pins.check_pin(account, "246810", now=later)  # the right PIN, still locked
    assert err.value.code == "PIN_LOCKED" and err.value.details["retry_after_s"] == 60
    after = FIXED_NOW + timedelta(minutes=15, seconds=1)
    pins.check_pin(account, "246810", now=after)
    assert (account.pin_failures, account.locked_until) == (0, None)


def test_a_second_lock_lasts_twice_as_long_and_a_new_pin_unlocks(account):
    for _ in range(5):
        with pytest.raises(DomainError):
            pins.check_pin(account, "135790", now=FIXED_NOW)
    later = FIXED_NOW + timedelta(minutes=16)
    for _ in range(5):
        with pytest.raises(DomainError) as err:
            pins.check_pin(account, "135790", now=later)
    assert err.value.code == "PIN_LOCKED" and err.value.details["retry_after_s"] == 30 * 60
    pins.set_pin(account, pins.hash_pin("975310"), now=later)
    pins.check_pin(account, "975310", now=later)


def _send(session, sms, now, user="Uabc", purpose="REGISTER"):
    return otp.send(session, line_user_id=user, purpose=purpose, phone="0812345678", now=now, key=KEY, sender=sms)


def _code(sms) -> str:
    return sms.outbox[-1][1].split("คือ ")[1][:6]


def test_otp_has_a_reference_and_is_accepted_once(session):
    sms = LogSms()
    sent = _send(session, sms, FIXED_NOW)
    assert len(sent.ref) == 6 and sent.ref.isalnum() and f"รหัสอ้างอิง {sent.ref}" in sms.outbox[-1][1]
    assert sms.outbox[-1][0] == "0812345678" and sent.expires_at == FIXED_NOW + timedelta(minutes=5)
    challenge = otp.open_challenge(session, challenge_id=sent.challenge_id, line_user_id="Uabc", purpose="REGISTER")
    assert _code(sms) not in challenge.code_hash
    otp.verify(session, challenge=challenge, code=_code(sms), now=FIXED_NOW + timedelta(minutes=1), key=KEY)
    with pytest.raises(DomainError) as err:  # used
        otp.verify(session, challenge=challenge, code=_code(sms), now=FIXED_NOW + timedelta(minutes=1), key=KEY)
    assert err.value.code == "OTP_NOT_FOUND"
    with pytest.raises(DomainError):  # another LINE user's challenge
        otp.open_challenge(session, challenge_id=sent.challenge_id, line_user_id="Uother", purpose="REGISTER")


def test_otp_expires_after_five_minutes(session):
    sms = LogSms()
    sent = _send(session, sms, FIXED_NOW)
    challenge = otp.open_challenge(session, challenge_id=sent.challenge_id, line_user_id="Uabc", purpose="REGISTER")
    with pytest.raises(DomainError) as err:
        otp.verify(session, challenge=challenge, code=_code(sms), now=FIXED_NOW + timedelta(minutes=5), key=KEY)
    assert err.value.code == "OTP_EXPIRED"


def test_three_wrong_otps_end_the_challenge(session):
    sms = LogSms()
    sent = _send(session, sms, FIXED_NOW)
    challenge = otp.open_challenge(session, challenge_id=sent.challenge_id, line_user_id="Uabc", purpose="REGISTER")
    wrong = "000000" if _code(sms) != "000000" else "111111"
    codes = []
    for _ in range(3):
        with pytest.raises(DomainError) as err:
            otp.verify(session, challenge=challenge, code=wrong, now=FIXED_NOW, key=KEY)
        codes.append(err.value.code)
    assert codes == ["OTP_WRONG", "OTP_WRONG", "OTP_ATTEMPTS_EXCEEDED"]
    with pytest.raises(DomainError) as err:  # even the right code now
        otp.verify(session, challenge=challenge, code=_code(sms), now=FIXED_NOW, key=KEY)
    assert err.value.code == "OTP_ATTEMPTS_EXCEEDED"


def test_resend_cool_down_hourly_cap_and_the_old_code_is_void(session):
    sms = LogSms()
    first = _send(session, sms, FIXED_NOW)
    old_code = _code(sms)
    with pytest.raises(DomainError) as err:
        _send(session, sms, FIXED_NOW + timedelta(seconds=30))
    assert (err.value.code, err.value.details["retry_after_s"]) == ("OTP_RESEND_TOO_SOON", 30)
    second = _send(session, sms, FIXED_NOW + timedelta(seconds=61))
    assert second.ref != first.ref or second.challenge_id != first.challenge_id
    old = otp.open_challenge(session, challenge_id=first.challenge_id, line_user_id="Uabc", purpose="REGISTER")
    with pytest.raises(DomainError) as err:
        otp.verify(session, challenge=old, code=old_code, now=FIXED_NOW + timedelta(seconds=62), key=KEY)
    assert err.value.code == "OTP_NOT_FOUND"
    for i in range(3):
        _send(session, sms, FIXED_NOW + timedelta(minutes=3 + i * 2))
    with pytest.raises(DomainError) as err:
        _send(session, sms, FIXED_NOW + timedelta(minutes=20))
    assert err.value.code == "OTP_TOO_MANY"
    _send(session, sms, FIXED_NOW + timedelta(minutes=61, seconds=1))  # the hour rolled on


def test_a_failing_sms_provider_is_a_clear_error(session):
    class Down:
        def send(self, phone: str, text: str) -> None:
            raise ConnectionError("gateway down")

    with pytest.raises(DomainError) as err:
        _send(session, Down(), FIXED_NOW)
    assert err.value.code == "SMS_NOT_SENT"
