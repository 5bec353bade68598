"""Today: this tablet's claims of today (recorded by its device token), searchable by citizen ID."""
from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import ListProperty, NumericProperty, StringProperty

from fvs_app.formatting import hhmm, parse_instant, today_bangkok
from fvs_app.thai_id import mask_pid
from fvs_app.ui.screens.base import BaseScreen

PAGE = 200


class TodayScreen(BaseScreen):
    claims = ListProperty([])
    total = NumericProperty(-1)
    came_from = StringProperty("pairing")

    def on_pre_enter(self, *args: Any) -> None:
        previous = self.manager.current_screen.name if self.manager.current_screen is not self else self.came_from
        self.came_from = previous if previous != "today" else self.came_from
        self.search()

    def search(self) -> None:
        pid = "".join(ch for ch in self.ids.pid.text if ch.isdigit())
        day = today_bangkok().isoformat()
        params = {"service_from": day, "service_to": day, "created_by": str(self.app.me.get("id") or ""),
                  "pid": pid, "limit": str(PAGE)}

        def done(page: dict[str, Any]) -> None:
            self.claims, self.total = list(page.get("items", [])), int(page.get("total", 0))
            if self.total:
                self.tell("today.count", total=self.total)
            else:
                self.tell("today.empty")

        self.call(lambda client: client.claims(**params), done, busy_text="common.loading")

    def on_claims(self, *_args: Any) -> None:
        box = self.ids.list
        box.clear_widgets()
        for claim in self.claims:
            text = self.app.t("today.row", time=hhmm(parse_instant(claim["service_at"])), code=claim["code"],
                              pid=mask_pid(claim["pid"]), status=claim["status"])
            row = Factory.Card()
            row.add_widget(Factory.FLabel(text=text))
            box.add_widget(row)

    def back(self) -> None:
        self.app.go(self.came_from)
