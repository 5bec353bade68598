"""A camera for the tests whose "citizen" follows the app's on-screen instructions.

The app's capture screen says what it asks for (``pose``: ``photo``, ``hold``, ``left``,
``right``); this camera returns the photo of the person doing just that.  Head turns come from
real photos of a turned head and their mirror images (padded so the face stays in place): the
same person, the same size and position, yaw reversed — the closest real signal to a turning head
that still photos give (as in ``tests/models/test_active_liveness.py``).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from fvs_app.imaging import decode_image


def centred_pair(path: Path, face_centre_x: float) -> tuple[np.ndarray, np.ndarray]:
    """The photo padded so the face is in the middle column, and its mirror image (RGB)."""
    image = decode_image(path.read_bytes())
    width = image.shape[1]
    extra = round(2 * face_centre_x - width)
    left, right = (0, extra) if extra > 0 else (-extra, 0)
    padded = cv2.copyMakeBorder(image, 0, 0, left, right, cv2.BORDER_CONSTANT, value=(0, 0, 0))
    return padded, np.ascontiguousarray(padded[:, ::-1])


class PosingCamera:
    mirrored = False

    def __init__(self, poses: dict[str, np.ndarray], asked: Callable[[], str], resolve: Callable[[str], str]):
        self.poses = poses
        self._asked = asked      # what the screen asks for now ("" before a capture: the preview)
        self._resolve = resolve  # → the key of the photo showing it
        self.taken: list[str] = []  # what was asked at each capture

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def _frame(self) -> np.ndarray:
        return self.poses[self._resolve(self._asked() or "photo")]

    def preview(self) -> np.ndarray:
        return self._frame()

    def capture(self) -> np.ndarray:
        self.taken.append(self._asked() or "photo")
        return self._frame().copy()
