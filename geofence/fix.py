"""What the tablet reports: its GPS fix, and the device's previous fix kept by the server."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def _check_point(latitude: float, longitude: float) -> None:
    if not -90.0 <= latitude <= 90.0 or not -180.0 <= longitude <= 180.0:
        raise ValueError(f"not a coordinate: ({latitude}, {longitude})")


def _check_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware")


@dataclass(frozen=True)
class GeoPoint:
    """A WGS-84 point in decimal degrees."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        _check_point(self.latitude, self.longitude)


@dataclass(frozen=True)
class Fix:
    """One GPS fix as the tablet reports it.

    ``fix_time`` is when the GPS receiver measured the position, ``captured_at`` when the app
    used it (both aware).  ``accuracy_m`` is Android's horizontal accuracy (metres, 68 %).
    ``mocked`` is Android's ``isFromMockProvider``/``isMock`` flag.
    """

    latitude: float
    longitude: float
    accuracy_m: float
    fix_time: datetime
    captured_at: datetime
    mocked: bool = False
    device_id: str = ""

    def __post_init__(self) -> None:
        _check_point(self.latitude, self.longitude)
        if self.accuracy_m < 0:
            raise ValueError("accuracy_m cannot be negative")
        _check_aware("fix_time", self.fix_time)
        _check_aware("captured_at", self.captured_at)

    @property
    def point(self) -> GeoPoint:
        return GeoPoint(self.latitude, self.longitude)


@dataclass(frozen=True)
class PreviousFix:
    """The last fix the server accepted from the same device (for the travel-speed check).

    ``device_id`` is optional; when both it and the new fix's ``device_id`` are given they must
    match (:func:`geofence.decision.decide` refuses to compare two devices' fixes).
    """

    latitude: float
    longitude: float
    fix_time: datetime
    device_id: str = ""

    def __post_init__(self) -> None:
        _check_point(self.latitude, self.longitude)
        _check_aware("fix_time", self.fix_time)

    @property
    def point(self) -> GeoPoint:
        return GeoPoint(self.latitude, self.longitude)
