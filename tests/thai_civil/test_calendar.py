from datetime import UTC, date, datetime, timedelta

import pytest

from thai_civil.calendar import (
    Age,
    InvalidThaiDate,
    add_months,
    age_on,
    format_be_date,
    format_be_datetime,
    format_be_long,
    parse_be_date,
    service_date,
)


@pytest.mark.parametrize(
    "ce, be",
    [(date(2026, 11, 22), "22/11/2569"), (date(2000, 1, 1), "01/01/2543"), (date(2024, 2, 29), "29/02/2567")],
)
def test_be_format_and_parse_round_trip(ce, be):
    assert format_be_date(ce) == be
    assert parse_be_date(be) == ce


def test_round_trip_over_many_days():
    d = date(1940, 1, 1)
    while d < date(2040, 1, 1):
        assert parse_be_date(format_be_date(d)) == d
        d += timedelta(days=37)


@pytest.mark.parametrize("bad", ["2026-11-22", "22/11/2026", "31/02/2569", "29/02/2569", "1/13/2569", "", "aa/bb/cccc"])
def test_parse_refuses_bad_or_christian_era_dates(bad):
    with pytest.raises(InvalidThaiDate):
        parse_be_date(bad)


def test_parse_accepts_single_digit_day_month_and_leap_day():
    assert parse_be_date("1/2/2569") == date(2026, 2, 1)
    assert parse_be_date("29/02/2567") == date(2024, 2, 29)


def test_long_thai_date():
    assert format_be_long(date(2026, 11, 22)) == "22 พฤศจิกายน 2569"


def test_service_date_is_the_bangkok_date():
    # 17:30 UTC on 22 Nov is 00:30 on 23 Nov in Bangkok.
    assert service_date(datetime(2026, 11, 22, 17, 30, tzinfo=UTC)) == date(2026, 11, 23)
    assert service_date(datetime(2026, 11, 22, 16, 59, tzinfo=UTC)) == date(2026, 11, 22)
    assert format_be_datetime(datetime(2026, 11, 22, 17, 30, tzinfo=UTC)) == "23/11/2569 00:30"
    with pytest.raises(ValueError):
        service_date(datetime(2026, 11, 22, 10, 0))


@pytest.mark.parametrize(
    "birth, on, expected",
    [
        (date(1997, 6, 27), date(2026, 11, 22), Age(29, 4, 26)),
        # birthday today: the year is completed today, not tomorrow
        (date(2010, 11, 22), date(2026, 11, 22), Age(16, 0, 0)),
        (date(2010, 11, 23), date(2026, 11, 22), Age(15, 11, 30)),
        (date(1966, 11, 22), date(2026, 11, 22), Age(60, 0, 0)),
        (date(1966, 11, 21), date(2026, 11, 22), Age(60, 0, 1)),
        # 29 February births: in a common year the anniversary is 28 February
        (date(2004, 2, 29), date(2005, 2, 28), Age(1, 0, 0)),
        (date(2004, 2, 29), date(2005, 2, 27), Age(0, 11, 29)),
        (date(2004, 2, 29), date(2005, 3, 1), Age(1, 0, 1)),
        (date(2004, 2, 29), date(2008, 2, 29), Age(4, 0, 0)),
        (date(2004, 2, 29), date(2008, 2, 28), Age(3, 11, 30)),
        # month-end births
        (date(2026, 1, 31), date(2026, 2, 28), Age(0, 1, 0)),
        (date(2026, 1, 31), date(2026, 3, 1), Age(0, 1, 1)),
        (date(2026, 11, 22), date(2026, 11, 22), Age(0, 0, 0)),
    ],
)
def test_age_in_completed_years_months_days(birth, on, expected):
    assert age_on(birth, on) == expected


def test_age_thai_text():
    assert age_on(date(1997, 6, 27), date(2026, 11, 22)).thai() == "29 ปี 4 เดือน 26 วัน"


def test_age_before_birth_refused():
    with pytest.raises(ValueError):
        age_on(date(2026, 11, 23), date(2026, 11, 22))


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
