"""Active liveness (head-turn challenge) on 5-point landmarks.

"Real" turns use landmarks the face core's detector finds on a real photo of a turned head and on
its mirror image (the photo padded so the face stays in place): the same face, the same size, yaw
reversed.  No video of a turning head is available in shared/, so this is the closest real signal.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from models import FaceEngine
from models.active_liveness import (
    FACE_CHANGED,
    NO_TURN,
    WRONG_DIRECTION,
    ActiveConfig,
    face_size,
    verify_turn,
    yaw_proxy,
)
from tests.models.conftest import decode_bgr, photo

#: A photo of a head turned to the subject's right (nose towards the image's left).
TURNED_RIGHT = "people/kit_harington/kit2.jpeg"


def _centred(image: np.ndarray, centre_x: float) -> np.ndarray:
    """Pad left or right so ``centre_x`` becomes the image's middle column (flip keeps it there)."""
    width = image.shape[1]
    extra = round(2 * centre_x - width)
    left, right = (0, extra) if extra > 0 else (-extra, 0)
    return cv2.copyMakeBorder(image, 0, 0, left, right, cv2.BORDER_CONSTANT, value=0)


@pytest.fixture(scope="module")
def frames(buffalo: FaceEngine) -> dict[str, np.ndarray]:
    """Landmarks: the subject turned to their right, turned to their left, and a smaller copy."""
    image = decode_bgr(photo(TURNED_RIGHT))
    box = buffalo.detect(image)[0].box
    image = _centred(image, float(box[0] + box[2]) / 2)
    mirrored = cv2.flip(image, 1)
    small = cv2.resize(mirrored, None, fx=0.6, fy=0.6, interpolation=cv2.INTER_AREA)
    return {
        "right": buffalo.detect(image)[0].landmarks,
        "left": buffalo.detect(mirrored)[0].landmarks,
        "left_small": buffalo.detect(small)[0].landmarks,
    }


# --- on detector landmarks --------------------------------------------------------------------------
def test_sample_faces_are_turned_both_ways(frames: dict[str, np.ndarray]) -> None:
    assert yaw_proxy(frames["right"]) < -0.1 < 0.1 < yaw_proxy(frames["left"])
    assert face_size(frames["left"]) == pytest.approx(face_size(frames["right"]), rel=0.1)


def test_real_turn_passes(frames: dict[str, np.ndarray]) -> None:
    # The subject starts turned to their own left, then turns to their right.
    result = verify_turn([frames["left"], frames["right"]], "right")
    assert result.passed and result.reason is None
    assert result.turn >= ActiveConfig().min_turn


def test_real_turn_over_three_frames_passes(frames: dict[str, np.ndarray]) -> None:
    result = verify_turn([frames["right"], frames["right"], frames["left"]], "left")
    assert result.passed
    assert len(result.yaws) == 3


def test_static_face_fails(frames: dict[str, np.ndarray]) -> None:
    jitter = frames["left"] + np.array([1.5, -1.0])
    result = verify_turn([frames["left"], jitter, frames["left"]], "right")
    assert not result.passed and result.reason == NO_TURN


def test_wrong_direction_fails(frames: dict[str, np.ndarray]) -> None:
    result = verify_turn([frames["left"], frames["right"]], "left")
    assert not result.passed and result.reason == WRONG_DIRECTION
    assert result.turn < 0


def test_face_of_another_size_swapped_in_fails(frames: dict[str, np.ndarray]) -> None:
    result = verify_turn([frames["right"], frames["left_small"]], "left")
    assert not result.passed and result.reason == FACE_CHANGED


def test_mirrored_frames_swap_the_direction(frames: dict[str, np.ndarray]) -> None:
    assert verify_turn([frames["left"], frames["right"]], "left", mirrored=True).passed


# --- pure geometry ----------------------------------------------------------------------------------
FRONTAL = np.array([[40.0, 50.0], [80.0, 50.0], [60.0, 70.0], [45.0, 90.0], [75.0, 90.0]])


def test_yaw_proxy_is_zero_for_a_frontal_face_and_roll_invariant() -> None:
    assert yaw_proxy(FRONTAL) == pytest.approx(0.0)
    turned = FRONTAL.copy()
    turned[2, 0] += 10  # nose 10 px right of the eye midpoint, eyes 40 px apart
    angle = np.deg2rad(25)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    assert yaw_proxy(turned) == pytest.approx(0.25)
    assert yaw_proxy(turned @ rotation.T + 7) == pytest.approx(0.25)


def test_moved_face_fails() -> None:
    turned = FRONTAL.copy()
    turned[2, 0] += 12
    assert verify_turn([FRONTAL, turned], "left").passed
    assert verify_turn([FRONTAL, turned + [60.0, 0.0]], "left").reason == FACE_CHANGED


@pytest.mark.parametrize(
    ("frames", "direction"),
    [
        ([FRONTAL], "left"),
        ([FRONTAL] * 4, "left"),
        ([FRONTAL, FRONTAL[:4]], "left"),
        ([FRONTAL, FRONTAL], "up"),
    ],
)
def test_bad_arguments(frames: list[np.ndarray], direction: str) -> None:
    with pytest.raises(ValueError):
        verify_turn(frames, direction)  # type: ignore[arg-type]
