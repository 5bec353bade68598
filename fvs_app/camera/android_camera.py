"""The Android camera through Kivy's camera provider (front camera by default).

Kivy's Android provider fills a texture on the UI thread; a capture reads that texture's pixels
(RGBA, rows bottom-up) into an RGB frame.  Create, start and read it on the UI thread.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fvs_app.camera.base import CameraError

FRONT = 1


class AndroidCamera:
    mirrored = True

    def __init__(self, index: int = FRONT, resolution: tuple[int, int] = (1280, 720)):
        self.index, self.resolution = index, resolution
        self._camera: Any = None

    def start(self) -> None:
        if self._camera is not None:
            return
        try:
            from kivy.core.camera import Camera
        except ImportError:
            raise CameraError("no camera provider") from None
        try:
            self._camera = Camera(index=self.index, resolution=self.resolution, stopped=True)
            self._camera.start()
        except Exception as exc:
            self._camera = None
            raise CameraError(str(exc)) from None

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera = None

    def preview(self) -> np.ndarray | None:
        texture = None if self._camera is None else self._camera.texture
        if texture is None:
            return None
        width, height = texture.size
        rgba = np.frombuffer(texture.pixels, np.uint8).reshape(height, width, 4)
        return np.ascontiguousarray(rgba[::-1, :, :3])

    def capture(self) -> np.ndarray:
        frame = self.preview()
        if frame is None:
            raise CameraError("no frame from the camera yet")
        return frame.copy()
