"""Optional active liveness: a "turn your head left/right" challenge verified from the 5-point
landmarks of 2–3 frames.  Pure numpy; the frames' faces are detected by the face core.

Yaw proxy: the nose tip's offset from the eye midpoint along the eye axis, in interocular
distances (0 ≈ frontal; roll-invariant because it is measured along the eye axis).  The turn is the
change of that proxy from the first frame; it must pass ``min_turn`` in the asked direction.  The
face must stay the same size (eye-midpoint→mouth-midpoint distance, which a yaw barely changes) and
roughly in place, so a second photo of another size or position cannot be swapped in.

A blink cannot be checked: 5 points have no eyelid contour (eye landmarks are eye centres).

Directions are the subject's own left/right in frames as the camera records them (not mirrored):
a subject turning to their left moves the nose towards the image's right.  Pass ``mirrored=True``
for frames taken from a mirrored preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Direction = Literal["left", "right"]

#: Result reasons (stable strings for the app).
NO_TURN = "NO_TURN"
WRONG_DIRECTION = "WRONG_DIRECTION"
FACE_CHANGED = "FACE_CHANGED"


@dataclass(frozen=True)
class ActiveConfig:
    """Limits of the head-turn challenge."""

    min_turn: float = 0.2  # yaw-proxy change required (interocular distances)
    max_scale_change: float = 0.2  # allowed relative change of the face size between frames
    max_shift: float = 0.6  # allowed move of the face centre, in face sizes
    max_frames: int = 3


@dataclass(frozen=True)
class ActiveResult:
    """Outcome of one challenge: ``reason`` is None when passed."""

    passed: bool
    reason: str | None
    direction: Direction
    yaws: tuple[float, ...]
    turn: float  # signed: positive = towards the asked direction


def yaw_proxy(landmarks: np.ndarray) -> float:
    """Nose offset from the eye midpoint along the eye axis, in interocular distances.

    Positive when the nose is towards the image's right (the subject turned to their own left in
    an unmirrored frame).
    """
    points = _check(landmarks)
    left_eye, right_eye, nose = points[0], points[1], points[2]
    axis = right_eye - left_eye
    distance = float(np.linalg.norm(axis))
    if distance <= 0:
        raise ValueError("the two eye landmarks coincide")
    return float(np.dot(nose - (left_eye + right_eye) / 2, axis / distance) / distance)


def face_size(landmarks: np.ndarray) -> float:
    """Eye-midpoint to mouth-midpoint distance: a size measure a head turn barely changes."""
    points = _check(landmarks)
    size = float(np.linalg.norm((points[3] + points[4]) / 2 - (points[0] + points[1]) / 2))
    if size <= 0:
        raise ValueError("the eye and mouth landmarks coincide")
    return size


def verify_turn(
    frames: Sequence[np.ndarray],
    direction: Direction,
    config: ActiveConfig | None = None,
    *,
    mirrored: bool = False,
) -> ActiveResult:
    """Check that the landmarks of 2–3 consecutive frames show a head turn to ``direction``.

    ``frames`` are 5×2 landmark arrays (left eye, right eye, nose, left and right mouth corner as
    seen in the image), the first taken when the challenge was shown.  Raises ``ValueError`` for a
    wrong frame count, shape or direction.
    """
    config = config or ActiveConfig()
    if direction not in ("left", "right"):
        raise ValueError(f"direction must be 'left' or 'right', got {direction!r}")
    if not 2 <= len(frames) <= config.max_frames:
        raise ValueError(f"expected 2 to {config.max_frames} frames, got {len(frames)}")
    points = [_check(f) for f in frames]
    yaws = tuple(yaw_proxy(p) for p in points)
    # Subject's left = image right (positive proxy) unless the frames are mirrored.
    sign = 1.0 if (direction == "left") != mirrored else -1.0
    moves = [sign * (y - yaws[0]) for y in yaws[1:]]
    turn = max(moves)
    if not _same_face(points, config):
        return ActiveResult(False, FACE_CHANGED, direction, yaws, turn)
    if turn >= config.min_turn:
        return ActiveResult(True, None, direction, yaws, turn)
    reason = WRONG_DIRECTION if -min(moves) >= config.min_turn else NO_TURN
    return ActiveResult(False, reason, direction, yaws, turn)


def _same_face(points: list[np.ndarray], config: ActiveConfig) -> bool:
    """Every frame's face size and centre stay within the limits of the first frame's."""
    size0, centre0 = face_size(points[0]), points[0].mean(axis=0)
    for p in points[1:]:
        if abs(face_size(p) / size0 - 1.0) > config.max_scale_change:
            return False
        if np.linalg.norm(p.mean(axis=0) - centre0) > config.max_shift * size0:
            return False
    return True


def _check(landmarks: np.ndarray) -> np.ndarray:
    points = np.asarray(landmarks, dtype=np.float64)
    if points.shape != (5, 2) or not np.all(np.isfinite(points)):
        raise ValueError(f"expected finite 5×2 landmarks, got shape {points.shape}")
    return points
