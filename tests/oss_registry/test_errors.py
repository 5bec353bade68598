"""Every registry error code has bilingual messages and the right status hint."""
import pytest

from oss_registry.errors import RegistryError, known_codes


@pytest.mark.parametrize("code", sorted(known_codes()))
def test_every_code_has_messages_and_a_status(code):
    exc = RegistryError(code)
    assert exc.message_th and exc.message_en and "{" not in exc.message_en
    expected = 404 if code.endswith("_NOT_FOUND") else 409 if code in {
        "UNIT_EXISTS", "STAFF_EXISTS", "MANAGER_EXISTS", "INVALID_STATUS_TRANSITION"} else 422
    assert exc.status == expected


def test_details_fill_the_messages_and_are_kept():
    exc = RegistryError("UNIT_NOT_FOUND", hcode="12345")
    assert "12345" in exc.message_th and "12345" in exc.message_en
    assert exc.details == {"hcode": "12345"}
