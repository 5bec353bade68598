"""Stable reason codes of the geofence decision, and their one catalogue of Thai and English messages."""
from __future__ import annotations

from enum import StrEnum

from fvs_errors import Catalogue


class GeofenceCode(StrEnum):
    """Why a GPS fix passed or failed (stable: clients and audit rows store these)."""

    OK = "OK"
    OUTSIDE_GEOFENCE = "OUTSIDE_GEOFENCE"
    GPS_INACCURATE = "GPS_INACCURATE"
    GPS_OUT_OF_COUNTRY = "GPS_OUT_OF_COUNTRY"
    GPS_STALE = "GPS_STALE"
    GPS_MOCKED = "GPS_MOCKED"
    IMPOSSIBLE_TRAVEL = "IMPOSSIBLE_TRAVEL"


_MESSAGES: dict[GeofenceCode, tuple[str, str]] = {
    GeofenceCode.OK: ("อยู่ในพื้นที่หน่วยบริการ", "Within the unit's geofence"),
    GeofenceCode.OUTSIDE_GEOFENCE: (
        "ตำแหน่งแท็บเล็ตอยู่นอกพื้นที่หน่วยบริการ ({distance:.0f} ม. รัศมีที่อนุญาต {radius:.0f} ม.)",
        "The tablet is outside the unit's geofence ({distance:.0f} m, allowed radius {radius:.0f} m)",
    ),
    GeofenceCode.GPS_INACCURATE: (
        "สัญญาณ GPS ไม่แม่นยำพอ (คลาดเคลื่อน {accuracy:.0f} ม. เกิน {limit:.0f} ม.) กรุณาออกไปที่โล่งแล้วลองใหม่",
        "The GPS fix is not accurate enough ({accuracy:.0f} m, limit {limit:.0f} m); move to open sky and retry",
    ),
    GeofenceCode.GPS_OUT_OF_COUNTRY: (
        "ตำแหน่ง GPS อยู่นอกประเทศไทย", "The GPS fix is outside Thailand"
    ),
    GeofenceCode.GPS_STALE: (
        "ตำแหน่ง GPS เก่าเกินไปหรือเวลาของเครื่องไม่ถูกต้อง กรุณาอ่านตำแหน่งใหม่",
        "The GPS fix is too old or the device clock is wrong; take a new fix",
    ),
    GeofenceCode.GPS_MOCKED: (
        "ตรวจพบการปลอมตำแหน่ง GPS (mock location)", "A mock (fake) GPS location was detected"
    ),
    GeofenceCode.IMPOSSIBLE_TRAVEL: (
        "แท็บเล็ตเคลื่อนที่เร็วผิดปกติจากตำแหน่งก่อนหน้า ({speed:.0f} กม./ชม.)",
        "The tablet moved impossibly fast since its previous fix ({speed:.0f} km/h)",
    ),
}


CATALOGUE = Catalogue("geofence", {str(code): pair for code, pair in _MESSAGES.items()})
"""The geofence's one catalogue: every :class:`GeofenceCode` with its Thai and English message."""


def messages(code: GeofenceCode, **values: float) -> tuple[str, str]:
    """The (Thai, English) messages of ``code`` with its numbers filled in."""
    return CATALOGUE.messages(str(code), **values)
