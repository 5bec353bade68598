"""Frames from the camera (RGB ``uint8`` arrays, H×W×3) → what the server receives.

Captures are resized so the longest side is at most 1280 px and JPEG-encoded on the tablet;
the face models run on the server only.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

MAX_SIDE = 1280
JPEG_QUALITY = 90


def fit_longest_side(frame: np.ndarray, max_side: int = MAX_SIDE) -> Image.Image:
    image = Image.fromarray(np.ascontiguousarray(frame[:, :, :3]), "RGB")
    longest = max(image.size)
    if longest > max_side:
        scale = max_side / longest
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.Resampling.LANCZOS)
    return image


def encode_jpeg(frame: np.ndarray, max_side: int = MAX_SIDE, quality: int = JPEG_QUALITY) -> bytes:
    buffer = io.BytesIO()
    fit_longest_side(frame, max_side).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def decode_image(data: bytes) -> np.ndarray:
    """Image bytes (JPEG/PNG…) → RGB array, EXIF orientation applied."""
    from PIL import ImageOps

    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(ImageOps.exif_transpose(image).convert("RGB"))


def mean_luma(frame: np.ndarray) -> float:
    """Average brightness 0–255 (Rec. 601 weights) on a subsample: cheap enough per preview frame."""
    small = frame[::8, ::8, :3].astype(np.float32)
    return float((small @ np.array([0.299, 0.587, 0.114], np.float32)).mean())
