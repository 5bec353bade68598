"""Frames of a real person turning their head, for answering head-turn challenges in tests.

No video of a turning head is available, so a turn is a real photo of a turned head and its mirror
image, padded so the face stays in place: the same face, size and position, yaw reversed — the
closest real signal still photos give (as ``tests/models/test_active_liveness.py`` and the tablet
app's tests do).  ``obama2.jpg`` shows the subject turned to their right; ``biden1.jpg`` to their
left.
"""
from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from tests.conftest import SHARED

PEOPLE = SHARED / "faces" / "people"
#: photo, the x of the face centre, and the side the subject is turned to in the photo as taken
SOURCES = {"obama": (PEOPLE / "obama" / "obama2.jpg", 339.5, "right"),
           "biden": (PEOPLE / "biden" / "biden1.jpg", 569.5, "left")}


@lru_cache
def turned(who: str) -> dict[str, bytes]:
    """JPEG bytes of the person turned to their ``left`` and to their ``right``."""
    path, centre, side = SOURCES[who]
    image = cv2.imread(str(path))
    extra = round(2 * centre - image.shape[1])
    left, right = (0, extra) if extra > 0 else (-extra, 0)
    padded = cv2.copyMakeBorder(image, 0, 0, left, right, cv2.BORDER_CONSTANT, value=(0, 0, 0))
    poses = {side: padded, ("left" if side == "right" else "right"): np.ascontiguousarray(padded[:, ::-1])}
    return {name: cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes() for name, img in poses.items()}


def answer(steps: list[str], who: str = "obama") -> list[bytes]:
    """Frame 0 (turned away from the first asked side), then the person after each step."""
    poses = turned(who)
    first = "right" if steps[0] == "left" else "left"
    return [poses[first]] + [poses[step] for step in steps]


def capture(who: str = "obama") -> bytes:
    """The capture sent with the frames: the person as in frame 0's source photo."""
    return turned(who)[SOURCES[who][2]]
