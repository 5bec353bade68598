"""Capture: live preview with a face guide and cheap hints, the frontal photo, then the server's
one-time head-turn challenge answered with frames taken while the citizen turns as asked.

Nothing here judges the face: hints are advice, the server decides.  The photo and frames are
resized (longest side ≤ 1280) and JPEG-encoded on a worker thread before they are sent.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
from kivy.clock import Clock
from kivy.graphics.texture import Texture
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty

from fvs_app.api_client import ApiError, FvsClient, Upload
from fvs_app.camera import CameraError
from fvs_app.hints import FaceCounter, capture_hint
from fvs_app.imaging import encode_jpeg
from fvs_app.ui.screens.base import BaseScreen
from fvs_app.ui.screens.location import fix_is_fresh

PREVIEW_FPS = 12.0
HINT_EVERY_S = 0.7
STEP_SECONDS = 1.6       # time given to turn before a step's frame is taken
HOLD_SECONDS = 0.8       # the frame taken when the challenge is shown (looking at the camera)
MISSING_ROUTE = {404, 405}


class CaptureScreen(BaseScreen):
    phase = StringProperty("preview")  # preview · challenge · steps · preparing
    pose = StringProperty("")          # what the citizen is asked to do now: photo · hold · left · right
    hint = StringProperty("hint.none")
    instruction = StringProperty("")
    step_text = StringProperty("")
    steps = ListProperty([])
    step_index = NumericProperty(0)
    gps_ok = BooleanProperty(False)
    gps_text = StringProperty("")

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._events: list[Any] = []
        self._texture: Texture | None = None
        self._shown: Any = None
        self._hinting = False
        self._faces: FaceCounter | None = None
        self._photo: np.ndarray | None = None
        self._frames: list[np.ndarray] = []

    # --- preview and hints --------------------------------------------------------------------
    def on_enter(self, *args: Any) -> None:
        self.phase, self.pose, self.instruction, self.step_text = "preview", "", "", ""
        self.say("")
        try:
            self.app.camera.start()
        except CameraError as exc:
            self.tell("cap.camera_error", "error", detail=exc)
        if self._faces is None:
            self._faces = FaceCounter()
        self._events = [Clock.schedule_interval(lambda _dt: self.show_frame(), 1 / PREVIEW_FPS),
                        Clock.schedule_interval(lambda _dt: self.update_hint(), HINT_EVERY_S),
                        Clock.schedule_interval(lambda _dt: self.update_gps(), 0.5)]
        self.update_gps()
        self.show_frame()

    def on_leave(self, *args: Any) -> None:
        for event in self._events:
            event.cancel()
        self._events = []

    def show_frame(self) -> None:
        frame = self.app.camera.preview()
        if frame is None or frame is self._shown:
            return
        self._shown = frame
        height, width = frame.shape[:2]
        if self._texture is None or self._texture.size != (width, height):
            self._texture = Texture.create(size=(width, height), colorfmt="rgb")
        view = frame[::-1, ::-1] if self.app.camera.mirrored else frame[::-1]
        self._texture.blit_buffer(np.ascontiguousarray(view[:, :, :3]).tobytes(), colorfmt="rgb", bufferfmt="ubyte")
        self.ids.preview.texture = self._texture
        self.ids.preview.canvas.ask_update()

    def update_hint(self) -> None:
        frame = self.app.camera.preview()
        if frame is None or self._hinting or self.phase != "preview":
            return
        self._hinting = True
        faces = self._faces

        def done(hint: Any) -> None:
            self._hinting = False
            self.hint = hint.key

        def failed(_exc: BaseException) -> None:
            self._hinting = False

        self.app.background.run(lambda: capture_hint(frame, faces), done, failed)

    def update_gps(self) -> None:
        fix = self.app.gps.latest()
        self.gps_ok = fix_is_fresh(fix, self.app.settings.fix_max_age_s) and not (fix and fix.mocked)
        if fix is None:
            self.gps_text = self.app.t("loc.waiting")
            return
        age = int(fix.age_s(datetime.now(UTC)))
        text = f"GPS ± {fix.accuracy_m:.0f} m · {self.app.t('loc.age', age=age)}"
        self.gps_text = text + ("  ⚠ mock" if fix.mocked else "")

    # --- capture and challenge ----------------------------------------------------------------
    def capture(self) -> None:
        if self.phase != "preview":
            return
        fix = self.app.gps.latest()
        if not fix_is_fresh(fix, self.app.settings.fix_max_age_s):
            self.tell("cap.need_fix", "error")
            return
        self.pose = "photo"
        try:
            photo = self.app.camera.capture()
        except CameraError as exc:
            self.tell("cap.camera_error", "error", detail=exc)
            return
        visit = self.app.visit
        visit.clear_capture()
        visit.fix = fix
        self._photo, self._frames = photo, []
        self.phase, self.pose = "challenge", ""
        hcode = visit.hcode

        def work(client: FvsClient) -> dict[str, Any] | None:
            try:
                return client.create_challenge(hcode)
            except ApiError as exc:
                if exc.status in MISSING_ROUTE and exc.code in ("NOT_FOUND", "HTTP_404", "HTTP_405"):
                    return None  # a server without active liveness: the photo alone is sent
                raise

        def failed(exc: BaseException) -> None:
            self.phase = "preview"
            self.say(self.describe(exc), "error")

        self.call(work, self._challenge, failed, busy_text="cap.challenge_wait")

    def _challenge(self, challenge: dict[str, Any] | None) -> None:
        if challenge is None:
            self._prepare()
            return
        self.app.visit.challenge_id = challenge["challenge_id"]
        self.steps = [str(s) for s in challenge.get("steps", [])]
        self.say(challenge.get("instructions_en" if self.app.lang == "en" else "instructions_th", ""))
        self.phase, self.step_index = "steps", 0
        self.pose, self.instruction = "hold", self.app.t("cap.hold")
        self._later(HOLD_SECONDS, self._take_hold_frame)

    def _later(self, delay: float, callback: Any) -> None:
        self._events.append(Clock.schedule_once(lambda _dt: callback(), delay))

    def _grab(self) -> bool:
        try:
            self._frames.append(self.app.camera.capture())
        except CameraError as exc:
            self.phase = "preview"
            self.tell("cap.camera_error", "error", detail=exc)
            return False
        return True

    def _take_hold_frame(self) -> None:
        if self.phase == "steps" and self._grab():
            self._next_step()

    def _next_step(self) -> None:
        if self.step_index >= len(self.steps):
            self._prepare()
            return
        step = self.steps[self.step_index]
        self.pose = step
        self.instruction = self.app.t(f"cap.step.{step}") if f"cap.step.{step}" in self.app.s else step
        self.step_text = self.app.t("cap.step_n", n=self.step_index + 1, total=len(self.steps))
        self._later(STEP_SECONDS, self._take_step_frame)

    def _take_step_frame(self) -> None:
        if self.phase == "steps" and self._grab():
            self.step_index += 1
            self._next_step()

    def _prepare(self) -> None:
        self.phase, self.pose, self.instruction, self.step_text = "preparing", "", "", ""
        self.tell("cap.preparing")
        photo, frames = self._photo, list(self._frames)

        def work() -> tuple[Upload, list[Upload]]:
            return (Upload("photo.jpg", encode_jpeg(photo)),
                    [Upload(f"frame-{i}.jpg", encode_jpeg(f)) for i, f in enumerate(frames)])

        def done(encoded: tuple[Upload, list[Upload]]) -> None:
            visit = self.app.visit
            visit.photo, visit.frames = encoded[0], encoded[1]
            self.phase = "preview"
            self.app.screen("result").send_visit()
            self.app.go("result")

        def failed(exc: BaseException) -> None:
            self.phase = "preview"
            self.say(self.describe(exc), "error")

        self.app.background.run(work, done, failed)
