"""The geofence decision, table-driven, with edges measured on the geodesic itself."""
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from geopy import Point
from geopy.distance import geodesic

from geofence import (
    DEFAULT_POLICY,
    Fix,
    GeofenceCode,
    GeofencePolicy,
    GeoPoint,
    PreviousFix,
    decide,
)
from geofence.reasons import CATALOGUE, messages

UNIT = GeoPoint(13.7563, 100.5018)  # Bangkok
RADIUS = 100.0
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def at_distance(metres: float, bearing: float = 37.0) -> tuple[float, float]:
    p = geodesic(meters=metres).destination(Point(UNIT.latitude, UNIT.longitude), bearing)
    return p.latitude, p.longitude


def fix_at(metres: float = 10.0, **changes) -> Fix:
    lat, lon = at_distance(metres)
    base = Fix(latitude=lat, longitude=lon, accuracy_m=15.0, fix_time=NOW - timedelta(seconds=20),
               captured_at=NOW, mocked=False, device_id="tab-1")
    return replace(base, **changes)


@pytest.mark.parametrize("metres, bearing, code", [
    (0.0, 0.0, GeofenceCode.OK),
    (RADIUS - 1, 0.0, GeofenceCode.OK),
    (RADIUS - 1, 200.0, GeofenceCode.OK),
    (RADIUS + 1, 0.0, GeofenceCode.OUTSIDE_GEOFENCE),
    (RADIUS + 1, 200.0, GeofenceCode.OUTSIDE_GEOFENCE),
    (5000.0, 90.0, GeofenceCode.OUTSIDE_GEOFENCE),
])
def test_radius_edge_on_the_geodesic(metres, bearing, code):
    lat, lon = at_distance(metres, bearing)
    result = decide(UNIT, RADIUS, fix_at(latitude=lat, longitude=lon))
    assert result.code is code
    assert result.ok is (code is GeofenceCode.OK)
    assert result.distance_m == pytest.approx(metres, abs=0.01)
    assert result.message_th and result.message_en


@pytest.mark.parametrize("accuracy, metres, code", [
    (100.0, 10.0, GeofenceCode.OK),                    # at the limit: accepted
    (100.1, 10.0, GeofenceCode.GPS_INACCURATE),        # over the limit, even right at the unit
    (100.1, 500.0, GeofenceCode.GPS_INACCURATE),       # inaccuracy is reported before distance
    (90.0, RADIUS + 1, GeofenceCode.OUTSIDE_GEOFENCE),  # accuracy is not subtracted from distance
    (90.0, RADIUS - 1, GeofenceCode.OK),
])
def test_accuracy_rules(accuracy, metres, code):
    assert decide(UNIT, RADIUS, fix_at(metres, accuracy_m=accuracy)).code is code


def test_mock_location_is_refused_first():
    result = decide(UNIT, RADIUS, fix_at(mocked=True, accuracy_m=500.0))
    assert result.code is GeofenceCode.GPS_MOCKED and not result.ok


@pytest.mark.parametrize("fix_age, code", [
    (timedelta(minutes=5), GeofenceCode.OK),
    (timedelta(minutes=5, seconds=1), GeofenceCode.GPS_STALE),
    (timedelta(hours=3), GeofenceCode.GPS_STALE),
    (-timedelta(minutes=1), GeofenceCode.OK),  # fix slightly after capture: clock skew allowed
    (-timedelta(minutes=1, seconds=1), GeofenceCode.GPS_STALE),
])
def test_stale_and_future_fixes(fix_age, code):
    assert decide(UNIT, RADIUS, fix_at(fix_time=NOW - fix_age, captured_at=NOW)).code is code


@pytest.mark.parametrize("lat, lon, code", [
    (1.3521, 103.8198, GeofenceCode.GPS_OUT_OF_COUNTRY),   # Singapore
    (21.0278, 105.8342, GeofenceCode.GPS_OUT_OF_COUNTRY),  # Hanoi
    (51.5, -0.12, GeofenceCode.GPS_OUT_OF_COUNTRY),        # London
    (18.7883, 98.9853, GeofenceCode.OUTSIDE_GEOFENCE),     # Chiang Mai: in Thailand, far away
])
def test_out_of_country(lat, lon, code):
    assert decide(UNIT, RADIUS, fix_at(latitude=lat, longitude=lon)).code is code


@pytest.mark.parametrize("previous_km, minutes_ago, code", [
    (700.0, 60, GeofenceCode.IMPOSSIBLE_TRAVEL),  # Chiang Mai → Bangkok in an hour
    (700.0, 180, GeofenceCode.OK),                # ~233 km/h: a fast car or a flight, allowed
    (0.15, 0, GeofenceCode.OK),                   # GPS jitter within the slack, same instant
    (5.0, 0, GeofenceCode.IMPOSSIBLE_TRAVEL),     # moved 5 km in no time
])
def test_impossible_travel(previous_km, minutes_ago, code):
    fix = fix_at()
    p = geodesic(kilometers=previous_km).destination(Point(fix.latitude, fix.longitude), 330.0)
    previous = PreviousFix(p.latitude, p.longitude, fix.fix_time - timedelta(minutes=minutes_ago))
    result = decide(UNIT, RADIUS, fix, previous)
    assert result.code is code
    if code is GeofenceCode.IMPOSSIBLE_TRAVEL:
        assert result.speed_kmh > DEFAULT_POLICY.max_speed_kmh


def test_policy_is_tunable():
    strict = GeofencePolicy(max_accuracy_m=20.0)
    assert decide(UNIT, RADIUS, fix_at(accuracy_m=25.0), policy=strict).code is GeofenceCode.GPS_INACCURATE


@pytest.mark.parametrize("bad", [
    {"latitude": 91.0}, {"longitude": 181.0}, {"accuracy_m": -1.0},
    {"fix_time": datetime(2026, 11, 22, 10, 0)},
])
def test_impossible_input_is_refused(bad):
    with pytest.raises(ValueError):
        fix_at(**bad)


def test_radius_must_be_positive():
    with pytest.raises(ValueError):
        decide(UNIT, 0, fix_at())


@pytest.mark.parametrize("previous_device, ok", [("tab-1", True), ("", True), ("tab-2", False)])
def test_previous_fix_must_be_from_the_same_device(previous_device, ok):
    fix = fix_at()
    previous = PreviousFix(fix.latitude, fix.longitude, fix.fix_time - timedelta(minutes=1), previous_device)
    if ok:
        assert decide(UNIT, RADIUS, fix, previous).code is GeofenceCode.OK
    else:
        with pytest.raises(ValueError):
            decide(UNIT, RADIUS, fix, previous)


@pytest.mark.parametrize("code", list(GeofenceCode))
def test_every_code_has_thai_and_english_messages(code):
    assert code in CATALOGUE
    th, en = messages(code, distance=812.0, radius=100.0, accuracy=150.0, limit=100.0, speed=900.0)
    assert th and en and th != en and "{" not in th + en
