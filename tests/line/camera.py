"""A fake camera for Chromium: a Y4M video of a QR code (``--use-file-for-fake-video-capture``)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import segno
from PIL import Image


def qr_y4m(payload: str, path: Path, *, width: int = 640, height: int = 480, frames: int = 10) -> Path:
    """A few identical 4:2:0 frames: the QR (black on white) centred on a grey desk."""
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=8, border=4)
    qr = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    side = min(width, height) - 60
    qr = qr.resize((side, side), Image.NEAREST)
    canvas = Image.new("L", (width, height), 150)
    canvas.paste(qr, ((width - side) // 2, (height - side) // 2))
    y = np.asarray(canvas, dtype=np.uint8).tobytes()
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + y + chroma + chroma)
    return path


def qr_png(payload: str, path: Path) -> Path:
    """A photo of the QR as a citizen would send it (a little margin, greyish paper)."""
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=7, border=6, light="#eeeeee")
    path.write_bytes(buf.getvalue())
    return path
