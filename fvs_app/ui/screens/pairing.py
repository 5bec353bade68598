"""Pairing: server address and device token (typed, pasted or scanned from the console's QR),
kept on the tablet; then the unit's name and whether it is ready to verify."""
from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, ListProperty

from fvs_app.api_client import FvsClient
from fvs_app.pairing import Pairing, PairingError, normalise_url, parse_qr_payload
from fvs_app.ui.screens.base import BaseScreen

UNIT_ROLES = ("UNIT_DEVICE", "UNIT_STAFF", "UNIT_ADMIN")


def decode_qr(frame: Any) -> str | None:
    """Text of a QR code in an RGB frame (OpenCV), or None when none is found."""
    import cv2

    bgr = cv2.cvtColor(frame, cv2.COLOR_RGB2BGR)
    text, _points, _ = cv2.QRCodeDetector().detectAndDecode(bgr)
    return text or None


def qr_scanning_available() -> bool:
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True


class PairingScreen(BaseScreen):
    ready = BooleanProperty(False)
    checked = BooleanProperty(False)
    reasons = ListProperty([])  # [{code, message_th, message_en}]
    can_scan = BooleanProperty(qr_scanning_available())

    def load_stored(self) -> None:
        """At start: the stored pairing (if any) fills the fields and is checked at once."""
        stored = self.app.store.load()
        if stored is None:
            self.ids.url.text = self.app.settings.server_url or ""
            return
        self.ids.url.text, self.ids.token.text = stored.url, stored.token
        self._connect(stored, save=False)

    def save(self) -> None:
        payload = self.ids.payload.text.strip()
        try:
            if payload:
                pairing = parse_qr_payload(payload)
            else:
                url, token = normalise_url(self.ids.url.text), self.ids.token.text.strip()
                if not url or not token:
                    self.tell("pair.missing", "error")
                    return
                pairing = Pairing(url, token)
        except PairingError as exc:
            self.say(f"{self.app.t('pair.bad_payload')} ({exc})" if payload else str(exc), "error")
            return
        self.ids.url.text, self.ids.token.text, self.ids.payload.text = pairing.url, pairing.token, ""
        self._connect(pairing, save=True)

    def scan_qr(self) -> None:
        """Read the console's QR through the camera and pair with it."""
        if not self.can_scan:
            self.tell("pair.scan_unavailable", "error")
            return
        try:
            self.app.camera.start()
            frame = self.app.camera.capture()
        except Exception as exc:
            self.tell("cap.camera_error", "error", detail=exc)
            return
        self.app.background.run(lambda: decode_qr(frame), self._scanned,
                                lambda exc: self.say(self.describe(exc), "error"))

    def _scanned(self, text: str | None) -> None:
        if not text:
            self.tell("pair.scan_none", "error")
            return
        self.ids.payload.text = text
        self.save()

    def refresh(self) -> None:
        if self.app.pairing is not None:
            self._connect(self.app.pairing, save=False)

    def forget(self) -> None:
        self.app.store.forget()
        self.app.use_pairing(None)
        self.ids.token.text = ""
        self.ready, self.checked, self.reasons = False, False, []
        self.say("")

    def start(self) -> None:
        if self.ready:
            self.app.start_visit()

    def _connect(self, pairing: Pairing, *, save: bool) -> None:
        self.app.use_pairing(pairing)
        self.ready, self.checked, self.reasons = False, False, []

        def work(client: FvsClient) -> dict[str, Any]:
            me = client.me()
            if me.get("role") not in UNIT_ROLES or not me.get("hcode"):
                return {"me": me}
            return {"me": me, "unit": client.unit(me["hcode"]), "readiness": client.readiness(me["hcode"])}

        def done(answer: dict[str, Any]) -> None:
            if "unit" not in answer:
                self.tell("pair.wrong_role", "error")
                return
            if save:
                self.app.store.save(pairing)
            unit, readiness = answer["unit"], answer["readiness"]
            self.app.me, self.app.hcode, self.app.unit_name = answer["me"], unit["hcode"], unit["name"]
            self.app.paired = True
            self.ready, self.reasons, self.checked = bool(readiness["ready"]), list(readiness["reasons"]), True
            self.tell("pair.ready" if self.ready else "pair.not_ready", "ok" if self.ready else "warn")

        self.call(work, done, busy_text="pair.checking")

    def reason_lines(self, reasons: list[dict[str, Any]], _lang: str) -> str:
        return "\n".join(f"• {self.app.server_text(r)}" for r in reasons)
