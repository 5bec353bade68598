"""Capture hints computed on the tablet, cheaply: too dark, too bright, no face, too far, two faces.

Only advice for the person holding the tablet — the server alone decides whether a photo is good
enough.  Brightness is always checked; faces are looked for only when OpenCV is installed (desktop)
with a YuNet model (``FVS_APP_HINT_MODEL``) or a Haar cascade that ships with OpenCV.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from fvs_app.imaging import mean_luma

DARK, BRIGHT = 60.0, 215.0
MIN_FACE_FRACTION = 0.18  # face width / frame width below this is "too far"
DETECT_WIDTH = 320


@dataclass(frozen=True)
class Hint:
    key: str           # a catalogue key: hint.ok, hint.dark, ...
    faces: int | None  # None when faces cannot be counted here
    luma: float


class FaceCounter:
    """Face boxes on a downscaled frame, with whatever OpenCV detector is available (or none)."""

    def __init__(self, model_path: str | None = None):
        self._yunet: Any = None
        self._haar: Any = None
        try:
            import cv2
        except ImportError:
            return
        self._cv2 = cv2
        model = model_path or os.environ.get("FVS_APP_HINT_MODEL")
        if model and Path(model).is_file():
            self._yunet = cv2.FaceDetectorYN.create(model, "", (DETECT_WIDTH, DETECT_WIDTH), 0.7)
            return
        data = getattr(cv2, "data", None)
        cascade = Path(getattr(data, "haarcascades", "") or "") / "haarcascade_frontalface_default.xml"
        if cascade.is_file():
            self._haar = cv2.CascadeClassifier(str(cascade))

    @property
    def available(self) -> bool:
        return self._yunet is not None or self._haar is not None

    def boxes(self, frame: np.ndarray) -> list[tuple[float, float, float, float]]:
        """Face boxes ``(x, y, w, h)`` as fractions of the frame's width/height."""
        if not self.available:
            return []
        cv2 = self._cv2
        height, width = frame.shape[:2]
        scale = DETECT_WIDTH / width
        small = cv2.resize(np.ascontiguousarray(frame[:, :, :3]), (DETECT_WIDTH, max(1, round(height * scale))))
        bgr = cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
        if self._yunet is not None:
            self._yunet.setInputSize((bgr.shape[1], bgr.shape[0]))
            _, found = self._yunet.detect(bgr)
            rows = [] if found is None else [tuple(map(float, r[:4])) for r in found]
        else:
            gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
            rows = [tuple(map(float, r)) for r in self._haar.detectMultiScale(gray, 1.1, 5)]
        sw, sh = bgr.shape[1], bgr.shape[0]
        return [(x / sw, y / sh, w / sw, h / sh) for x, y, w, h in rows]


def capture_hint(frame: np.ndarray, faces: FaceCounter) -> Hint:
    luma = mean_luma(frame)
    if luma < DARK:
        return Hint("hint.dark", None, luma)
    if luma > BRIGHT:
        return Hint("hint.bright", None, luma)
    if not faces.available:
        return Hint("hint.none", None, luma)
    boxes = faces.boxes(frame)
    if not boxes:
        return Hint("hint.no_face", 0, luma)
    if len(boxes) > 1:
        return Hint("hint.many", len(boxes), luma)
    if boxes[0][2] < MIN_FACE_FRACTION:
        return Hint("hint.far", 1, luma)
    return Hint("hint.ok", 1, luma)
