"""Image files served as camera frames, for tests and demos.

The preview shows the current file; every :meth:`capture` returns it and moves on to the next
file (staying on the last), so a list such as ``frontal.jpg, turned_left.jpg, turned_right.jpg``
plays a capture followed by a head-turn challenge.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fvs_app.camera.base import CameraError
from fvs_app.imaging import decode_image


class ImageFileCamera:
    mirrored = False

    def __init__(self, paths: Sequence[str | Path] = ()):
        self._lock = threading.Lock()
        self._frames: list[np.ndarray] = []
        self._index = 0
        self.load(paths)

    def load(self, paths: Sequence[str | Path]) -> None:
        """Replace the files (decoded now) and start again from the first."""
        frames = []
        for path in paths:
            try:
                frames.append(decode_image(Path(path).read_bytes()))
            except OSError as exc:
                raise CameraError(f"cannot read {path}: {exc.strerror}") from None
        with self._lock:
            self._frames, self._index = frames, 0

    @property
    def position(self) -> int:
        """How many captures were taken since :meth:`load`."""
        with self._lock:
            return self._index

    def start(self) -> None:
        if not self._frames:
            raise CameraError("no image files configured")

    def stop(self) -> None:
        pass

    def preview(self) -> np.ndarray | None:
        with self._lock:
            if not self._frames:
                return None
            return self._frames[min(self._index, len(self._frames) - 1)]

    def capture(self) -> np.ndarray:
        with self._lock:
            if not self._frames:
                raise CameraError("no image files configured")
            frame = self._frames[min(self._index, len(self._frames) - 1)]
            self._index += 1
            return frame.copy()
