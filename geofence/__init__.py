"""Geofence: is the tablet's GPS fix at the unit it claims to be at?

Plain Python on :mod:`geopy` (geodesic distances on the WGS-84 ellipsoid); no web framework,
no database.  The caller passes the unit's point and radius, the fix and the device's previous
fix; :func:`decide` answers with a stable :class:`GeofenceCode`, the distance and messages.
"""
from geofence.decision import GeofenceResult, decide, distance_m, travel_speed_kmh
from geofence.fix import Fix, GeoPoint, PreviousFix
from geofence.policy import DEFAULT_POLICY, GeofencePolicy
from geofence.reasons import GeofenceCode

__all__ = [
    "DEFAULT_POLICY", "Fix", "GeoPoint", "GeofenceCode", "GeofencePolicy", "GeofenceResult",
    "PreviousFix", "decide", "distance_m", "travel_speed_kmh",
]
