"""Unit readiness: every failing reason is listed."""
from datetime import UTC, date, datetime

import pytest

from oss_registry.errors import CATALOGUE
from oss_registry.lifecycle import change_status
from oss_registry.readiness import READINESS_REASONS, unit_readiness
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import add_staff
from oss_registry.units import create_unit
from tests.oss_registry.conftest import staff_data, unit_data

AT = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
DAILY = WeeklySchedule.parse("DAILY 08:00-17:00")


def test_unknown_unit_is_not_registered(session):
    assert unit_readiness(session, "00000", AT).reasons == ["NOT_REGISTERED"]


def test_an_active_unit_with_scheduled_verified_staff_is_ready(session, active_unit):
    add_staff(session, active_unit, staff_data(), DAILY)
    assert unit_readiness(session, active_unit.hcode, AT).ready


@pytest.mark.parametrize("statuses, reason", [
    ([], "NOT_ACTIVE"),                                  # applied
    (["approved"], "NOT_ACTIVE"),
    (["approved", "active", "suspended"], "SUSPENDED"),
    (["withdrawn"], "NOT_ACTIVE"),
])
def test_status_reasons(session, statuses, reason):
    unit = create_unit(session, unit_data(), by="t")
    add_staff(session, unit, staff_data(), DAILY)
    for status in statuses:
        change_status(session, unit, status, by="t")
    assert unit_readiness(session, unit.hcode, AT).reasons == [reason]


def test_a_unit_without_coordinates_is_not_ready(session, active_unit):
    add_staff(session, active_unit, staff_data(), DAILY)
    active_unit.latitude = active_unit.longitude = None
    result = unit_readiness(session, active_unit.hcode, AT)
    assert not result.ready and result.reasons == ["NO_COORDINATES"]


@pytest.mark.parametrize("changes, schedule, reason", [
    (None, None, "NO_VERIFIED_STAFF"),
    ({"verification_status": "PENDING"}, DAILY, "NO_VERIFIED_STAFF"),
    ({"end_date": date(2026, 11, 1)}, DAILY, "NO_VERIFIED_STAFF"),
    ({}, None, "NO_SCHEDULE"),
])
def test_staff_reasons(session, active_unit, changes, schedule, reason):
    if changes is not None:
        add_staff(session, active_unit, staff_data(**changes), schedule)
    assert unit_readiness(session, active_unit.hcode, AT).reasons == [reason]


def test_several_reasons_at_once_and_messages(session):
    unit = create_unit(session, unit_data(latitude=None, longitude=None), by="t")
    reasons = unit_readiness(session, unit.hcode, AT).reasons
    assert reasons == ["NOT_ACTIVE", "NO_COORDINATES", "NO_VERIFIED_STAFF"]
    assert all(r in READINESS_REASONS and all(CATALOGUE[r]) for r in reasons)
