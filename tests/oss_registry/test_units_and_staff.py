"""Unit and staff validation: hcodes, coordinates, licences, professions per unit type."""
from datetime import date

import pytest

from oss_registry.errors import RegistryError
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import (
    add_staff,
    get_profession,
    remove_staff,
    schedule_of,
    set_schedule,
    update_staff,
    validate_licence,
)
from oss_registry.units import create_unit, get_unit, update_unit
from tests.oss_registry.conftest import staff_data, unit_data


@pytest.mark.parametrize("changes, code, field", [
    ({"hcode": "1234"}, "INVALID_HCODE", "hcode"),
    ({"hcode": "12a45"}, "INVALID_HCODE", "hcode"),
    ({"unit_type": "SPACESHIP"}, "UNKNOWN_UNIT_TYPE", "unit_type"),
    ({"latitude": None}, "INVALID_COORDINATES", "latitude"),
    ({"latitude": 51.5, "longitude": -0.1}, "INVALID_COORDINATES", "latitude"),
    ({"geofence_radius_m": 5}, "INVALID_UNIT", "geofence_radius_m"),
    ({"name": "  "}, "INVALID_UNIT", "name"),
    ({"email": "nope"}, "INVALID_UNIT", "email"),
    ({"name": "ร" * 201}, "INVALID_UNIT", "name"),              # longer than the column
    ({"phone_officer": "0" * 21}, "INVALID_UNIT", "phone_officer"),
])
def test_invalid_units(session, changes, code, field):
    with pytest.raises(RegistryError) as err:
        create_unit(session, unit_data(**changes), by="t")
    assert (err.value.code, err.value.details["field"]) == (code, field)


def test_unit_create_update_and_conflict(session):
    unit = create_unit(session, unit_data(latitude=None, longitude=None, email=" "), by="t")
    assert unit.status == "applied" and unit.email is None
    with pytest.raises(RegistryError) as err:
        create_unit(session, unit_data(), by="t")
    assert err.value.code == "UNIT_EXISTS"
    update_unit(session, unit.hcode, unit_data(hcode="ignored", name="ร้านยาใหม่"))
    assert get_unit(session, unit.hcode).name == "ร้านยาใหม่"
    with pytest.raises(RegistryError) as err:
        get_unit(session, "00000")
    assert err.value.code == "UNIT_NOT_FOUND"


@pytest.mark.parametrize("profession, licence, ok", [
    ("PHARMACIST", "ภ.12345", True),
    ("PHARMACIST", "ภ 12345", True),
    ("PHARMACIST", "ว.12345", False),
    ("DENTIST", "ท.1234", True),
    ("PHYSICIAN", "ว.54321", True),
    ("NURSE", "4511234567", True),
    ("NURSE", "45112", False),
    ("THAI_TRAD_MED", "พท.ว.1234", True),
    ("THAI_TRAD_MED", "พท.นว.99", True),
    ("APPLIED_THAI_TRAD_MED", "พทป.1234", True),
    ("PHYSIOTHERAPIST", "ก.1234", True),
    ("MED_TECH", "ทน.1234", True),
    ("MED_TECH", "", False),
])
def test_licence_numbers(session, profession, licence, ok):
    prof = get_profession(session, profession)
    if ok:
        assert validate_licence(prof, licence) == licence.replace(" ", "")
    else:
        with pytest.raises(RegistryError) as err:
            validate_licence(prof, licence)
        assert err.value.code == "INVALID_LICENCE"


@pytest.mark.parametrize("changes, code", [
    ({"pid": "1234567890123"}, "INVALID_STAFF"),
    ({"profession": "ASTRONAUT"}, "UNKNOWN_PROFESSION"),
    ({"profession": "DENTIST", "licence_no": "ท.1234"}, "PROFESSION_NOT_AT_UNIT_TYPE"),  # at a pharmacy
    ({"licence_no": "12"}, "INVALID_LICENCE"),
    ({"end_date": date(2025, 1, 1)}, "INVALID_STAFF"),
    ({"registration_type": "SOMETIMES"}, "INVALID_STAFF"),
    ({"verification_status": "MAYBE"}, "INVALID_STAFF"),
    ({"title": "ภ" * 41}, "INVALID_STAFF"),
    ({"last_name": "ใ" * 101}, "INVALID_STAFF"),
    ({"licence_no": "ภ." + "1" * 40}, "INVALID_LICENCE"),
])
def test_invalid_staff(session, active_unit, changes, code):
    with pytest.raises(RegistryError) as err:
        add_staff(session, active_unit, staff_data(**changes))
    assert err.value.code == code


def test_staff_lifecycle(session, active_unit):
    data = staff_data(registration_type="part_time")
    staff = add_staff(session, active_unit, data, WeeklySchedule.parse("MON 08:00-12:00"))
    assert staff.registration_type == "PART_TIME"
    with pytest.raises(RegistryError) as err:
        add_staff(session, active_unit, data)
    assert err.value.code == "STAFF_EXISTS"
    set_schedule(session, staff, schedule_of(staff).copy_to_all_days("MON"))
    assert schedule_of(staff).format() == "MON-HOL 08:00-12:00"
    update_staff(session, staff, staff_data(pid=staff.pid, end_date=date(2026, 12, 31)))
    assert staff.end_date == date(2026, 12, 31)
    remove_staff(session, staff)
    assert active_unit.staff == []


@pytest.mark.parametrize("changes, reason_th", [
    ({"name": ""}, "ต้องระบุชื่อหน่วยบริการ"),
    ({"address": "ถ" * 501}, "ที่อยู่ยาวเกิน 500 ตัวอักษร"),
    ({"geofence_radius_m": 9000}, "รัศมีพื้นที่ให้บริการต้องอยู่ระหว่าง 10-5000 เมตร"),
])
def test_reasons_are_given_in_thai_and_english(session, changes, reason_th):
    with pytest.raises(RegistryError) as err:
        create_unit(session, unit_data(**changes), by="t")
    assert err.value.message_th.endswith(reason_th)
    assert err.value.message_en.startswith("Invalid unit data: ") and reason_th not in err.value.message_en


def test_unit_type_change_must_suit_its_staff(session, active_unit):
    add_staff(session, active_unit, staff_data())
    with pytest.raises(RegistryError) as err:
        update_unit(session, active_unit.hcode, unit_data(unit_type="DENTAL_CLINIC"))
    assert (err.value.code, err.value.details["profession"]) == ("PROFESSION_NOT_AT_UNIT_TYPE", "PHARMACIST")
    assert get_unit(session, active_unit.hcode).unit_type == "PHARMACY"
    update_unit(session, active_unit.hcode, unit_data(unit_type="TELEMEDICINE"))   # pharmacists may serve there
    assert get_unit(session, active_unit.hcode).unit_type == "TELEMEDICINE"
