"""Synthetic presentation attacks made from live photos: screen-replay-like transforms.

These imitate what a photo of a phone/tablet screen or a print looks like to the camera.  They are
a proxy, not real attacks: real replays add optics (defocus, reflections of the room, screen pixel
grid, paper texture) that no transform of a still photo reproduces, so APCER measured on them is a
sanity check, never a certification figure.  Every transform is deterministic for a given seed.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

Transform = Callable[[np.ndarray, np.random.Generator], np.ndarray]


def moire(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Interference of two slightly rotated fine gratings (screen pixel grid vs camera sensor)."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(3.0, 6.0)
    angle = np.deg2rad(rng.uniform(2.0, 8.0))
    g1 = np.sin(2 * np.pi * xx / period)
    g2 = np.sin(2 * np.pi * (xx * np.cos(angle) + yy * np.sin(angle)) / (period * 1.04))
    pattern = 1.0 + 0.12 * g1 * g2
    return np.clip(image.astype(np.float32) * pattern[..., None], 0, 255).astype(np.uint8)


def glare(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A bright specular blob (a lamp reflected on glass) near the upper face area."""
    h, w = image.shape[:2]
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.2, 0.5) * h
    sigma = rng.uniform(0.08, 0.15) * min(h, w)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * sigma**2))
    out = image.astype(np.float32) + 200.0 * blob[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def screen_border(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The photo shrunk inside a black phone bezel held in front of a plain background."""
    h, w = image.shape[:2]
    shrink = rng.uniform(0.55, 0.7)
    sw, sh = int(w * shrink), int(h * shrink)
    screen = cv2.resize(image, (sw, sh), interpolation=cv2.INTER_AREA)
    bezel = max(4, int(0.06 * min(sw, sh)))
    phone = cv2.copyMakeBorder(screen, bezel, bezel * 2, bezel, bezel, cv2.BORDER_CONSTANT, 15)
    colour = rng.uniform(90, 200, size=3)
    canvas = np.empty_like(image)
    canvas[:] = colour.astype(np.uint8)
    ph, pw = phone.shape[:2]
    x0 = int(rng.uniform(0, max(w - pw, 1)))
    y0 = int(rng.uniform(0, max(h - ph, 1)))
    canvas[y0 : y0 + ph, x0 : x0 + pw] = phone[: h - y0, : w - x0]
    return canvas


def jpeg_recompress(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Down-scale, two rounds of heavy JPEG (quality 8–15), up-scale: a forwarded screenshot."""
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(w // 2, 1), max(h // 2, 1)), interpolation=cv2.INTER_AREA)
    for _ in range(2):
        quality = int(rng.integers(8, 16))
        ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        small = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def perspective(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A tilted flat screen/print: random perspective warp with a dark surround."""
    h, w = image.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = rng.uniform(0.04, 0.12, size=(4, 2)) * np.float32([w, h])
    signs = np.float32([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    dst = (src + signs * jitter).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(image, matrix, (w, h), borderValue=(20, 20, 20))


def colour_cast(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Screen white point (blue cast), gamma and lowered contrast of an emissive display."""
    out = image.astype(np.float32) / 255.0
    out = out ** rng.uniform(0.6, 0.8)
    out = 0.15 + 0.8 * out
    gains = np.float32([rng.uniform(1.05, 1.2), 1.0, rng.uniform(0.8, 0.92)])  # B, G, R
    return np.clip(out * gains * 255.0, 0, 255).astype(np.uint8)


def replay(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Combined screen replay: colour cast, moiré and a bezel."""
    return screen_border(moire(colour_cast(image, rng), rng), rng)


#: Attack type → transform (the benchmark's "attack species").
TRANSFORMS: dict[str, Transform] = {
    "moire": moire,
    "glare": glare,
    "screen_border": screen_border,
    "jpeg_recompress": jpeg_recompress,
    "perspective": perspective,
    "colour_cast": colour_cast,
    "replay_combined": replay,
}


def synthesise(image: np.ndarray, kind: str, seed: int) -> np.ndarray:
    """Apply the attack transform ``kind`` to a live BGR photo, deterministically for ``seed``."""
    return TRANSFORMS[kind](image, np.random.default_rng(seed))
