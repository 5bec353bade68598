"""Five-point similarity alignment to the standard 112×112 ArcFace template.

The similarity transform (rotation, uniform scale, translation) is the least-squares fit of
Umeyama (1991), "Least-squares estimation of transformation parameters between two point
patterns", computed here with numpy.
"""

from __future__ import annotations

import cv2
import numpy as np

#: Landmark positions of the ArcFace training crops at 112×112: left eye, right eye, nose tip,
#: left and right mouth corners (as seen in the image).
ARCFACE_TEMPLATE = np.array(
    [
        [38.2946, 51.6963],
        [73.5318, 51.5014],
        [56.0252, 71.7366],
        [41.5493, 92.3655],
        [70.7299, 92.2041],
    ],
    dtype=np.float64,
)


def similarity_transform(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The 2×3 similarity matrix mapping ``src`` points onto ``dst`` in the least-squares sense."""
    src = np.asarray(src, dtype=np.float64)
    dst = np.asarray(dst, dtype=np.float64)
    src_mean, dst_mean = src.mean(axis=0), dst.mean(axis=0)
    src_c, dst_c = src - src_mean, dst - dst_mean
    covariance = dst_c.T @ src_c / len(src)
    u, singular, vt = np.linalg.svd(covariance)
    sign = np.eye(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        sign[1, 1] = -1.0
    rotation = u @ sign @ vt
    src_var = (src_c**2).sum() / len(src)
    scale = float(np.trace(np.diag(singular) @ sign) / src_var) if src_var > 0 else 1.0
    translation = dst_mean - scale * rotation @ src_mean
    return np.hstack([scale * rotation, translation[:, None]])


def template_for(size: tuple[int, int]) -> np.ndarray:
    """The ArcFace template scaled to another crop size (width, height)."""
    return ARCFACE_TEMPLATE * np.array([size[0] / 112.0, size[1] / 112.0])


def align_face(
    image_bgr: np.ndarray, landmarks: np.ndarray, size: tuple[int, int] = (112, 112)
) -> np.ndarray:
    """Warp the face so its 5 landmarks land on the ArcFace template; returns a BGR crop."""
    matrix = similarity_transform(landmarks, template_for(size))
    return cv2.warpAffine(
        image_bgr,
        matrix,
        size,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(0, 0, 0),
    )


def coverage_mask(
    image_shape: tuple[int, ...], landmarks: np.ndarray, size: tuple[int, int] = (112, 112)
) -> np.ndarray:
    """Boolean mask of the aligned crop's pixels that come from inside the photo (not padding)."""
    matrix = similarity_transform(landmarks, template_for(size))
    inverse = cv2.invertAffineTransform(matrix)
    xs, ys = np.meshgrid(np.arange(size[0]), np.arange(size[1]))
    src_x = inverse[0, 0] * xs + inverse[0, 1] * ys + inverse[0, 2]
    src_y = inverse[1, 0] * xs + inverse[1, 1] * ys + inverse[1, 2]
    height, width = image_shape[:2]
    return (src_x >= 0) & (src_x <= width - 1) & (src_y >= 0) & (src_y <= height - 1)
