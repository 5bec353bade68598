"""Profession: the unit's professions with someone on duty now; the others disabled with the reason."""
from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import ListProperty

from fvs_app.api_client import FvsClient
from fvs_app.ui.screens.base import BaseScreen


class ProfessionScreen(BaseScreen):
    professions = ListProperty([])
    service_types = ListProperty([])

    def on_kv_post(self, base_widget: Any) -> None:
        super().on_kv_post(base_widget)
        self.app.bind(lang=lambda *_a: self.render())

    def on_enter(self, *args: Any) -> None:
        self.load()

    def load(self) -> None:
        self.professions = []
        hcode = self.app.hcode

        def work(client: FvsClient) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return client.professions(hcode), client.service_types()

        def done(answer: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
            self.professions, self.service_types = answer
            if self.professions:
                self.say("")
            else:
                self.tell("prof.none", "warn")

        self.call(work, done, busy_text="common.loading")

    def on_professions(self, *_args: Any) -> None:
        self.render()

    def render(self) -> None:
        box = self.ids.list
        box.clear_widgets()
        for item in self.professions:
            name = self.app.name_of(item)
            on_duty = bool(item.get("on_duty"))
            text = self.app.t("prof.on_duty" if on_duty else "prof.off", name=name, count=item.get("staff_count", 0))
            button = Factory.FButton(text=text, disabled=not on_duty)
            button.profession_code = item["code"]
            button.bind(on_release=lambda _b, it=item: self.choose(it))
            box.add_widget(button)
            reason = item.get("reason")
            if reason and not item.get("on_duty"):
                box.add_widget(Factory.Note(text=self.app.server_text(reason)))

    def choose(self, item: dict[str, Any]) -> None:
        visit = self.app.visit
        visit.profession, visit.profession_name = item["code"], self.app.name_of(item)
        self.app.go("citizen")

    def allowed_service_types(self, profession: str) -> list[dict[str, Any]]:
        """Active service types this profession may provide (an empty list on the type: any)."""
        return [t for t in self.service_types
                if t.get("active", True) and (not t.get("professions") or profession in t["professions"])]
