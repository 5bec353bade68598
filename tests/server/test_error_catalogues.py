"""One shape for every error: each package's one catalogue, no code defined twice, and the HTTP
status of every code decided at the HTTP edge."""
import importlib

import pytest

from fvs_errors import Catalogue, DomainError
from server.api.errors import STATUS, status_of

CATALOGUES = ["thai_civil.errors", "citizens.errors", "oss_registry.errors", "geofence.reasons", "models.errors",
              "server.errors", "server.decision.reasons", "server.services.card_read_errors", "card_reader.errors",
              "card_agent.errors", "server.services.appeal_errors", "server.services.chip_photo_errors",
              "line_oa.errors", "bookings.errors", "server.services.line_errors"]


def catalogues() -> dict[str, Catalogue]:
    return {name: importlib.import_module(name).CATALOGUE for name in CATALOGUES}


def test_no_code_is_defined_by_two_packages():
    seen: dict[str, str] = {}
    for name, catalogue in catalogues().items():
        for code in catalogue:
            assert code not in seen, f"{code} is in {seen.get(code)} and {name}"
            seen[code] = name


def test_no_message_text_is_written_twice():
    texts: dict[str, str] = {}
    for name, catalogue in catalogues().items():
        for code in catalogue:
            for text in catalogue[code]:
                assert texts.setdefault(text, code) == code, f"{code} repeats the text of {texts[text]}"


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_code_has_thai_and_english_and_builds_the_one_shape(name):
    catalogue = importlib.import_module(name).CATALOGUE
    for code in catalogue:
        th, en = catalogue[code]
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in th) and en.isascii() is not None
        error = catalogue.error(code)
        assert isinstance(error, DomainError) and error.to_dict()["code"] == code


def test_statuses_are_decided_at_the_edge():
    every = {code for catalogue in catalogues().values() for code in catalogue}
    assert set(STATUS) - every - {"VALIDATION_ERROR"} == set(), "a status for a code no catalogue has"
    assert status_of("CITIZEN_NOT_FOUND") == 404 and status_of("CLAIM_EXISTS") == 409
    assert status_of("FACE_MISMATCH") == 422 and status_of("DB_UNAVAILABLE") == 503
