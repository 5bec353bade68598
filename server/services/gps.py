"""The tablet's GPS fix against the unit's registered point (geofence) and the device's last fix."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import geofence
from oss_registry.tables import Unit
from server.decision.evidence import GeofenceEvidence
from server.errors import CATALOGUE
from server.tables import DeviceFix


@dataclass(frozen=True)
class GpsFix:
    latitude: float
    longitude: float
    accuracy_m: float
    fix_time: datetime
    mocked: bool = False


def check(session: Session, *, unit: Unit, fix: GpsFix | None, device_id: str, now: datetime) -> GeofenceEvidence | None:
    """Judge the fix (None when no fix was sent or the unit has no point).

    Only an accepted fix becomes the device's previous fix for the impossible-travel check: a
    refused one (outside the geofence, inaccurate, stale, mocked…) says nothing trustworthy about
    where the device was.
    """
    if fix is None or unit.latitude is None or unit.longitude is None:
        return None
    try:
        judged = geofence.Fix(fix.latitude, fix.longitude, fix.accuracy_m, fix.fix_time, now, fix.mocked, device_id)
    except ValueError as exc:
        raise CATALOGUE.error("INVALID_GPS", reason_th="ค่าพิกัดหรือเวลาไม่ถูกต้อง", reason_en=str(exc)) from None
    last = session.get(DeviceFix, device_id)
    previous = None if last is None else geofence.PreviousFix(last.latitude, last.longitude, last.fix_time, device_id)
    result = geofence.decide(geofence.GeoPoint(unit.latitude, unit.longitude), unit.geofence_radius_m, judged, previous)
    if result.ok:
        _remember(session, device_id, fix)
    return GeofenceEvidence(result.ok, str(result.code), round(result.distance_m, 1), result.message_th, result.message_en)


def _remember(session: Session, device_id: str, gps: GpsFix) -> None:
    """Make ``gps`` the device's previous fix unless a newer one is stored (two requests of the
    same device may race to store its first fix: the loser updates the winner's row)."""
    last = session.get(DeviceFix, device_id)
    if last is None:
        try:
            with session.begin_nested():
                session.add(DeviceFix(device_id=device_id, latitude=gps.latitude, longitude=gps.longitude,
                                      fix_time=gps.fix_time))
            return
        except IntegrityError:
            last = session.get(DeviceFix, device_id, populate_existing=True)
    if last is not None and gps.fix_time >= last.fix_time:
        last.latitude, last.longitude, last.fix_time = gps.latitude, gps.longitude, gps.fix_time
        session.flush()
