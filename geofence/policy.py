"""The tunable limits of the geofence decision."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class GeofencePolicy:
    """Limits a GPS fix must respect (defaults are NHSO's starting values).

    * ``max_accuracy_m``: a fix whose reported accuracy (68 % radius, metres) is larger is
      refused as ``GPS_INACCURATE``; the accuracy is *not* added to or subtracted from the
      distance (see :func:`geofence.decision.decide`).
    * ``max_fix_age``: a fix older than this at capture time is ``GPS_STALE``.
    * ``max_future_skew``: a fix time later than the capture time by more than this is also
      ``GPS_STALE`` (a wrong device clock).
    * ``max_speed_kmh``: travelling faster than this since the device's previous fix is
      ``IMPOSSIBLE_TRAVEL``; the first ``travel_slack_m`` metres of the move are forgiven so
      GPS jitter between two quick fixes never looks like a flight.
    * the bounding box is Thailand's (a fix outside is ``GPS_OUT_OF_COUNTRY``).
    """

    max_accuracy_m: float = 100.0
    max_fix_age: timedelta = timedelta(minutes=5)
    max_future_skew: timedelta = timedelta(minutes=1)
    max_speed_kmh: float = 300.0
    travel_slack_m: float = 200.0
    min_latitude: float = 5.5
    max_latitude: float = 20.5
    min_longitude: float = 97.3
    max_longitude: float = 105.7

    def in_country(self, latitude: float, longitude: float) -> bool:
        """Whether a point lies inside the policy's bounding box (edges included)."""
        return (self.min_latitude <= latitude <= self.max_latitude
                and self.min_longitude <= longitude <= self.max_longitude)


DEFAULT_POLICY = GeofencePolicy()
