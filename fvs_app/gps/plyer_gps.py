"""Android GPS through plyer, with the fix time and the mock-location flag read from Android.

plyer's callback gives latitude, longitude and accuracy only; the app then reads the provider's
last ``android.location.Location`` (pyjnius) for its time and ``isFromMockProvider()`` (API 18+;
``isMock()`` on API 31+), so a fix from a mock-location app is flagged and the server refuses it.
"""
from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from fvs_app.gps.base import Fix


def _android_location() -> Any:
    """The GPS provider's last Location object, or None."""
    try:
        from jnius import autoclass, cast  # type: ignore[import-not-found]
    except ImportError:
        return None
    activity = autoclass("org.kivy.android.PythonActivity").mActivity
    context = autoclass("android.content.Context")
    manager = cast("android.location.LocationManager", activity.getSystemService(context.LOCATION_SERVICE))
    return manager.getLastKnownLocation("gps")


def _is_mock(location: Any) -> bool:
    for method in ("isMock", "isFromMockProvider"):
        if hasattr(location, method):
            try:
                return bool(getattr(location, method)())
            except Exception:
                continue
    return False


class PlyerGps:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fix: Fix | None = None
        self._error: str | None = None
        self._started = False

    def start(self) -> None:
        if self._started:
            return
        try:
            from plyer import gps
            gps.configure(on_location=self._on_location, on_status=self._on_status)
            gps.start(minTime=1000, minDistance=0)
        except (ImportError, NotImplementedError) as exc:
            self._error = f"GPS not available: {exc}"
            return
        self._started = True

    def stop(self) -> None:
        if self._started:
            from plyer import gps
            gps.stop()
            self._started = False

    def _on_location(self, **kwargs: Any) -> None:
        measured, mocked = datetime.now(UTC), False
        location = _android_location()
        if location is not None:
            measured = datetime.fromtimestamp(location.getTime() / 1000, UTC)
            mocked = _is_mock(location)
        fix = Fix(float(kwargs["lat"]), float(kwargs["lon"]), float(kwargs.get("accuracy") or 9999.0),
                  measured, mocked, "android")
        with self._lock:
            self._fix, self._error = fix, None

    def _on_status(self, stype: str, status: str) -> None:
        if stype == "provider-disabled" or "denied" in str(status).lower():
            with self._lock:
                self._error = f"{stype}: {status}"

    def latest(self) -> Fix | None:
        with self._lock:
            return self._fix

    def error(self) -> str | None:
        with self._lock:
            return self._error
