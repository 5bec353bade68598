"""Fixtures of the face-core tests: the shared weights and photos (``$FVS_SHARED_DIR``, default
``<repo>/../shared``) and one engine per model pack, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from models import FaceEngine

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """Where the shared weights and photos live."""
    return Path(os.environ.get("FVS_SHARED_DIR", REPO.parent / "shared")).resolve()


SHARED = shared_dir()
MODELS = SHARED / "models"
FACES = SHARED / "faces"


def require(path: Path) -> Path:
    """Skip the test (with the reason) when shared data are absent."""
    if not path.exists():
        pytest.skip(f"shared test data not found: {path} (set FVS_SHARED_DIR)")
    return path


def photo(relative: str) -> bytes:
    """Bytes of a photo under shared/faces (e.g. ``people/obama/obama1.jpg``)."""
    return require(FACES / relative).read_bytes()


def jpeg(image_bgr: np.ndarray, quality: int = 95) -> bytes:
    """Encode a BGR image as JPEG bytes."""
    ok, data = cv2.imencode(".jpg", image_bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()


def decode_bgr(data: bytes) -> np.ndarray:
    """Plain OpenCV decode (no EXIF handling) for building test inputs."""
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return image


def load_engine(pack: str) -> FaceEngine:
    engine = FaceEngine.load(require(MODELS / pack))
    engine.warmup()
    return engine


@pytest.fixture(scope="session")
def buffalo() -> FaceEngine:
    """buffalo_sc: SCRFD-500M + MobileFaceNet ArcFace, 512-d."""
    return load_engine("buffalo_sc")


@pytest.fixture(scope="session")
def zoo() -> FaceEngine:
    """OpenCV Zoo: YuNet + SFace int8, 128-d."""
    return load_engine("opencv_zoo")


@pytest.fixture(scope="session")
def extra() -> FaceEngine:
    """SCRFD-2.5G + MobileFaceNet 128-d."""
    return load_engine("extra")
