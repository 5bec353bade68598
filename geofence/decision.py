"""Decide whether a tablet's GPS fix puts it at the unit it claims to be at."""
from __future__ import annotations

from dataclasses import dataclass

from geopy.distance import geodesic

from geofence.fix import Fix, GeoPoint, PreviousFix
from geofence.policy import DEFAULT_POLICY, GeofencePolicy
from geofence.reasons import GeofenceCode, messages


@dataclass(frozen=True)
class GeofenceResult:
    """The outcome: ``ok`` only for :attr:`GeofenceCode.OK`; ``distance_m`` is always measured."""

    code: GeofenceCode
    distance_m: float
    message_th: str
    message_en: str
    speed_kmh: float | None = None

    @property
    def ok(self) -> bool:
        return self.code is GeofenceCode.OK


def distance_m(a: GeoPoint, b: GeoPoint) -> float:
    """Geodesic (WGS-84 ellipsoid) distance in metres."""
    return geodesic((a.latitude, a.longitude), (b.latitude, b.longitude)).meters


def travel_speed_kmh(previous: PreviousFix, fix: Fix, slack_m: float = 0.0) -> float:
    """Speed from ``previous`` to ``fix`` in km/h, the first ``slack_m`` metres forgiven.

    The time between the fixes is taken in absolute value (fixes may arrive out of order) and
    counted as at least one second, so the speed is always finite.
    """
    moved = max(0.0, distance_m(previous.point, fix.point) - slack_m)
    seconds = max(1.0, abs((fix.fix_time - previous.fix_time).total_seconds()))
    return moved / seconds * 3.6


def decide(
    unit: GeoPoint,
    radius_m: float,
    fix: Fix,
    previous: PreviousFix | None = None,
    policy: GeofencePolicy = DEFAULT_POLICY,
) -> GeofenceResult:
    """Check ``fix`` against the unit's registered point and radius.

    Checks run in this order and the first failure is the answer:

    1. ``GPS_MOCKED``: the device flags a mock location.
    2. ``GPS_OUT_OF_COUNTRY``: the fix is outside the policy's bounding box (Thailand).
    3. ``GPS_STALE``: the fix is older than ``max_fix_age`` at capture time, or later than
       the capture time by more than ``max_future_skew``.
    4. ``GPS_INACCURATE``: the reported accuracy is larger than ``max_accuracy_m``.
    5. ``IMPOSSIBLE_TRAVEL``: since ``previous`` (the device's last fix, if the caller has one)
       the device moved faster than ``max_speed_kmh`` (first ``travel_slack_m`` forgiven).
       ``ValueError`` if ``previous`` names another device than ``fix``.
    6. ``OUTSIDE_GEOFENCE`` / ``OK``: **pass only when the geodesic distance ≤ radius**.

    Edge rule: the reported accuracy is neither added nor subtracted — a fix 1 m inside the
    radius passes, 1 m outside fails, whatever its accuracy, as long as the accuracy is within
    ``max_accuracy_m`` (otherwise it is ``GPS_INACCURATE`` wherever it lies).  This keeps the
    rule predictable for units and auditors; the accuracy limit bounds the error.
    """
    if radius_m <= 0:
        raise ValueError("radius_m must be positive")
    if previous is not None and previous.device_id and fix.device_id not in ("", previous.device_id):
        raise ValueError("the previous fix belongs to another device")
    distance = distance_m(unit, fix.point)

    def result(code: GeofenceCode, speed_kmh: float | None = None, **values: float) -> GeofenceResult:
        th, en = messages(code, **values)
        return GeofenceResult(code, distance, th, en, speed_kmh)

    if fix.mocked:
        return result(GeofenceCode.GPS_MOCKED)
    if not policy.in_country(fix.latitude, fix.longitude):
        return result(GeofenceCode.GPS_OUT_OF_COUNTRY)
    age = fix.captured_at - fix.fix_time
    if age > policy.max_fix_age or -age > policy.max_future_skew:
        return result(GeofenceCode.GPS_STALE)
    if fix.accuracy_m > policy.max_accuracy_m:
        return result(GeofenceCode.GPS_INACCURATE, accuracy=fix.accuracy_m, limit=policy.max_accuracy_m)
    if previous is not None:
        speed = travel_speed_kmh(previous, fix, policy.travel_slack_m)
        if speed > policy.max_speed_kmh:
            return result(GeofenceCode.IMPOSSIBLE_TRAVEL, speed, speed=speed)
    if distance > radius_m:
        return result(GeofenceCode.OUTSIDE_GEOFENCE, distance=distance, radius=radius_m)
    return result(GeofenceCode.OK)
