"""Pure schedule rules: parsing, validation, holidays and the compact form."""
from datetime import date, datetime, time

import pytest

from oss_registry.errors import RegistryError
from oss_registry.schedule import (
    ALL_DAY_TYPES,
    WEEKDAYS,
    DayType,
    TimeRange,
    WeeklySchedule,
    parse_day_types,
)

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize("text, why", [
    ("MON 22:00-06:00", "crosses midnight"),
    ("MON 08:00-08:00", "starts when it ends"),
    ("MON 08:00-12:00,11:00-13:00", "overlap"),
    ("MON 08:00-09:00,10:00-11:00,12:00-13:00", "more than 2"),
    ("MON-FRI 08:00-12:00; MON 11:00-14:00", "overlap"),   # parts naming the same day add up
    ("MON 24:00-24:00", "not HH:MM"),
    ("MON 08:60-09:00", "not HH:MM"),
    ("MON 8-9", "not HH:MM"),
    ("XYZ 08:00-09:00", "unknown day"),
    ("FRI-MON 08:00-09:00", "backwards"),
    ("MON", "DAYS RANGES"),
])
def test_invalid_schedules_are_refused(text, why):
    with pytest.raises(RegistryError) as err:
        WeeklySchedule.parse(text)
    assert err.value.code == "INVALID_SCHEDULE"
    assert why in err.value.message_en
    assert err.value.message_th


@pytest.mark.parametrize("text, formatted", [
    ("MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00", "MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00"),
    ("mon-fri 13:00-16:30,08:30-12:00", "MON-FRI 08:30-12:00,13:00-16:30"),   # sorted into slots
    ("MON-HOL 08:30-16:30", "MON-HOL 08:30-16:30"),                            # Monday – public holidays
    ("ALL 08:30-16:30", "MON-HOL 08:30-16:30"),
    ("DAILY 08:00-20:00", "MON-SUN 08:00-20:00"),
    ("MON,WED,FRI 09:00-12:00", "MON,WED,FRI 09:00-12:00"),
    ("MON 22:00-24:00; TUE 00:00-06:00", "MON 22:00-24:00; TUE 00:00-06:00"),  # a night shift on two days
    ("MON 08:00-12:00,12:00-16:00", "MON 08:00-12:00,12:00-16:00"),            # touching is not overlapping
    ("MON 08.30-12.00", "MON 08:30-12:00"),
    ("", ""),
])
def test_compact_form_round_trips(text, formatted):
    schedule = WeeklySchedule.parse(text)
    assert schedule.format() == formatted
    assert WeeklySchedule.parse(formatted) == schedule


def test_two_ranges_per_day_become_slots_1_and_2():
    rows = WeeklySchedule.parse("TUE 13:00-16:30,08:30-12:00").rows()
    assert [(d, slot, str(r)) for d, slot, r in rows] == [
        (DayType.TUE, 1, "08:30-12:00"), (DayType.TUE, 2, "13:00-16:30")]


def test_every_day_chosen_days_and_copy_to_all_days():
    every = WeeklySchedule.for_days(WEEKDAYS, ["08:00-12:00"])
    assert set(every.days) == set(WEEKDAYS) and DayType.HOL not in every.days
    chosen = WeeklySchedule.for_days(["MON", "THU"], ["08:00-12:00", "13:00-17:00"])
    assert chosen.format() == "MON,THU 08:00-12:00,13:00-17:00"
    copied = chosen.copy_to_all_days("THU")
    assert set(copied.days) == set(ALL_DAY_TYPES)
    assert copied.copy_to_all_days("MON", include_holidays=False).format() == "MON-SUN 08:00-12:00,13:00-17:00"


@pytest.mark.parametrize("source", ["TUE", "HOL", "MON-FRI", "XYZ"])
def test_copying_a_day_without_ranges_is_refused(source):
    chosen = WeeklySchedule.parse("MON,THU 08:00-12:00")
    with pytest.raises(RegistryError) as err:
        chosen.copy_to_all_days(source)
    assert err.value.code == "INVALID_SCHEDULE"


@pytest.mark.parametrize("when, holiday, expected", [
    (datetime(2026, 11, 23, 8, 30), False, True),    # Monday, start is inclusive
    (datetime(2026, 11, 23, 12, 0), False, False),   # end is exclusive (lunch break)
    (datetime(2026, 11, 23, 13, 0), False, True),
    (datetime(2026, 11, 23, 16, 29, 59), False, True),
    (datetime(2026, 11, 23, 16, 30), False, False),
    (datetime(2026, 11, 23, 10, 0), True, True),     # Monday holiday: HOL 09:00-12:00 applies
    (datetime(2026, 11, 23, 14, 0), True, False),    # … instead of the Monday ranges
    (datetime(2026, 11, 22, 10, 0), False, False),   # Sunday: nothing
    (datetime(2026, 11, 22, 10, 0), True, True),     # a Sunday holiday uses HOL too
])
def test_covers_uses_hol_ranges_on_holidays(when, holiday, expected):
    schedule = WeeklySchedule.parse("MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00")
    assert schedule.covers(when, holiday=holiday) is expected


def test_no_hol_ranges_means_off_on_holidays():
    schedule = WeeklySchedule.parse("MON-FRI 08:30-16:30")
    assert schedule.covers(datetime(2026, 11, 23, 10, 0), holiday=False)
    assert not schedule.covers(datetime(2026, 11, 23, 10, 0), holiday=True)


def test_24_00_covers_the_last_instant_of_the_day():
    schedule = WeeklySchedule.parse("MON 22:00-24:00")
    assert schedule.covers(datetime.combine(MONDAY, time(23, 59, 59, 999999)), holiday=False)
    assert not schedule.covers(datetime.combine(MONDAY, time(21, 59)), holiday=False)


def test_day_type_lists():
    assert parse_day_types("SAT-HOL") == (DayType.SAT, DayType.SUN, DayType.HOL)
    assert parse_day_types("mon,MON-TUE") == (DayType.MON, DayType.TUE)


def test_time_range_refuses_crossing_midnight_directly():
    with pytest.raises(RegistryError):
        TimeRange(time(22), time(6))
