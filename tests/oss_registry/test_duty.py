"""Who is on duty: Asia/Bangkok instants, employment dates, verification and holidays."""
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from oss_registry.duty import employed_on, on_duty
from oss_registry.errors import RegistryError
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import add_staff
from tests.oss_registry.conftest import staff_data


def _utc(y, m, d, hh, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


@pytest.mark.parametrize("start, end, day, expected", [
    (date(2026, 1, 1), None, date(2026, 1, 1), True),
    (date(2026, 1, 1), None, date(2025, 12, 31), False),
    (date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 30), True),   # end date inclusive
    (date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 1), False),
])
def test_employed_on(start, end, day, expected):
    assert employed_on(start, end, day) is expected


@pytest.mark.parametrize("at, on_duty_expected", [
    # Monday 23/11/2569 09:00 Bangkok = 02:00 UTC
    (_utc(2026, 11, 23, 2), True),
    # Sunday 22/11 20:00 UTC is already Monday 03:00 in Bangkok: not working hours
    (_utc(2026, 11, 22, 20), False),
    # Sunday 22/11 23:30 UTC = Monday 06:30 Bangkok: the Monday range 06:00-10:00 applies
    (_utc(2026, 11, 22, 23, 30), True),
    # Monday 23/11 23:30 UTC = Tuesday 06:30 Bangkok: no Tuesday range
    (_utc(2026, 11, 23, 23, 30), False),
    # an offset other than UTC is the same instant: Monday 09:00 Bangkok
    (datetime(2026, 11, 23, 11, 0, tzinfo=timezone(timedelta(hours=9))), True),
])
def test_instants_are_read_in_bangkok(session, active_unit, at, on_duty_expected):
    staff = add_staff(session, active_unit, staff_data(), WeeklySchedule.parse("MON 06:00-10:00"))
    assert (on_duty(session, active_unit.hcode, "PHARMACIST", at) == [staff]) is on_duty_expected


@pytest.mark.parametrize("changes, on_duty_expected", [
    ({}, True),
    ({"verification_status": "PENDING"}, False),
    ({"verification_status": "REJECTED"}, False),
    ({"start_date": date(2026, 11, 24)}, False),                          # starts tomorrow
    ({"end_date": date(2026, 11, 22)}, False),                            # left yesterday
    ({"end_date": date(2026, 11, 23)}, True),                             # last day today
])
def test_start_end_dates_and_verification(session, active_unit, changes, on_duty_expected):
    add_staff(session, active_unit, staff_data(**changes), WeeklySchedule.parse("DAILY 08:00-17:00"))
    found = on_duty(session, active_unit.hcode, "PHARMACIST", _utc(2026, 11, 23, 3))
    assert bool(found) is on_duty_expected


@pytest.mark.parametrize("at, expected", [
    (_utc(2026, 12, 7, 3), ["holiday-worker"]),    # Mon 07/12/2569 10:00: substitution holiday
    (_utc(2026, 12, 7, 8), []),                    # 15:00 on that holiday: HOL range is 09-12
    (_utc(2026, 12, 8, 3), ["weekday-worker"]),    # Tuesday, an ordinary day
    (_utc(2026, 12, 6, 3), []),                    # Sunday: nobody
])
def test_holidays_use_hol_ranges(session, active_unit, at, expected):
    add_staff(session, active_unit, staff_data(first_name="weekday-worker"),
              WeeklySchedule.parse("MON-FRI 08:30-16:30"))
    add_staff(session, active_unit, staff_data(first_name="holiday-worker"),
              WeeklySchedule.parse("HOL 09:00-12:00"))
    assert [s.first_name for s in on_duty(session, active_unit.hcode, "pharmacist", at)] == expected


def test_other_professions_are_not_listed(session, active_unit):
    add_staff(session, active_unit, staff_data(), WeeklySchedule.parse("ALL 00:00-24:00"))
    with pytest.raises(RegistryError) as err:
        on_duty(session, active_unit.hcode, "ASTRONAUT", _utc(2026, 11, 23, 3))
    assert err.value.code == "UNKNOWN_PROFESSION"
    assert on_duty(session, active_unit.hcode, "NURSE", _utc(2026, 11, 23, 3)) == []


def test_unknown_unit(session):
    with pytest.raises(RegistryError) as err:
        on_duty(session, "00000", "PHARMACIST", _utc(2026, 11, 23, 3))
    assert err.value.code == "UNIT_NOT_FOUND"


def test_naive_instants_are_refused(session, active_unit):
    with pytest.raises(ValueError):
        on_duty(session, active_unit.hcode, "PHARMACIST", datetime(2026, 11, 23, 10))
