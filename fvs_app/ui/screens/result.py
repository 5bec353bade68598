"""Result: sending the verification (honest about a missing answer, resending with the same
Idempotency-Key), then the claim code large and clear — or the server's reason in Thai with the
next step it offers (the unit's LINE QR on screen, the smart-card instructions)."""
from __future__ import annotations

import io
from typing import Any

from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, ListProperty, StringProperty

from fvs_app.api_client import ApiError, FvsClient
from fvs_app.formatting import be_datetime, parse_instant
from fvs_app.submission import Answer, FaceRequest, FaceSender, Outcome, Phase, SendState
from fvs_app.ui.screens.base import BaseScreen


class ResultScreen(BaseScreen):
    phase = StringProperty("")        # a submission Phase
    outcome = StringProperty("")      # an Outcome once answered
    title = StringProperty("")
    code = StringProperty("")
    details = StringProperty("")
    reasons = StringProperty("")
    next_steps = ListProperty([])     # channel codes offered by the server
    qr_status = StringProperty("")
    has_qr = BooleanProperty(False)
    attempts = ListProperty([])       # Idempotency-Key of every try (the same key each time)

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.sender: FaceSender | None = None
        self.answer: Answer | None = None

    def retranslate(self) -> None:
        super().retranslate()
        if self.answer is not None:
            self.show(self.answer)

    # --- sending ------------------------------------------------------------------------------
    def send_visit(self) -> None:
        app, visit = self.app, self.app.visit
        request = FaceRequest(visit.form(app.device_id()), visit.photo, tuple(visit.frames))
        self.reset()
        client: FvsClient = app.client

        def send(req: FaceRequest) -> dict[str, Any]:
            self.attempts.append(req.idempotency_key)  # list append is thread-safe; read on the UI thread
            return client.verify_face(req.form, req.photo, req.frames, req.idempotency_key)

        self.sender = FaceSender(request, send, app.background, app.call_later, app.settings.retry, self.on_state)
        self.sender.start()

    def reset(self) -> None:
        self.phase, self.outcome, self.title, self.code, self.details, self.reasons = "", "", "", "", "", ""
        self.next_steps, self.qr_status, self.has_qr, self.attempts = [], "", False, []
        self.answer = None
        self.ids.qr.texture = None
        self.say("")

    def on_state(self, state: SendState) -> None:
        self.phase = state.phase.value
        if state.phase != Phase.ANSWERED:
            self.title = self.app.t("send.title")
        if state.phase == Phase.SENDING:
            self.tell("send.sending", n=state.attempt)
        elif state.phase == Phase.WAITING_NETWORK:
            self.tell("send.no_answer", "warn", seconds=round(state.delay_s))
        elif state.phase == Phase.WAITING_SERVER:
            self.tell("send.busy", "warn", message=state.detail, seconds=round(state.delay_s))
        elif state.phase == Phase.ABANDONED:
            self.tell("send.abandoned", "error")
        elif state.answer is not None:
            self.show(state.answer)

    def retry_now(self) -> None:
        if self.sender is not None:
            self.sender.retry_now()

    def abandon(self) -> None:
        if self.sender is not None:
            self.sender.abandon()

    # --- the answer ---------------------------------------------------------------------------
    def show(self, answer: Answer) -> None:
        self.answer = answer
        self.outcome = answer.outcome.value
        body = answer.body
        if answer.outcome == Outcome.ISSUED:
            self.show_claim(body["claim"], bool(body.get("replayed")))
        elif answer.outcome == Outcome.EXISTS:
            self.title = self.app.t("res.exists_title")
            self.code = str(body.get("claim_code") or "")
            self.details = self.app.server_text(body)
            self.say("")
        else:
            self.title = self.app.t("res.refused_title")
            self.details = self.app.server_text(body) if body else self.describe(answer.error or Exception())
            reasons = [r for r in body.get("reasons", []) if isinstance(r, dict)]
            reasons += [r if isinstance(r, dict) else {"message_th": str(r)} for r in body.get("unit_reasons", [])]
            lines = [f"• {self.app.server_text(r)}" for r in reasons]
            self.reasons = "\n".join(lines) if len(lines) > 1 else ""  # one reason is the message itself
            self.next_steps = [str(c) for c in body.get("next_channels", [])]
            self.say("")
            if "LINE_QR" in self.next_steps and not self.has_qr:
                self.load_qr()

    def show_claim(self, claim: dict[str, Any], replayed: bool) -> None:
        self.title = self.app.t("res.ok_title")
        self.code = claim["code"]
        service = self.service_name(claim["service_type"])
        when = be_datetime(parse_instant(claim["service_at"]))
        lines = [self.app.t("res.service", service=service), self.app.t("res.unit", unit=f"{self.app.unit_name} ({claim['hcode']})"),
                 self.app.t("res.time", time=when)]
        if replayed:
            lines.append(self.app.t("res.replayed"))
        self.details = "\n".join(lines)
        self.say("")

    def service_name(self, code: str) -> str:
        for item in self.app.screen("profession").service_types:
            if item.get("code") == code:
                return f"{self.app.name_of(item)} ({code})"
        return code

    def next_text(self, steps: list[str], _lang: str) -> str:
        if not steps:
            return self.app.t("res.next_none") if self.outcome in (Outcome.REFUSED.value, Outcome.FAILED.value) else ""
        return "\n\n".join(self.app.t(f"next.{c}") if f"next.{c}" in self.app.s else c for c in steps)

    def load_qr(self) -> None:
        visit = self.app.visit
        self.qr_status = self.app.t("next.qr_loading")

        def done(data: bytes) -> None:
            self.ids.qr.texture = CoreImage(io.BytesIO(data), ext="png").texture
            self.has_qr, self.qr_status = True, ""

        def failed(exc: BaseException) -> None:
            detail = self.describe(exc) if not isinstance(exc, ApiError) or exc.body else exc.code
            self.qr_status = self.app.t("next.qr_failed", detail=detail)

        self.call(lambda client: client.unit_qr_png(visit.hcode, visit.service_type), done, failed)

    # --- what next ----------------------------------------------------------------------------
    def retake(self) -> None:
        self.app.visit.clear_capture()
        self.app.go("capture")

    def next_citizen(self) -> None:
        self.app.visit.next_citizen()
        self.app.go("citizen")
