"""Citizen: the ID on a numeric pad with live check-digit validation, the person panel from the
server (name, age on the service date, right), the phone of the patient or guardian (filled in
when known) and the service type."""
from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, DictProperty, ListProperty, StringProperty

from fvs_app.thai_id import PID_LENGTH, PidState, format_pid, pid_state
from fvs_app.ui.screens.base import BaseScreen
from fvs_app.ui.widgets import apply_key
from fvs_app.visit import phone_valid

PHONE_MAX = 10


class CitizenScreen(BaseScreen):
    pid = StringProperty("")
    state = StringProperty(PidState.EMPTY.value)
    citizen = DictProperty({})
    phone = StringProperty("")
    phone_known = BooleanProperty(False)
    target = StringProperty("pid")  # which field the pad types into
    service_names = ListProperty([])
    service_codes = ListProperty([])
    profession_name = StringProperty("")

    def on_enter(self, *args: Any) -> None:
        visit = self.app.visit
        self.profession_name = visit.profession_name
        if visit.pid != self.pid or not visit.pid:
            self.reset()
        types = self.app.screen("profession").allowed_service_types(visit.profession)
        self.service_codes = [t["code"] for t in types]
        self.service_names = [f"{self.app.name_of(t)} ({t['code']})" for t in types]
        if visit.service_type not in self.service_codes:
            visit.service_type = self.service_codes[0] if self.service_codes else ""
        self.ids.service.text = self.service_label(visit.service_type)

    def reset(self) -> None:
        self.pid, self.state, self.citizen, self.phone, self.phone_known, self.target = \
            "", PidState.EMPTY.value, {}, "", False, "pid"
        self.say("")

    def service_label(self, code: str) -> str:
        return self.service_names[self.service_codes.index(code)] if code in self.service_codes else ""

    def choose_service(self, label: str) -> None:
        if label in self.service_names:
            self.app.visit.service_type = self.service_codes[self.service_names.index(label)]

    def on_pad(self, key: str) -> None:
        if self.target == "phone":
            self.phone = apply_key(self.phone, key, PHONE_MAX)
            return
        self.pid = apply_key(self.pid, key, PID_LENGTH)

    def on_pid(self, _screen: Any, pid: str) -> None:
        self.state = pid_state(pid).value
        if self.citizen.get("pid") != pid:
            self.citizen, self.phone, self.phone_known = {}, "", False
        if self.state == PidState.VALID.value and not self.citizen:
            self.look_up(pid)
        elif self.state != PidState.VALID.value:
            self.say("")

    def look_up(self, pid: str) -> None:
        def done(citizen: dict[str, Any]) -> None:
            if citizen.get("pid") != self.pid:  # the ID was changed while we asked
                return
            self.citizen = citizen
            self.phone = citizen.get("phone") or ""
            self.phone_known = bool(self.phone)
            self.target = "phone"
            self.say("")

        self.call(lambda client: client.citizen(pid), done, busy_text="cit.looking_up")

    def pid_text(self, pid: str) -> str:
        return format_pid(pid) if pid else "_ - _ _ _ _ - _ _ _ _ _ - _ _ - _"

    def pid_hint(self, state: str, pid: str, _lang: str) -> str:
        return self.app.t(f"cit.pid.{state}", n=len(pid))

    def person_lines(self, citizen: dict[str, Any], _lang: str) -> str:
        if not citizen:
            return ""
        name = f"{citizen.get('title_th', '')}{citizen.get('first_name_th', '')} {citizen.get('last_name_th', '')}"
        if self.app.lang == "en" and citizen.get("first_name_en"):
            name = f"{citizen['first_name_en']} {citizen.get('last_name_en') or ''}"
        age = (citizen.get("age") or {}).get("text_th", "")
        right = f"({citizen.get('right_code', '')}) {citizen.get('right_name_th', '')}"
        return "\n".join((self.app.t("cit.name", name=name.strip()), self.app.t("cit.age", age=age),
                          self.app.t("cit.right", right=right)))

    def ready(self, citizen: dict[str, Any], phone: str, busy: bool) -> bool:
        return bool(citizen) and phone_valid(phone) and not busy and bool(self.app.visit and self.app.visit.service_type)

    def next(self) -> None:
        if not self.ready(self.citizen, self.phone, self.busy):
            return
        visit = self.app.visit
        visit.pid, visit.citizen, visit.phone = self.pid, dict(self.citizen), self.phone
        visit.clear_capture()
        self.app.go("location")
