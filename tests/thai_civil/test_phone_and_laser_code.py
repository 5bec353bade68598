"""Thai phone numbers and the ID card's laser code, as people type them."""
import pytest

from thai_civil.errors import ThaiCivilError
from thai_civil.laser_code import format_laser_code, validate_laser_code
from thai_civil.phone import format_phone, is_mobile, validate_phone


@pytest.mark.parametrize("typed, normal", [
    ("0812345678", "0812345678"), ("081-234-5678", "0812345678"), ("+66 81 234 5678", "0812345678"),
    ("66812345678", "0812345678"), ("02-123-4567", "021234567"), ("(053) 212-345", "053212345"),
])
def test_phones_are_normalised(typed, normal):
    assert validate_phone(typed) == normal


@pytest.mark.parametrize("bad", ["12345", "0112345678", "08123456789", "0212345678", "", "08l2345678"])
def test_bad_phones_are_refused(bad):
    with pytest.raises(ThaiCivilError) as err:
        validate_phone(bad)
    assert err.value.code == "INVALID_PHONE" and err.value.message_th


def test_phone_formats():
    assert format_phone("0812345678") == "081-234-5678" and is_mobile("081 234 5678")
    assert format_phone("021234567") == "02-123-4567" and not is_mobile("021234567")
    assert format_phone("053212345") == "053-212-345"


def test_laser_codes():
    assert validate_laser_code("jc1-2345678-90") == "JC1234567890"
    assert format_laser_code("JC1234567890") == "JC1-2345678-90"
    for bad in ("J11234567890", "JC123456789", "JC12345678901", ""):
        with pytest.raises(ThaiCivilError) as err:
            validate_laser_code(bad)
        assert err.value.code == "INVALID_LASER_CODE"
