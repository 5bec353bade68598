"""A unit QR as a card to print or show: the QR (segno) with the unit name, the service name and
the codes printed under it — PNG drawn with Pillow in the Thai TLWG font (Loma, else Garuda;
Debian's ``fonts-thai-tlwg-ttf``, shaped by libraqm when Pillow has it), or SVG whose text the
viewer draws.  A missing font is a clear 503 ``QR_FONT_MISSING``, never a card without its text."""
from __future__ import annotations

import io
from html import escape
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont, features

from server.services.line_errors import CATALOGUE

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONTS = ("Loma.ttf", "Garuda.ttf")
BOLD_FONTS = ("Loma-Bold.ttf", "Garuda-Bold.ttf")
SVG_FONTS = "Loma, Garuda, 'Noto Sans Thai', Sarabun, sans-serif"
_SCALE, _BORDER = 10, 4


def font_path(bold: bool = False, font_dir: Path | None = None) -> Path:
    font_dir = font_dir or FONT_DIR
    for name in (BOLD_FONTS if bold else ()) + FONTS:
        if (font_dir / name).is_file():
            return font_dir / name
    raise CATALOGUE.error("QR_FONT_MISSING", path=str(font_dir / FONTS[0]))


def _font(size: int, bold: bool, font_dir: Path | None) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path(bold, font_dir)), size, layout_engine=engine)


def _qr_image(payload: str) -> Image.Image:
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=_SCALE, border=_BORDER)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def labelled_png(payload: str, lines: list[str], *, font_dir: Path | None = None) -> bytes:
    """The QR with ``lines`` centred under it (the first in bold)."""
    qr = _qr_image(payload)
    width = qr.width
    fonts = []
    for i, text in enumerate(lines):
        size = 30 if i == 0 else 24
        font = _font(size, i == 0, font_dir)
        while size > 14 and font.getlength(text) > width * 1.6:  # long names: smaller, not wider
            size -= 2
            font = _font(size, i == 0, font_dir)
        fonts.append(font)
    text_w = max((int(f.getlength(t)) for f, t in zip(fonts, lines, strict=True)), default=0)
    width = max(width, text_w + 40)
    heights = [int(f.size * 1.6) for f in fonts]
    card = Image.new("RGB", (width, qr.height + sum(heights) + 24), "white")
    card.paste(qr, ((width - qr.width) // 2, 0))
    draw = ImageDraw.Draw(card)
    y = qr.height
    for font, text, h in zip(fonts, lines, heights, strict=True):
        draw.text((width // 2, y + h // 2), text, font=font, fill="black", anchor="mm")
        y += h
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=True)
    return out.getvalue()


def labelled_svg(payload: str, lines: list[str]) -> bytes:
    """The QR as SVG with ``lines`` as text under it (the viewer's Thai font draws them)."""
    qr = segno.make(payload, error="m")
    size = qr.symbol_size(scale=_SCALE, border=_BORDER)[0]
    inner = qr.svg_inline(scale=_SCALE, border=_BORDER, dark="#000", light="#fff")
    width = max(size, max((len(t) * 14 for t in lines), default=0) + 40)
    height = size + 40 * len(lines) + 24
    bold = ' font-weight="bold"'
    texts = "".join(
        f'<text x="{width // 2}" y="{size + 32 + 40 * i}" text-anchor="middle" font-family="{SVG_FONTS}" '
        f'font-size="{30 if i == 0 else 24}"{bold if i == 0 else ""}>{escape(t)}</text>'
        for i, t in enumerate(lines))
    svg = (f'<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="#fff"/>'
           f'<g transform="translate({(width - size) // 2},0)">{inner}</g>{texts}</svg>')
    return svg.encode("utf-8")


def card_lines(*, unit_name: str, hcode: str, service_name: str, service_code: str, lang: str = "th",
               extra: str | None = None) -> list[str]:
    """The text of a card: unit name (code), service name, service code."""
    if lang == "en":
        lines = [f"{unit_name} ({hcode})", service_name, f"Service code {service_code}"]
    else:
        lines = [f"{unit_name} ({hcode})", service_name, f"รหัสบริการ {service_code}"]
    return lines + ([extra] if extra else [])
