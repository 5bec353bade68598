"""Decode uploaded JPEG/PNG bytes into a BGR ``uint8`` array with EXIF orientation applied.

Size limits are checked before pixels are decoded (bytes first, then the header's dimensions), so
a decompression bomb costs nothing.  Large JPEGs are decoded at a reduced DCT scale when they are
far bigger than face analysis needs; PNG has no such scale, so its pixel cap is lower and a large
PNG is reduced right after decoding, before any further copy is made.  The peak memory of one
decode is thereby bounded by the PNG cap (≈ 3 bytes × ``max_png_pixels`` plus a reduced copy).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from models.errors import FaceError

ALLOWED_FORMATS = ("JPEG", "PNG")


@dataclass(frozen=True)
class DecodeLimits:
    """Limits on uploads: encoded bytes, header pixel count, and the working resolution."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 40_000_000
    #: PNGs decode at full size (no DCT scaling): a lower cap keeps one decode's memory bounded.
    max_png_pixels: int = 12_000_000
    #: JPEGs whose longest side is at least twice this are decoded at 1/2, 1/4 or 1/8 scale,
    #: keeping the longest side >= this (detection runs at <= 640 px; a face filling a tenth of
    #: the photo still has ~40 px between the eyes).
    work_side: int = 1024


def decode_image(data: bytes, limits: DecodeLimits = DecodeLimits()) -> np.ndarray:
    """Decode JPEG/PNG bytes to an upright BGR image (H×W×3 ``uint8``).

    Raises ``FaceError("IMAGE_TOO_LARGE")`` beyond the limits and ``FaceError("IMAGE_INVALID")``
    for empty, truncated, corrupt or non-JPEG/PNG data.
    """
    if len(data) > limits.max_bytes:
        raise FaceError(
            "IMAGE_TOO_LARGE", details={"bytes": len(data), "max_bytes": limits.max_bytes}
        )
    if not data:
        raise FaceError("IMAGE_INVALID", details={"reason": "empty"})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise FaceError("IMAGE_INVALID", details={"reason": f"format {image.format}"})
            width, height = image.size
            cap = limits.max_pixels if image.format == "JPEG" else limits.max_png_pixels
            if width * height > cap:
                raise FaceError(
                    "IMAGE_TOO_LARGE", details={"pixels": width * height, "max_pixels": cap}
                )
            if image.format == "JPEG" and max(width, height) >= 2 * limits.work_side:
                scale = max(width, height) / limits.work_side
                image.draft("RGB", (int(width / scale), int(height / scale)))
            image.load()
            image = ImageOps.exif_transpose(image)
            rgb = _to_rgb(image)
            factor = max(rgb.size) // limits.work_side
            if factor >= 2:  # what JPEG's draft does, for PNG: keep the longest side >= work_side
                rgb = rgb.reduce(factor)
            array = np.asarray(rgb, dtype=np.uint8)
    except FaceError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise FaceError("IMAGE_TOO_LARGE", details={"reason": "decompression bomb"}) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise FaceError("IMAGE_INVALID", details={"reason": type(exc).__name__}) from exc
    return np.ascontiguousarray(array[:, :, ::-1])


def _to_rgb(image: Image.Image) -> Image.Image:
    """Any PIL mode (L, P, RGBA, CMYK, I;16 …) → an RGB image; transparency is composed on white."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    elif image.mode.startswith("I;16"):
        image = Image.fromarray((np.asarray(image, dtype=np.uint16) >> 8).astype(np.uint8))
    return image.convert("RGB")
