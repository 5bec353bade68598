"""OpenCV Zoo YuNet face detector through ``cv2.FaceDetectorYN`` (MIT licence).

``cv2.FaceDetectorYN`` keeps its input size as state, so calls are serialised with a lock.
"""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

from models.detection import Face, FaceDetector


class YunetDetector(FaceDetector):
    """YuNet: rows of ``x, y, w, h``, five landmarks (same order as ours) and a score."""

    def __init__(
        self,
        model_path: Path,
        full_side: int,
        fast_side: int | None,
        score_threshold: float,
        nms_threshold: float,
    ) -> None:
        super().__init__(full_side, fast_side)
        self._net = cv2.FaceDetectorYN.create(
            str(model_path), "", (full_side, full_side), score_threshold, nms_threshold, 5000
        )
        self._lock = threading.Lock()

    def detect_at(self, image_bgr: np.ndarray, side: int) -> list[Face]:
        height, width = image_bgr.shape[:2]
        scale = side / max(height, width)
        new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
        resized = (
            image_bgr
            if scale == 1
            else cv2.resize(
                image_bgr,
                (new_w, new_h),
                interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
            )
        )
        with self._lock:
            self._net.setInputSize((new_w, new_h))
            _, rows = self._net.detect(resized)
        if rows is None:
            return []
        faces = []
        for row in rows:
            x, y, w, h = row[:4]
            faces.append(
                Face(
                    box=(np.array([x, y, x + w, y + h]) / scale).astype(np.float32),
                    landmarks=(row[4:14].reshape(5, 2) / scale).astype(np.float32),
                    score=float(row[14]),
                )
            )
        return self.sort_faces(faces)
