"""Start-up settings of the tablet app: command-line values first, then ``FVS_APP_*`` variables.

| variable | meaning |
|---|---|
| ``FVS_APP_SERVER_URL`` | server address suggested on the pairing screen |
| ``FVS_APP_DATA_DIR`` | where the pairing and the device id are kept (default: Kivy's ``user_data_dir``) |
| ``FVS_APP_CAMERA`` | ``opencv:0`` (desktop camera 0), ``files:a.jpg,b.jpg`` (image files as frames), ``android`` |
| ``FVS_APP_GPS`` | ``lat,lon[,accuracy_m]``: the desktop's configured fix; unset on Android (plyer) |
| ``FVS_APP_GPS_MOCKED`` | ``1``: flag the configured fix as coming from a mock provider (demos) |
| ``FVS_APP_LANG`` | ``th`` (default) or ``en`` |
| ``FVS_APP_FONT`` | a TrueType file with Thai glyphs to use instead of the detected one |
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class RetryPolicy:
    """How a request without an answer is sent again (same Idempotency-Key every time)."""

    delays_s: tuple[float, ...] = (2.0, 4.0, 8.0, 15.0)  # the last repeats until an answer comes
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 45.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after the ``attempt``-th failed try (1-based)."""
        return self.delays_s[min(attempt, len(self.delays_s)) - 1]


@dataclass(frozen=True)
class AppConfig:
    server_url: str | None = None
    data_dir: Path | None = None
    camera: str | None = None
    gps: str | None = None
    gps_mocked: bool = False
    language: str = "th"
    font: str | None = None
    fix_max_age_s: float = 120.0  # a fix older than this is not used (the server allows 5 minutes)
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @classmethod
    def from_env(cls, **overrides: object) -> AppConfig:
        """Environment values, replaced by every override that is not None."""
        env = os.environ
        values: dict[str, object] = {
            "server_url": env.get("FVS_APP_SERVER_URL") or None,
            "data_dir": Path(env["FVS_APP_DATA_DIR"]) if env.get("FVS_APP_DATA_DIR") else None,
            "camera": env.get("FVS_APP_CAMERA") or None,
            "gps": env.get("FVS_APP_GPS") or None,
            "gps_mocked": env.get("FVS_APP_GPS_MOCKED", "") in ("1", "true", "yes"),
            "language": env.get("FVS_APP_LANG") or "th",
            "font": env.get("FVS_APP_FONT") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def on_android() -> bool:
    return "ANDROID_ARGUMENT" in os.environ or hasattr(sys, "getandroidapilevel")
