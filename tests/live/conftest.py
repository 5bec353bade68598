"""Fixtures for tests on committed data: a fresh database per test and the face vector of a real
photo (computed once with the real model pack)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from models import FaceEngine
from tests.conftest import SHARED
from tests.dbutil import fresh_database
from tests.live.world import MODEL_DIR

PEOPLE = SHARED / "faces" / "people"


def photo(name: str, index: int) -> bytes:
    return sorted((PEOPLE / name).iterdir())[index].read_bytes()


@pytest.fixture
def live_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def face_vector() -> np.ndarray:
    """The template of the first Obama photo: enrolled for every test citizen; the second
    Obama photo is the live capture that matches it."""
    engine = FaceEngine.load(MODEL_DIR)
    return engine.analyze(photo("obama", 0)).embedding
