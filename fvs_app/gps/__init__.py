"""GPS providers: plyer on Android (with Android's mock-location flag), a configured fix on desktop."""
from fvs_app.gps.base import Fix, GpsProvider
from fvs_app.gps.factory import make_gps

__all__ = ["Fix", "GpsProvider", "make_gps"]
