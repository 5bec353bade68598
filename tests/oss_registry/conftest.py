"""Registry fixtures: an active unit with coordinates, and a factory of staff data."""
from datetime import date

import pytest

from oss_registry.lifecycle import UnitStatus, change_status
from oss_registry.staff import StaffData
from oss_registry.units import UnitData, create_unit
from thai_civil.pid import generate_pid


def unit_data(hcode: str = "99001", **changes) -> UnitData:
    base = {"hcode": hcode, "name": "ร้านยาทดสอบ", "unit_type": "PHARMACY", "address": "1 ถนนพระราม 4",
            "province": "กรุงเทพมหานคร", "phone_officer": "021111111", "latitude": 13.7563, "longitude": 100.5018}
    return UnitData(**{**base, **changes})


def staff_data(**changes) -> StaffData:
    base = {"pid": generate_pid(), "title": "ภญ.", "first_name": "มาลี", "last_name": "ใจดี",
            "profession": "PHARMACIST", "licence_no": "ภ.12345", "start_date": date(2026, 1, 1),
            "verification_status": "VERIFIED"}
    return StaffData(**{**base, **changes})


@pytest.fixture
def active_unit(session):
    unit = create_unit(session, unit_data(), by="test")
    change_status(session, unit, UnitStatus.APPROVED, by="test")
    change_status(session, unit, UnitStatus.ACTIVE, by="test")
    return unit
