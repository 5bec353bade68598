"""A desktop camera through OpenCV, read on its own thread so the UI never waits for a frame."""
from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np

from fvs_app.camera.base import CameraError


class OpenCvCamera:
    mirrored = True  # a webcam facing the citizen: the preview is shown as a mirror

    def __init__(self, index: int = 0, width: int = 1280, height: int = 720):
        self.index, self.width, self.height = index, width, height
        self._capture: Any = None
        self._latest: np.ndarray | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._running = False

    def start(self) -> None:
        if self._running:
            return
        try:
            import cv2
        except ImportError:
            raise CameraError("OpenCV is not installed") from None
        capture = cv2.VideoCapture(self.index)
        if not capture.isOpened():
            raise CameraError(f"camera {self.index} cannot be opened")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._capture, self._running = capture, True
        self._thread = threading.Thread(target=self._read_loop, name="fvs-camera", daemon=True)
        self._thread.start()

    def _read_loop(self) -> None:
        import cv2

        while self._running:
            ok, frame = self._capture.read()
            if not ok:
                time.sleep(0.05)
                continue
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            with self._lock:
                self._latest = rgb

    def stop(self) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def preview(self) -> np.ndarray | None:
        with self._lock:
            return self._latest

    def capture(self) -> np.ndarray:
        with self._lock:
            if self._latest is None:
                raise CameraError("no frame from the camera yet")
            return self._latest.copy()
