"""Quality gates on a detected, aligned face, with stable reason codes.

Metrics:

* ``eye_distance_px`` — distance between the eyes in the decoded photo (FACE_TOO_SMALL);
* ``sharpness`` — variance of the Laplacian of the aligned face's grey inner region, divided by
  that region's grey-level standard deviation so that low contrast alone does not read as blur
  (BLURRY);
* ``brightness`` — mean grey level of the inner region, 0–255 (TOO_DARK / TOO_BRIGHT);
* ``yaw_deg`` / ``roll_deg`` — head rotation estimated from the 5 landmarks (POSE_TOO_LARGE).
  Roll is the angle of the eye line.  Yaw uses the sideways offset of the nose tip from the
  eye/mouth midline, in half eye-distances, as ``atan(offset)``: a coarse estimate (it assumes the
  nose tip sits about half an eye distance in front of the eyes) good enough to reject profiles.

The defaults were set from the photos in ``shared/faces`` and degraded copies of them (numbers in
``docs/face-models.md``): every real test photo passes, copies blurred with σ = 5 % of the eye
distance, darkened, overexposed, shrunk or tilted fail.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import cv2
import numpy as np

from models.detection import Face

#: Inner region of a 112×112 aligned face (eyes to chin), excluding background and padding.
INNER = (slice(28, 108), slice(24, 88))

#: Order in which failing gates are reported (the first one is the error code).
GATE_ORDER = ("FACE_TOO_SMALL", "POSE_TOO_LARGE", "TOO_DARK", "TOO_BRIGHT", "BLURRY")


@dataclass(frozen=True)
class QualityConfig:
    """Thresholds of the quality gates and of the face-selection policy."""

    min_eye_distance_px: float = 20.0
    min_sharpness: float = 2.5
    min_brightness: float = 40.0
    max_brightness: float = 220.0
    max_yaw_deg: float = 45.0
    max_roll_deg: float = 30.0
    multiple_face_ratio: float = 0.5


@dataclass(frozen=True)
class QualityMetrics:
    """Measured quality of one face and the gates it fails (empty when it passes)."""

    eye_distance_px: float
    sharpness: float
    brightness: float
    yaw_deg: float
    roll_deg: float
    reasons: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["reasons"] = list(self.reasons)
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in data.items()}


def pose_from_landmarks(landmarks: np.ndarray) -> tuple[float, float]:
    """(yaw, roll) in degrees estimated from the 5 landmarks."""
    left_eye, right_eye, nose, left_mouth, right_mouth = np.asarray(landmarks, dtype=np.float64)
    eye_vec = right_eye - left_eye
    roll = math.degrees(math.atan2(eye_vec[1], eye_vec[0]))
    eye_dist = max(float(np.hypot(*eye_vec)), 1e-6)
    axis = eye_vec / eye_dist
    eye_mid = (left_eye + right_eye) / 2
    mouth_mid = (left_mouth + right_mouth) / 2
    midline = (eye_mid + mouth_mid) / 2
    offset = float(np.dot(nose - midline, axis)) / (eye_dist / 2)
    yaw = math.degrees(math.atan(offset))
    return yaw, roll


def measure(
    face: Face, aligned_bgr: np.ndarray, config: QualityConfig, coverage: np.ndarray | None = None
) -> QualityMetrics:
    """Compute the metrics of one aligned face and list the gates it fails.

    ``coverage`` marks the aligned pixels that lie inside the photo; padding outside it (a face
    cut by the image border) is left out of brightness and sharpness, as its edge would otherwise
    read as detail.
    """
    grey = cv2.cvtColor(aligned_bgr, cv2.COLOR_BGR2GRAY)
    if grey.shape != (112, 112):
        grey = cv2.resize(grey, (112, 112), interpolation=cv2.INTER_AREA)
        coverage = None
    inner = grey[INNER].astype(np.float64)
    valid = np.ones(inner.shape, bool) if coverage is None else coverage[INNER]
    # Laplacian values next to the padding edge are excluded too (3×3 kernel).
    valid_lap = cv2.erode(valid.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    if valid_lap.sum() < 16:
        valid = valid_lap = np.ones(inner.shape, bool)
    brightness = float(inner[valid].mean())
    contrast = max(float(inner[valid].std()), 1.0)
    sharpness = float(cv2.Laplacian(inner, cv2.CV_64F)[valid_lap].var()) / contrast
    yaw, roll = pose_from_landmarks(face.landmarks)
    values = {
        "eye_distance_px": face.eye_distance,
        "sharpness": sharpness,
        "brightness": brightness,
        "yaw_deg": yaw,
        "roll_deg": roll,
    }
    return QualityMetrics(**values, reasons=failed_gates(values, config))


def failed_gates(values: dict[str, float], config: QualityConfig) -> tuple[str, ...]:
    """Reason codes (in :data:`GATE_ORDER`) of the gates the metric values fail."""
    failing = {
        "FACE_TOO_SMALL": values["eye_distance_px"] < config.min_eye_distance_px,
        "POSE_TOO_LARGE": (
            abs(values["yaw_deg"]) > config.max_yaw_deg
            or abs(values["roll_deg"]) > config.max_roll_deg
        ),
        "TOO_DARK": values["brightness"] < config.min_brightness,
        "TOO_BRIGHT": values["brightness"] > config.max_brightness,
        "BLURRY": values["sharpness"] < config.min_sharpness,
    }
    return tuple(code for code in GATE_ORDER if failing[code])
