"""Claim code format, check digit, uniqueness retries and the one-live-code rule in the database."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from fvs_errors import DomainError
from server.services import claim_codes, claims
from server.services.access import Principal, Role
from server.services.reference import sync_service_types
from server.tables import Claim, ClaimEvent, ServiceType
from tests.conftest import FIXED_NOW
from tests.server.conftest import ADULT, PHARMACY

DEVICE = Principal("device:1", Role.UNIT_DEVICE, PHARMACY.hcode)


def test_code_shape_and_check_digit():
    code = claim_codes.make_code("PP", 100518779)
    # NHSO's published example shape PP1005187798; FVS's own Luhn digit over P=25 P=25 and the digits is 4
    assert code == "PP1005187794" and claim_codes.is_valid_code(code) and claim_codes.is_valid_code(" pp1005187794 ")
    for i in range(2, 12):  # every single mistyped digit is caught
        for d in "0123456789":
            if d != code[i]:
                assert not claim_codes.is_valid_code(code[:i] + d + code[i + 1:])
    assert not claim_codes.is_valid_code("PP100518779") and not claim_codes.is_valid_code("P11005187798")
    with pytest.raises(ValueError):
        claim_codes.make_code("P1")
    assert len({claim_codes.make_code("CI") for _ in range(200)}) == 200


def test_service_types_are_data_with_valid_prefixes(session):
    assert sync_service_types(session) >= 8
    pp = session.get(ServiceType, "PG0070001")
    assert pp.prefix == "PP" and pp.active and pp.origin == "NHSO"
    assert session.get(ServiceType, "FVS-TELE").active is False
    assert claims.service_allows(session.get(ServiceType, "FVS-DENT"), "DENTIST")
    assert not claims.service_allows(session.get(ServiceType, "FVS-DENT"), "PHARMACIST")


def test_service_codes_keep_the_documents_meanings_and_fvs_codes_are_marked(session):
    sync_service_types(session)
    rows = session.query(ServiceType).all()
    for row in rows:  # an NHSO code is PG + 7 digits; FVS's own can never look like one
        assert (row.origin == "NHSO") == (row.code[:2] == "PG" and row.code[2:].isdigit() and len(row.code) == 9)
        assert (row.origin == "FVS") == row.code.startswith("FVS-")
    ci, hi = session.get(ServiceType, "PG0080001"), session.get(ServiceType, "PG0090001")
    assert "Community Isolation" in ci.name_th and "Home Isolation" in hi.name_th
    ended = date(2022, 10, 1)  # 1 Oct 2565: CI and HI ended, common illnesses began
    assert ci.in_effect_on(date(2022, 9, 30)) is False  # inactive: no new codes at all
    assert not ci.in_effect_on(ended) and not hi.in_effect_on(ended)
    common = session.get(ServiceType, "FVS-CI")
    assert not common.in_effect_on(date(2022, 9, 30)) and common.in_effect_on(ended)


def draft(**changes) -> claims.ClaimDraft:
    base = dict(pid=ADULT, hcode=PHARMACY.hcode, service_type="PG0070001", profession="PHARMACIST", channel="LINE_QR",
                service_date=date(2026, 11, 22), service_at=FIXED_NOW, phone="0812345678",
                status="ACTIVE", right_code="UCS", facts=claims.ClaimFacts(method="LINE_QR_SELF"))
    return claims.ClaimDraft(**{**base, **changes})


def test_a_code_collision_is_retried(session, world, monkeypatch):
    first = claims.issue(session, draft(), principal=DEVICE)
    codes = iter([first.code, first.code, "PP0000000018"])
    monkeypatch.setattr(claims, "make_code", lambda prefix: next(codes))
    second = claims.issue(session, draft(service_type="PG0060001"), principal=DEVICE)
    assert second.code == "PP0000000018" and second.code != first.code
    assert [e.action for e in session.query(ClaimEvent).filter_by(claim_id=second.id)] == ["ISSUED"]


def test_one_live_code_per_citizen_unit_service_and_day(session, world):
    first = claims.issue(session, draft(), principal=DEVICE)
    with pytest.raises(DomainError) as err:
        claims.issue(session, draft(), principal=DEVICE)
    assert (err.value.code, err.value.details["claim_code"]) == ("CLAIM_EXISTS", first.code)
    # the database itself refuses a second live row, whatever the code path
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            session.add(Claim(**{**draft().columns(), "code": "PP0000000018", "created_by": "x"}))
            session.flush()
    claims.cancel(session, principal=DEVICE, code=first.code, reason="ผิดพลาด", now=FIXED_NOW)
    assert claims.issue(session, draft(), principal=DEVICE).code != first.code
    assert claims.issue(session, draft(service_date=date(2026, 11, 23)), principal=DEVICE).status == "ACTIVE"


def test_the_same_idempotency_key_returns_the_same_claim(session, world):
    a = claims.issue(session, draft(), principal=DEVICE, idempotency_key="k", request_hash="h1")
    assert claims.replayed_claim(session, principal=DEVICE, key="k", request_hash="h1").code == a.code
    other = Principal("device:2", Role.UNIT_DEVICE, PHARMACY.hcode)
    assert claims.replayed_claim(session, principal=other, key="k", request_hash="h1") is None   # keys are per caller
    with pytest.raises(DomainError) as err:
        claims.replayed_claim(session, principal=DEVICE, key="k", request_hash="h2")
    assert err.value.code == "IDEMPOTENCY_KEY_REUSED"
