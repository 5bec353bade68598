"""Only an accepted GPS fix becomes the tablet's previous fix for the impossible-travel check."""
from datetime import timedelta

from oss_registry.units import get_unit
from server.services.gps import GpsFix, check
from server.tables import DeviceFix
from tests.conftest import FIXED_NOW


def test_a_refused_fix_is_not_remembered(session, world):
    unit = get_unit(session, world.pharmacy)  # Bangkok
    far = GpsFix(18.7883, 98.9853, 10, FIXED_NOW - timedelta(seconds=2))  # Chiang Mai: outside the geofence
    assert check(session, unit=unit, fix=far, device_id="tablet-9", now=FIXED_NOW).code == "OUTSIDE_GEOFENCE"
    assert session.get(DeviceFix, "tablet-9") is None
    here = GpsFix(unit.latitude + 0.0001, unit.longitude, 10, FIXED_NOW - timedelta(seconds=1))
    result = check(session, unit=unit, fix=here, device_id="tablet-9", now=FIXED_NOW)  # one second after the Chiang Mai fix
    assert result.ok and result.code == "OK"  # not IMPOSSIBLE_TRAVEL at thousands of km/h
    assert session.get(DeviceFix, "tablet-9").latitude == here.latitude


def test_an_accepted_fix_is_remembered_and_travel_from_it_is_checked(session, world):
    unit = get_unit(session, world.pharmacy)
    then = FIXED_NOW - timedelta(minutes=10)
    here = GpsFix(unit.latitude, unit.longitude, 10, then - timedelta(seconds=1))
    assert check(session, unit=unit, fix=here, device_id="tablet-8", now=then).ok
    clinic = get_unit(session, world.clinic)  # Chiang Mai, ~580 km away, 10 minutes later
    later = GpsFix(clinic.latitude, clinic.longitude, 10, FIXED_NOW - timedelta(seconds=1))
    assert check(session, unit=clinic, fix=later, device_id="tablet-8", now=FIXED_NOW).code == "IMPOSSIBLE_TRAVEL"
