"""Choose a camera provider from a spec string."""
from __future__ import annotations

from fvs_app.camera.base import CameraError, CameraProvider
from fvs_app.config import on_android


def make_camera(spec: str | None) -> CameraProvider:
    """``files:a.jpg,b.jpg`` · ``opencv[:index]`` · ``android`` · None (Android camera on a device,
    else OpenCV camera 0)."""
    if spec is None:
        spec = "android" if on_android() else "opencv:0"
    kind, _, rest = spec.partition(":")
    if kind == "files":
        from fvs_app.camera.image_files import ImageFileCamera

        return ImageFileCamera([p for p in rest.split(",") if p])
    if kind == "opencv":
        from fvs_app.camera.opencv_camera import OpenCvCamera

        return OpenCvCamera(int(rest or 0))
    if kind == "android":
        from fvs_app.camera.android_camera import AndroidCamera

        return AndroidCamera(int(rest) if rest else 1)
    raise CameraError(f"unknown camera spec {spec!r} (files:…, opencv:N, android)")
