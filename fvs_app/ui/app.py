"""The Kivy application: shared state, services and navigation between the screens.

Screens (``kv/*.kv`` + :mod:`fvs_app.ui.screens`): pairing → profession → citizen → location →
capture → result, and "today".  Network calls run on :class:`~fvs_app.background.Background`
threads; results come back on the UI thread through ``Clock.schedule_once``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, DictProperty, NumericProperty, StringProperty
from kivy.uix.widget import Widget

from fvs_app.api_client import FvsClient
from fvs_app.background import Background
from fvs_app.camera import CameraProvider, make_camera
from fvs_app.config import AppConfig, on_android
from fvs_app.gps import GpsProvider, make_gps
from fvs_app.pairing import Pairing, PairingStore
from fvs_app.strings import server_message, strings_for
from fvs_app.visit import Visit

KV_DIR = Path(__file__).resolve().parent.parent / "kv"
KV_FILES = ("widgets.kv", "pairing.kv", "profession.kv", "citizen.kv", "location.kv", "capture.kv",
            "result.kv", "today.kv", "root.kv")
TEXT_SCALES = {"S": 1.0, "M": 1.25, "L": 1.5}


class _ClockTimer:
    def __init__(self, event: Any):
        self._event = event

    def cancel(self) -> None:
        self._event.cancel()


class FvsApp(App):
    title = "FVS"
    #: the catalogue in the current language; kv reads ``app.s['key']``
    s = DictProperty(strings_for("th"))
    lang = StringProperty("th")
    font_scale = NumericProperty(1.0)
    text_size_name = StringProperty("S")
    unit_name = StringProperty("")
    hcode = StringProperty("")
    paired = BooleanProperty(False)

    def __init__(self, config: AppConfig | None = None, *, camera: CameraProvider | None = None,
                 gps: GpsProvider | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.settings = config or AppConfig.from_env()
        self.background = Background()
        self._camera = camera
        self._gps = gps
        self.client: FvsClient | None = None
        self.pairing: Pairing | None = None
        self.me: dict[str, Any] = {}
        self.visit: Visit | None = None
        self.store: PairingStore | None = None
        self.set_language(self.settings.language)

    # --- services -----------------------------------------------------------------------------
    @property
    def camera(self) -> CameraProvider:
        if self._camera is None:
            self._camera = make_camera(self.settings.camera)
        return self._camera

    @camera.setter
    def camera(self, provider: CameraProvider) -> None:
        self._camera = provider

    @property
    def gps(self) -> GpsProvider:
        if self._gps is None:
            self._gps = make_gps(self.settings.gps, mocked=self.settings.gps_mocked)
        return self._gps

    @gps.setter
    def gps(self, provider: GpsProvider) -> None:
        if self._gps is not None:
            self._gps.stop()
        self._gps = provider

    def data_dir(self) -> Path:
        return self.settings.data_dir or Path(self.user_data_dir)

    def device_id(self) -> str:
        assert self.store is not None
        return self.store.device_id()

    def call_later(self, delay: float, callback: Any) -> _ClockTimer:
        return _ClockTimer(Clock.schedule_once(lambda _dt: callback(), delay))

    def use_pairing(self, pairing: Pairing | None) -> None:
        """Switch the HTTP client to ``pairing`` (None: unpaired)."""
        if self.client is not None:
            self.client.close()
        self.pairing = pairing
        self.client = None if pairing is None else FvsClient(
            pairing.url, pairing.token, connect_timeout=self.settings.retry.connect_timeout_s,
            read_timeout=self.settings.retry.read_timeout_s)
        self.paired = False
        self.unit_name, self.hcode, self.me = "", "", {}

    # --- language and text size ---------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.s = strings_for(language)
        self.lang = language

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "th" else "th")

    def set_text_size(self, name: str) -> None:
        self.text_size_name = name
        self.font_scale = TEXT_SCALES[name]

    def t(self, key: str, **values: Any) -> str:
        """A catalogue string in the current language, formatted."""
        text = self.s[key]
        return text.format(**values) if values else text

    def server_text(self, body: dict[str, Any]) -> str:
        return server_message(body, self.lang)

    def name_of(self, item: dict[str, Any]) -> str:
        """``name_th`` or ``name_en`` of a server item, by the current language."""
        if self.lang == "en" and item.get("name_en"):
            return str(item["name_en"])
        return str(item.get("name_th") or item.get("name_en") or item.get("code") or "")

    # --- navigation ---------------------------------------------------------------------------
    @property
    def screens(self) -> Any:
        return self.root.ids.screens

    def go(self, name: str) -> None:
        self.screens.current = name

    def screen(self, name: str) -> Any:
        return self.screens.get_screen(name)

    def start_visit(self) -> None:
        self.visit = Visit(hcode=self.hcode)
        self.go("profession")

    # --- Kivy ---------------------------------------------------------------------------------
    def build(self) -> Widget:
        from fvs_app.ui import screens  # noqa: F401  (registers the screen classes with the Factory)

        for name in KV_FILES:
            Builder.load_file(str(KV_DIR / name))
        self.store = PairingStore(self.data_dir())
        return Builder.load_string("FvsRoot:\n")

    def on_start(self) -> None:
        if on_android():
            self._ask_permissions()
        else:
            self.gps.start()
        self.screen("pairing").load_stored()

    def _ask_permissions(self) -> None:
        """Android 6+: camera and location are granted at run time; GPS starts once allowed."""
        from android.permissions import Permission, request_permissions  # type: ignore[import-not-found]

        def answered(_permissions: list[str], grants: list[bool]) -> None:
            if all(grants):
                Clock.schedule_once(lambda _dt: self.gps.start(), 0)

        request_permissions([Permission.CAMERA, Permission.ACCESS_FINE_LOCATION,
                             Permission.ACCESS_COARSE_LOCATION], answered)

    def on_stop(self) -> None:
        for provider in (self._camera, self._gps):
            if provider is not None:
                provider.stop()
        self.background.shutdown()
        if self.client is not None:
            self.client.close()

    def on_pause(self) -> bool:
        return True
