"""Draw a QR code from its text as PNG bytes (OpenCV's encoder, when OpenCV is installed).

Used only when the server answers the unit-QR request with the signed payload instead of an image:
the app then draws that same payload — it never makes one up.
"""
from __future__ import annotations

MODULE_PX = 10
QUIET_MODULES = 4


class QrUnavailable(RuntimeError):
    pass


def qr_png(text: str) -> bytes:
    try:
        import cv2
    except ImportError:
        raise QrUnavailable("OpenCV is not installed") from None
    modules = cv2.QRCodeEncoder.create().encode(text)
    if modules is None or modules.size == 0:
        raise QrUnavailable("the text cannot be encoded")
    big = cv2.resize(modules, None, fx=MODULE_PX, fy=MODULE_PX, interpolation=cv2.INTER_NEAREST)
    border = MODULE_PX * QUIET_MODULES
    big = cv2.copyMakeBorder(big, border, border, border, border, cv2.BORDER_CONSTANT, value=255)
    ok, data = cv2.imencode(".png", big)
    if not ok:
        raise QrUnavailable("PNG encoding failed")
    return data.tobytes()
