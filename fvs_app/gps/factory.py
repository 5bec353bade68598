"""Choose a GPS provider: a configured fix when one is given, else plyer (Android)."""
from __future__ import annotations

from fvs_app.gps.base import GpsProvider


def make_gps(spec: str | None, *, mocked: bool = False) -> GpsProvider:
    if spec:
        from fvs_app.gps.fixed import FixedGps

        return FixedGps.parse(spec, mocked=mocked)
    from fvs_app.gps.plyer_gps import PlyerGps

    return PlyerGps()
