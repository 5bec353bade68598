"""A GPS fix as the server wants it, and what the app needs from a GPS provider."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Fix:
    latitude: float
    longitude: float
    accuracy_m: float
    time: datetime  # when the position was measured (aware)
    mocked: bool = False
    source: str = "gps"

    def age_s(self, now: datetime) -> float:
        return max(0.0, (now - self.time).total_seconds())

    def form(self) -> dict[str, str]:
        """The verification's GPS form fields."""
        return {"latitude": f"{self.latitude:.7f}", "longitude": f"{self.longitude:.7f}",
                "accuracy_m": f"{self.accuracy_m:.1f}", "fix_time": self.time.isoformat(),
                "mocked": "true" if self.mocked else "false"}


class GpsProvider(Protocol):
    def start(self) -> None:
        """Begin listening (idempotent)."""

    def stop(self) -> None:
        """Stop listening (idempotent)."""

    def latest(self) -> Fix | None:
        """The newest fix, or None before the first."""

    def error(self) -> str | None:
        """Why there is no fix (permission refused, GPS off), or None."""
