"""What the capture screen needs from a camera."""
from __future__ import annotations

from typing import Protocol

import numpy as np


class CameraError(RuntimeError):
    """The camera cannot give a frame (absent, busy, permission refused)."""


class CameraProvider(Protocol):
    #: True when the preview shows a mirror image (front camera); captures are never mirrored.
    mirrored: bool

    def start(self) -> None:
        """Open the camera (idempotent).  Raises :class:`CameraError`."""

    def stop(self) -> None:
        """Release the camera (idempotent)."""

    def preview(self) -> np.ndarray | None:
        """The latest frame for the on-screen preview, or None before the first one."""

    def capture(self) -> np.ndarray:
        """A still taken now, as the camera records it.  Raises :class:`CameraError`."""
