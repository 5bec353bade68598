"""Crop geometry of the MiniFASNet liveness models.

Reproduces ``CropImage._get_new_box`` / ``CropImage.crop`` of Silent-Face-Anti-Spoofing
(minivision-ai, Apache-2.0): the face box is enlarged ``scale`` times around its centre (the scale is
first reduced so the enlarged box fits inside the image), the enlarged box is shifted back inside
the image when it crosses an edge, the inclusive pixel range is cut out and resized to the model's
input size with bilinear interpolation.  No colour conversion and no normalisation: the models were
trained on raw BGR values 0–255 (the project's ``to_tensor`` has ``.div(255)`` commented out).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

#: (x1, y1, x2, y2) in image pixels, the convention of :class:`models.detection.Face`.
Box = tuple[float, float, float, float]


def enlarged_box(image_size: tuple[int, int], box: Sequence[float], scale: float) -> Box:
    """The crop rectangle ``(x1, y1, x2, y2)`` (inclusive, integer pixels) for a face box.

    ``image_size`` is ``(width, height)``; ``box`` is ``(x1, y1, x2, y2)``.  Raises ``ValueError`` for
    an empty box.
    """
    src_w, src_h = image_size
    x, y = float(box[0]), float(box[1])
    box_w, box_h = float(box[2]) - x, float(box[3]) - y
    if box_w <= 0 or box_h <= 0:
        raise ValueError(f"face box {tuple(box)} is empty")
    scale = min((src_h - 1) / box_h, (src_w - 1) / box_w, scale)
    new_w, new_h = box_w * scale, box_h * scale
    cx, cy = x + box_w / 2, y + box_h / 2
    left, top = cx - new_w / 2, cy - new_h / 2
    right, bottom = cx + new_w / 2, cy + new_h / 2
    if left < 0:
        right, left = right - left, 0.0
    if top < 0:
        bottom, top = bottom - top, 0.0
    if right > src_w - 1:
        left, right = left - (right - src_w + 1), float(src_w - 1)
    if bottom > src_h - 1:
        top, bottom = top - (bottom - src_h + 1), float(src_h - 1)
    return int(left), int(top), int(right), int(bottom)


def crop_face(
    image_bgr: np.ndarray, box: Sequence[float], scale: float, size: tuple[int, int]
) -> np.ndarray:
    """The ``size`` = ``(width, height)`` uint8 BGR patch around ``box`` enlarged ``scale`` times."""
    height, width = image_bgr.shape[:2]
    left, top, right, bottom = (int(v) for v in enlarged_box((width, height), box, scale))
    patch = image_bgr[max(top, 0) : bottom + 1, max(left, 0) : right + 1]
    return cv2.resize(patch, size, interpolation=cv2.INTER_LINEAR)


def to_blob(patch_bgr: np.ndarray) -> np.ndarray:
    """HWC uint8 BGR patch → 1×3×H×W float32 with raw 0–255 values (the models' input)."""
    return np.ascontiguousarray(patch_bgr.transpose(2, 0, 1)[None], dtype=np.float32)
