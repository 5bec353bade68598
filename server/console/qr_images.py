"""QR images drawn on the server with segno: inline SVG for pages, PNG/SVG files to download."""
from __future__ import annotations

import io

import segno


def svg_inline(payload: str, *, title: str = "") -> str:
    """An ``<svg>`` element (no XML declaration) to put in a page."""
    qr = segno.make(payload, error="m")
    return qr.svg_inline(scale=4, border=2, dark="#000", light="#fff", title=title or None)


def svg_file(payload: str) -> bytes:
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="svg", scale=8, border=4)
    return buf.getvalue()


def png_file(payload: str) -> bytes:
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=10, border=4)
    return buf.getvalue()
