"""Camera providers: OpenCV on desktop, the Android camera on device, image files for tests and demos.

Frames are RGB ``uint8`` arrays (H×W×3).  :func:`make_camera` picks one from a spec string
(``opencv:0``, ``files:a.jpg,b.jpg``, ``android``).
"""
from fvs_app.camera.base import CameraError, CameraProvider
from fvs_app.camera.factory import make_camera

__all__ = ["CameraError", "CameraProvider", "make_camera"]
