"""Detected faces, non-maximum suppression, the resolution policy shared by every detector, and
the face-selection policy (largest face, or MULTIPLE_FACES when another face is comparably large).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.errors import FaceError

#: A face this large (shorter box side, in detector pixels) found by the fast pass is trusted;
#: smaller or no faces trigger the full-resolution pass.
MIN_FAST_FACE_PX = 40


@dataclass(frozen=True)
class Face:
    """One detected face in image coordinates.

    ``box`` is ``[x1, y1, x2, y2]``; ``landmarks`` are 5 (x, y) points in the order left eye,
    right eye, nose tip, left mouth corner, right mouth corner *as seen in the image*.
    """

    box: np.ndarray
    landmarks: np.ndarray
    score: float

    @property
    def width(self) -> float:
        return float(self.box[2] - self.box[0])

    @property
    def height(self) -> float:
        return float(self.box[3] - self.box[1])

    @property
    def area(self) -> float:
        return max(self.width, 0.0) * max(self.height, 0.0)

    @property
    def eye_distance(self) -> float:
        return float(np.linalg.norm(self.landmarks[1] - self.landmarks[0]))

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (rounded pixels)."""
        return {
            "box": [round(float(v), 1) for v in self.box],
            "landmarks": [[round(float(x), 1), round(float(y), 1)] for x, y in self.landmarks],
            "score": round(self.score, 4),
        }


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> list[int]:
    """Greedy non-maximum suppression; returns kept indices, best score first."""
    x1, y1, x2, y2 = boxes.T
    areas = np.maximum(x2 - x1, 0) * np.maximum(y2 - y1, 0)
    order = np.argsort(-scores)
    keep: list[int] = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(int(best))
        w = np.maximum(0.0, np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]))
        h = np.maximum(0.0, np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]))
        inter = w * h
        iou = inter / np.maximum(areas[best] + areas[rest] - inter, 1e-9)
        order = rest[iou <= iou_threshold]
    return keep


def round_up(value: float, multiple: int) -> int:
    """Smallest multiple of ``multiple`` that is >= value."""
    return int(math.ceil(value / multiple) * multiple)


class FaceDetector(ABC):
    """A detector returning every face, largest first.

    Runs a cheap pass with the longest side at ``fast_side``; if it finds no face or only faces
    smaller than :data:`MIN_FAST_FACE_PX`, runs again at ``full_side``.  Images are never
    upscaled.
    """

    def __init__(self, full_side: int, fast_side: int | None) -> None:
        self.full_side = full_side
        self.fast_side = fast_side if fast_side and fast_side < full_side else None

    @abstractmethod
    def detect_at(self, image_bgr: np.ndarray, side: int) -> list[Face]:
        """Faces with the image resized to longest side ``side``, in image coordinates."""

    def detect(self, image_bgr: np.ndarray) -> list[Face]:
        """All faces in the image, sorted by box area (largest first)."""
        longest = max(image_bgr.shape[:2])
        if self.fast_side and longest > self.fast_side:
            faces = self.detect_at(image_bgr, self.fast_side)
            scale = self.fast_side / longest
            if faces and min(faces[0].width, faces[0].height) * scale >= MIN_FAST_FACE_PX:
                return faces
        return self.detect_at(image_bgr, min(self.full_side, longest))

    @staticmethod
    def sort_faces(faces: list[Face]) -> list[Face]:
        return sorted(faces, key=lambda f: f.area, reverse=True)


def select_face(faces: list[Face], multiple_ratio: float = 0.5) -> Face:
    """The face to analyse: the largest, unless another face has ``area >= multiple_ratio`` times
    its area (raises ``MULTIPLE_FACES``); raises ``NO_FACE`` when there is none.

    Small background faces (passers-by) are ignored by design: a tablet photo of a patient often
    has someone far behind them.
    """
    if not faces:
        raise FaceError("NO_FACE")
    ordered = sorted(faces, key=lambda f: f.area, reverse=True)
    if len(ordered) > 1:
        ratio = ordered[1].area / max(ordered[0].area, 1e-9)
        if ratio >= multiple_ratio:
            raise FaceError(
                "MULTIPLE_FACES",
                details={
                    "faces": len(ordered),
                    "second_face_area_ratio": round(ratio, 3),
                    "max_ratio": multiple_ratio,
                },
            )
    return ordered[0]
