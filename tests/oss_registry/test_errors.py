"""Every registry code has bilingual messages in the one catalogue; details fill them."""
import pytest

from oss_registry.errors import CATALOGUE, RegistryError, known_codes


@pytest.mark.parametrize("code", sorted(known_codes()))
def test_every_code_has_messages(code):
    exc = RegistryError(code)
    assert exc.message_th and exc.message_en and "{" not in exc.message_en
    assert CATALOGUE.error(code).to_dict()["code"] == code


def test_details_fill_the_messages_and_are_kept():
    exc = RegistryError("UNIT_NOT_FOUND", hcode="12345")
    assert "12345" in exc.message_th and "12345" in exc.message_en
    assert exc.details == {"hcode": "12345"}
    assert isinstance(CATALOGUE.error("UNIT_NOT_FOUND", hcode="1"), RegistryError)
