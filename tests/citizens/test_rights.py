"""The right in force on a service date, and the person panel."""
from datetime import date

import pytest

from citizens.errors import CitizenError
from citizens.registry import PersonData, person_panel, upsert_citizen
from citizens.rights import add_period, history, right_on

PID = "1101700203450"
TODAY = date(2026, 11, 22)


def person(**over) -> PersonData:
    base = dict(pid=PID, title_th="นาง", first_name_th="สมศรี", last_name_th="ทดสอบ", birth_date=date(1990, 5, 1),
                sex="F", right_code="UCS", sub_right_code="89", right_start_date=date(2025, 1, 1),
                insurance_card_no="UC123", registered_province="กรุงเทพมหานคร", primary_hcode="10662",
                referral_hcode="10663", main_hcode="10662")
    return PersonData(**{**base, **over})


def test_the_current_right_from_its_start_and_history_before_it(session):
    citizen, created = upsert_citizen(session, person(), today=TODAY)
    assert created
    add_period(session, pid=PID, right_code="SSS", sub_right_code="S1", start_date=date(2020, 1, 1),
               end_date=date(2024, 12, 31))
    now, then = right_on(session, citizen, date(2026, 11, 22)), right_on(session, citizen, date(2023, 6, 1))
    assert (now.right_code, now.sub_right_code, now.source) == ("UCS", "89", "CURRENT")
    assert (then.right_code, then.sub_right_code, then.source) == ("SSS", "S1", "HISTORY")
    assert right_on(session, citizen, date(2019, 6, 1)).right_code is None  # nothing on record then
    assert [p.right_code for p in history(session, PID)] == ["SSS"]


def test_a_current_right_of_unknown_start_yields_to_a_recorded_period(session):
    citizen, _ = upsert_citizen(session, person(right_start_date=None), today=TODAY)
    add_period(session, pid=PID, right_code="OFC", sub_right_code=None, start_date=date(2021, 1, 1),
               end_date=date(2021, 12, 31))
    assert right_on(session, citizen, date(2021, 7, 1)).right_code == "OFC"
    assert right_on(session, citizen, date(2026, 7, 1)).right_code == "UCS"


@pytest.mark.parametrize("over, code", [
    ({"right_code": "XYZ"}, "UNKNOWN_RIGHT"), ({"sub_right_code": "99"}, "UNKNOWN_SUB_RIGHT"),
    ({"birth_date": date(2027, 1, 1)}, "BIRTH_DATE_IN_FUTURE"),
])
def test_registry_refusals(session, over, code):
    with pytest.raises(CitizenError) as err:
        upsert_citizen(session, person(**over), today=TODAY)
    assert err.value.code == code


def test_a_period_must_end_after_it_starts(session):
    upsert_citizen(session, person(), today=TODAY)
    with pytest.raises(CitizenError) as err:
        add_period(session, pid=PID, right_code="UCS", sub_right_code=None, start_date=date(2022, 1, 1),
                   end_date=date(2021, 1, 1))
    assert err.value.code == "INVALID_RIGHT_PERIOD"


def test_the_person_panel_has_the_documents_fields(session):
    citizen, _ = upsert_citizen(session, person(), today=TODAY)
    add_period(session, pid=PID, right_code="SSS", sub_right_code="S1", start_date=date(2020, 1, 1),
               end_date=date(2024, 12, 31))
    panel = person_panel(session, citizen, on=TODAY, with_history=True)
    assert panel.age.thai() == "36 ปี 6 เดือน 21 วัน"
    assert (panel.right.code, panel.right.name_th.startswith("สิทธิหลักประกันสุขภาพ"), panel.sub_right.code) == (
        "UCS", True, "89")
    assert (panel.insurance_card_no, panel.registered_province, panel.primary_hcode, panel.referral_hcode) == (
        "UC123", "กรุงเทพมหานคร", "10662", "10663")
    assert [h.right.code for h in panel.history] == ["SSS"]
