"""A configured fix for desktops (no GPS): ``FVS_APP_GPS=lat,lon[,accuracy]``, measured "now"."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fvs_app.gps.base import Fix


class FixedGps:
    def __init__(self, latitude: float, longitude: float, accuracy_m: float = 10.0, *, mocked: bool = False,
                 age_s: float = 0.0):
        self.latitude, self.longitude, self.accuracy_m = latitude, longitude, accuracy_m
        self.mocked, self.age_s = mocked, age_s
        self._started = False

    @classmethod
    def parse(cls, text: str, *, mocked: bool = False) -> FixedGps:
        parts = [float(p) for p in text.split(",")]
        if len(parts) not in (2, 3):
            raise ValueError("expected lat,lon[,accuracy_m]")
        return cls(*parts, mocked=mocked)

    def start(self) -> None:
        self._started = True

    def stop(self) -> None:
        self._started = False

    def latest(self) -> Fix | None:
        if not self._started:
            return None
        measured = datetime.now(UTC) - timedelta(seconds=self.age_s)
        return Fix(self.latitude, self.longitude, self.accuracy_m, measured, self.mocked, "configured")

    def error(self) -> str | None:
        return None
