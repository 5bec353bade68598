"""Location: the tablet's GPS fix with its accuracy and age; a stale fix cannot be used and a fix
from a mock-location app is flagged."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from fvs_app.gps.base import Fix
from fvs_app.ui.screens.base import BaseScreen

REFRESH_S = 0.5


def fix_is_fresh(fix: Fix | None, max_age_s: float, now: datetime | None = None) -> bool:
    return fix is not None and fix.age_s(now or datetime.now(UTC)) <= max_age_s


class LocationScreen(BaseScreen):
    fix_text = StringProperty("")
    fresh = BooleanProperty(False)
    mocked = BooleanProperty(False)
    _event: Any = None

    def on_enter(self, *args: Any) -> None:
        self.app.gps.start()
        self.update()
        self._event = Clock.schedule_interval(lambda _dt: self.update(), REFRESH_S)

    def on_leave(self, *args: Any) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def update(self) -> None:
        gps = self.app.gps
        fix = gps.latest()
        if fix is None:
            error = gps.error()
            self.fix_text, self.fresh, self.mocked = "", False, False
            if error:
                self.tell("loc.unavailable", "error", detail=error)
            else:
                self.tell("loc.waiting")
            return
        age = fix.age_s(datetime.now(UTC))
        self.fix_text = "\n".join((self.app.t("loc.fix", lat=fix.latitude, lon=fix.longitude),
                                   self.app.t("loc.accuracy", acc=fix.accuracy_m),
                                   self.app.t("loc.age", age=int(age))))
        self.fresh = fix_is_fresh(fix, self.app.settings.fix_max_age_s)
        self.mocked = fix.mocked
        if not self.fresh:
            self.tell("loc.stale", "error")
        elif fix.mocked:
            self.tell("loc.mocked", "error")
        else:
            self.tell("loc.fresh", "ok")

    def refresh(self) -> None:
        gps = self.app.gps
        gps.stop()
        gps.start()
        self.update()

    def next(self) -> None:
        self.update()
        if self.fresh:
            self.app.visit.fix = self.app.gps.latest()
            self.app.go("capture")
